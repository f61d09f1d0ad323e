// Publisher badges. Docker Official Images are the `library` namespace (no request). Others come
// from the Hub website's search v4 (undocumented; shape checked): the result whose name matches the
// repository exactly. Badges are granted per namespace, so one answer is cached for the namespace.
// Any failure or surprise → null (publisher status unknown), never a guess. The same answer says,
// for each repository of the namespace it lists, whether it is archived (search v4 `archived`).
import { BADGES, type Badge } from '../model/facts.js';
import { repositoryOrNull } from './edge.js';
import { type HttpClient, parseJson } from './http.js';
import { Memo } from './memo.js';

/** a failed search is retried after this, not on every lookup */
const FAILURE_TTL_MS = 60_000;
/** namespaces remembered (a check of thousands of images names far fewer publishers) */
const MAX_NAMESPACES = 2000;

type Answer = { badge: Badge | null; cacheable: boolean; archived?: ReadonlyMap<string, boolean> };

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

  /** What the namespace's search said about `repository` being archived; null when it did not list
   * it (or no search was made: Docker Official Images need none for their badge). */
  archived(namespace: string, repository: string): boolean | null {
    return this.memo.peek(namespace)?.value.archived?.get(repository) ?? null;
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
      if (typeof body !== 'object' || body === null || !Array.isArray(body.results))
        return { badge: null, cacheable: false };
      const results = body.results.filter((r: unknown): r is SearchResult => typeof r === 'object' && r !== null);
      // only a result named exactly as asked, by a name the reference grammar accepts
      const match = results.find((r) => repositoryOrNull(r.name) === name || repositoryOrNull(r.id) === name);
      const archived = archivedIn(results, namespace);
      if (!match) return { badge: null, cacheable: false, archived };
      // hub-mcp: a community publisher's badge is "none" or null
      if (match.badge === null) return { badge: 'none', cacheable: true, archived };
      if (typeof match.badge === 'string' && (BADGES as readonly string[]).includes(match.badge))
        return { badge: match.badge as Badge, cacheable: true, archived };
      return { badge: null, cacheable: false, archived };
    } catch {
      return { badge: null, cacheable: false };
    }
  }
}

interface SearchResult {
  name?: unknown;
  id?: unknown;
  badge?: unknown;
  archived?: unknown;
}

/** `namespace/repository`, validated; Docker Official Images are named without `library/`, their id has it. */
function nameOf(r: SearchResult): string | null {
  return repositoryOrNull(r.id) ?? repositoryOrNull(r.name);
}

/** repository → archived, for the results of `namespace` that say so. */
function archivedIn(results: SearchResult[], namespace: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const r of results) {
    const full = nameOf(r);
    if (full?.startsWith(`${namespace}/`) && typeof r.archived === 'boolean')
      out.set(full.slice(namespace.length + 1), r.archived);
  }
  return out;
}
