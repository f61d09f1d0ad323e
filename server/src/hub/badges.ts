// Publisher badges. Docker Official Images are the `library` namespace (no request). Others come
// from the Hub website's search v4 (undocumented; shape checked): the result whose name matches the
// repository exactly. Badges are granted per namespace, so one answer is cached for the namespace.
// Any failure or surprise → null (publisher status unknown), never a guess.
import { BADGES, type Badge } from '../model/facts.js';
import { type HttpClient, parseJson } from './http.js';

/** a failed search is retried after this, not on every lookup */
const FAILURE_TTL_MS = 60_000;

export class BadgeLookup {
  private readonly cache = new Map<string, { badge: Badge | null; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<Badge | null>>();

  constructor(
    private readonly http: HttpClient,
    private readonly apiUrl: () => string,
    private readonly ttlMs: () => number,
    private readonly now: () => number,
  ) {}

  badge(namespace: string, repository: string): Promise<Badge | null> {
    if (namespace === 'library') return Promise.resolve('official');
    const cached = this.cache.get(namespace);
    if (cached && cached.expiresAt > this.now()) return Promise.resolve(cached.badge);
    let p = this.pending.get(namespace);
    if (!p) {
      p = this.search(namespace, repository).then(({ badge, cacheable }) => {
        this.cache.set(namespace, { badge, expiresAt: this.now() + (cacheable ? this.ttlMs() : FAILURE_TTL_MS) });
        return badge;
      });
      p.finally(() => this.pending.delete(namespace)).catch(() => {});
      this.pending.set(namespace, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }

  private async search(namespace: string, repository: string): Promise<{ badge: Badge | null; cacheable: boolean }> {
    const name = `${namespace}/${repository}`;
    const url = new URL(`${this.apiUrl().replace(/\/+$/, '')}/api/search/v4`);
    url.searchParams.set('query', name);
    try {
      const res = await this.http.request({ url, headers: { accept: 'application/json' } });
      if (res.status !== 200) return { badge: null, cacheable: false };
      const body = parseJson(res, 'Docker Hub search') as { results?: unknown };
      if (typeof body !== 'object' || body === null || !Array.isArray(body.results)) return { badge: null, cacheable: false };
      const match = body.results.find(
        (r: unknown) => typeof r === 'object' && r !== null &&
          ((r as { name?: unknown }).name === name || (r as { id?: unknown }).id === name),
      ) as { badge?: unknown } | undefined;
      if (!match) return { badge: null, cacheable: false };
      // hub-mcp: a community publisher's badge is "none" or null
      if (match.badge === null) return { badge: 'none', cacheable: true };
      if (typeof match.badge === 'string' && (BADGES as readonly string[]).includes(match.badge)) return { badge: match.badge as Badge, cacheable: true };
      return { badge: null, cacheable: false };
    } catch {
      return { badge: null, cacheable: false };
    }
  }
}
