// Registry and Docker Hub rate limits: what the last response said about the quota, and per-host
// back-off after a 429. During a back-off no request goes to that host at all.
import type { RateLimitInfo } from '../model/facts.js';

type HeaderGetter = (name: string) => string | null;

const DEFAULT_BACKOFF_MS = 60_000;
/** Never wait longer than this, whatever a server says (a bad header must not silence a host for days). */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** "100;w=21600" → 100; "42" → 42; anything else → null. */
function leadingNumber(v: string | null): number | null {
  if (v === null) return null;
  const m = /^\s*(\d+)/.exec(v);
  return m ? Number(m[1]) : null;
}

/** Reads `ratelimit-limit`/`ratelimit-remaining` (registry, "100;w=21600") and `X-RateLimit-*`
 * (Hub API; Reset is epoch seconds). Null when the response carries none of them. */
export function parseRateLimit(get: HeaderGetter): RateLimitInfo | null {
  const limit = leadingNumber(get('ratelimit-limit') ?? get('x-ratelimit-limit'));
  const remaining = leadingNumber(get('ratelimit-remaining') ?? get('x-ratelimit-remaining'));
  const reset = leadingNumber(get('x-ratelimit-reset'));
  if (limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetAt: reset === null ? null : new Date(reset * 1000).toISOString() };
}

/** When a 429'd host may be asked again (epoch ms): `Retry-After` (seconds or an HTTP date),
 * else `X-Retry-After` (epoch seconds; older Hub API docs), else one minute. */
export function retryAtFrom(get: HeaderGetter, now: number): number {
  const retryAfter = get('retry-after')?.trim();
  let at: number | null = null;
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) at = now + Number(retryAfter) * 1000;
    else {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) at = date;
    }
  }
  const xRetry = get('x-retry-after')?.trim();
  if (at === null && xRetry && /^\d+$/.test(xRetry)) at = Number(xRetry) * 1000;
  if (at === null || at <= now) at = now + DEFAULT_BACKOFF_MS;
  return Math.min(at, now + MAX_BACKOFF_MS);
}

export class RateLimits {
  private readonly backoff = new Map<string, number>();
  private readonly quota = new Map<string, RateLimitInfo>();

  constructor(private readonly now: () => number) {}

  /** Epoch ms until which `host` must not be contacted, or null. */
  backoffUntil(host: string): number | null {
    const until = this.backoff.get(host);
    if (until === undefined) return null;
    if (until <= this.now()) {
      this.backoff.delete(host);
      return null;
    }
    return until;
  }

  /** Records what a response says; returns the back-off end for a 429. */
  record(host: string, status: number, get: HeaderGetter): number | null {
    const info = parseRateLimit(get);
    if (info) this.quota.set(host, info);
    if (status !== 429) return null;
    const until = retryAtFrom(get, this.now());
    this.backoff.set(host, until);
    return until;
  }

  quotaOf(host: string): RateLimitInfo | null {
    return this.quota.get(host) ?? null;
  }

  /** The host with the latest-ending active back-off, for the status bar. */
  activeBackoff(): { host: string; until: number } | null {
    let best: { host: string; until: number } | null = null;
    for (const host of [...this.backoff.keys()]) {
      const until = this.backoffUntil(host);
      if (until !== null && (best === null || until > best.until)) best = { host, until };
    }
    return best;
  }

  clear(): void {
    this.backoff.clear();
    this.quota.clear();
  }
}
