// Publisher badges. Docker Official Images are the `library` namespace (no request). Others come
// from the Hub website's search v4 (undocumented; shape checked): the result whose name matches the
// repository exactly. Badges are granted per namespace, so one answer is cached for the namespace.
// Any failure or surprise → null (publisher status unknown), never a guess.
import { BADGES, type Badge } from '../model/facts.js';
import { repositoryOrNull } from './edge.js';
import { type HttpClient, parseJson } from './http.js';
import { Memo } from './memo.js';

/** a failed search is retried after this, not on every lookup */
const FAILURE_TTL_MS = 60_000;
/** namespaces remembered (a check of thousands of images names far fewer publishers) */
const MAX_NAMESPACES = 2000;

type Answer = { badge: Badge | null; cacheable: boolean };

export class BadgeLookup {
  private readonly memo: Memo<string, Answer>;

  constructor(
    private readonly http: HttpClient,
    private readonly apiUrl: () => string,
    ttlMs: () => number,
    now: () => number,
  ) {
    this.memo = new Memo({ maxEntries: MAX_NAMESPACES, ttlMs: (a) => (a.cacheable ? ttlMs() : FAILURE_TTL_MS), now });
  }

  async badge(namespace: string, repository: string): Promise<Badge | null> {
    if (namespace === 'library') return 'official';
    return (await this.memo.get(namespace, () => this.search(namespace, repository))).badge;
  }

  clear(): void {
    this.memo.clear();
  }

  /** Never rejects: any failure is an answer (unknown, retried after FAILURE_TTL_MS). */
  private async search(namespace: string, repository: string): Promise<Answer> {
    const name = `${namespace}/${repository}`;
    const url = new URL(`${this.apiUrl().replace(/\/+$/, '')}/api/search/v4`);
    url.searchParams.set('query', name);
    try {
      const res = await this.http.request({ url, headers: { accept: 'application/json' } });
      if (res.status !== 200) return { badge: null, cacheable: false };
      const body = parseJson(res, 'Docker Hub search') as { results?: unknown };
      if (typeof body !== 'object' || body === null || !Array.isArray(body.results)) return { badge: null, cacheable: false };
      // only a result named exactly as asked, by a name the reference grammar accepts
      const match = body.results.find(
        (r: unknown) => typeof r === 'object' && r !== null &&
          (repositoryOrNull((r as { name?: unknown }).name) === name || repositoryOrNull((r as { id?: unknown }).id) === name),
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
