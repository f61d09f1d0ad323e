// Shared pieces of the hub tests: default settings, URL builders and a service on a fake fetch.
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/model/settings.js';
import { createFactsService, type FactsServiceOptions, type HubFactsService } from '../../../server/src/hub/index.js';
import { HttpClient } from '../../../server/src/hub/http.js';
import { RateLimits } from '../../../server/src/hub/rateLimit.js';
import { FakeFetch } from './fakeFetch.js';

export const HUB_API = 'https://hub.docker.com';
export const HUB_REG = 'https://registry-1.docker.io';
export const D1 = `sha256:${'1'.repeat(64)}`;
export const D2 = `sha256:${'2'.repeat(64)}`;
export const SIG = `sha256:${'5'.repeat(64)}`;

export function settings(
  patch: Partial<{ mirrors: Record<string, string>; insecure: string[]; allowed: string[]; ttlMinutes: number }> = {},
): Settings {
  return {
    ...DEFAULT_SETTINGS,
    registries: {
      mirrors: patch.mirrors ?? {},
      insecure: patch.insecure ?? [],
      allowedInUntrustedWorkspaces: patch.allowed ?? ['docker.io'],
    },
    cache: { ttlMinutes: patch.ttlMinutes ?? 60 },
  };
}

export function tokenUrl(realm: string, service: string, repository: string): string {
  const u = new URL(realm);
  u.searchParams.set('service', service);
  u.searchParams.set('scope', `repository:${repository}:pull`);
  return u.href;
}

export const hubToken = (repository: string) =>
  tokenUrl('https://auth.docker.io/token', 'registry.docker.io', repository);

/** A clock the test moves by hand. */
export class Clock {
  constructor(public t = Date.UTC(2026, 0, 1)) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export function service(fake: FakeFetch, extra: Partial<FactsServiceOptions> = {}): HubFactsService {
  return createFactsService({
    settings: settings(),
    fetch: fake.fetch,
    trusted: true,
    dockerConfigPath: '/nonexistent/config.json',
    ...extra,
  });
}

export function httpClient(fake: FakeFetch, clock = new Clock(), o: { timeoutMs?: number; insecure?: string[] } = {}) {
  const rateLimits = new RateLimits(clock.now);
  const http = new HttpClient({
    fetch: fake.fetch,
    rateLimits,
    timeoutMs: o.timeoutMs ?? 10_000,
    insecureHosts: () => o.insecure ?? [],
    lifetime: new AbortController().signal,
  });
  return { http, rateLimits, clock };
}

/** A Hub tag payload in the live shape (images is an array). */
export function hubTagBody(digest: string, images: unknown[] = [], pushed = '2025-10-02T08:15:00Z') {
  return {
    name: 'x',
    digest,
    media_type: 'application/vnd.oci.image.index.v1+json',
    content_type: 'image',
    tag_status: 'active',
    v2: true,
    images,
    tag_last_pushed: pushed,
    last_updated: pushed,
  };
}

export function target(image: { registry: string; repository: string; tag?: string | null; digest?: string | null }) {
  return {
    registry: image.registry,
    repository: image.repository,
    tag: image.tag ?? null,
    digest: image.digest ?? null,
  };
}
