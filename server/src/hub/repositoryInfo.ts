// Docker Hub repository answers (description, archived) for many repositories at once: a check
// asks for one for every Docker Hub image its namespace's search did not list. When several
// repositories of one namespace are asked for within a few milliseconds, the namespace's listing
// answers them, 100 a page, instead of one request each; what the listing does not hold is asked
// one by one (only the repository endpoint's 404 says that a repository does not exist).
import type { DockerHubApi, HubAnswer, HubRepository } from './dockerHubApi.js';
import { Memo } from './memo.js';

/** how long the first request of a namespace waits for others to join it */
const GATHER_MS = 10;
/** fewer repositories than this are asked one by one: a listing would not save a request */
const LIST_MIN = 3;
/** pages of a namespace's listing read at most (a namespace of 500 repositories) */
const MAX_PAGES = 5;
/** a page read answers the repositories asked for after it, for this long (the facts of each are
 * cached for much longer anyway) */
const PAGE_TTL_MS = 60_000;
const MAX_CACHED_PAGES = 500;

type Page = Awaited<ReturnType<DockerHubApi['namespacePage']>>;

interface Waiting {
  repository: string;
  resolve: (answer: HubAnswer<HubRepository>) => void;
  reject: (error: unknown) => void;
}

export class RepositoryInfo {
  /** namespace → the repositories asked for and not yet answered */
  private readonly gathering = new Map<string, Waiting[]>();

  private readonly pages: Memo<string, Page>;

  constructor(
    private readonly hub: Pick<DockerHubApi, 'repository' | 'namespacePage'>,
    now: () => number,
  ) {
    this.pages = new Memo({ maxEntries: MAX_CACHED_PAGES, ttlMs: () => PAGE_TTL_MS, now });
  }

  /** As DockerHubApi.repository; throws what it throws. */
  get(namespace: string, repository: string): Promise<HubAnswer<HubRepository>> {
    return new Promise((resolve, reject) => {
      let waiting = this.gathering.get(namespace);
      if (!waiting) {
        const list: Waiting[] = (waiting = []);
        this.gathering.set(namespace, list);
        setTimeout(() => {
          this.gathering.delete(namespace);
          void this.answer(namespace, list);
        }, GATHER_MS);
      }
      waiting.push({ repository, resolve, reject });
    });
  }

  private async answer(namespace: string, waiting: Waiting[]): Promise<void> {
    let rest = waiting;
    if (new Set(waiting.map((w) => w.repository)).size >= LIST_MIN) {
      try {
        for (let page = 1; page <= MAX_PAGES && rest.length > 0; page++) {
          const { repositories, pages } = await this.pages.get(`${namespace}\n${page}`, () =>
            this.hub.namespacePage(namespace, page),
          );
          rest = rest.filter((w) => {
            const found = repositories.get(w.repository);
            if (found) w.resolve({ found: true, value: found });
            return !found;
          });
          // another page is worth it only while it may spare more requests than it costs
          const left = (pages ?? page) - page;
          if (left <= 0 || left > new Set(rest.map((w) => w.repository)).size) break;
        }
      } catch {
        // the listing failed: every repository left is asked on its own, and fails on its own
      }
    }
    const asked = new Map<string, Promise<HubAnswer<HubRepository>>>();
    for (const w of rest) {
      let answer = asked.get(w.repository);
      if (!answer) asked.set(w.repository, (answer = this.hub.repository(namespace, w.repository)));
      answer.then(w.resolve, w.reject);
    }
  }
}
