// Docker Hub's own API (hub.docker.com), anonymous: the tag (digest, media type, platforms, last
// push), the repository (description, archived), a namespace's repositories and one page of tags.
// These cost no pull. Every response is
// validated here so the rest of the layer can trust its types.
import type { Platform, TagInfo } from '../model/facts.js';
import {
  digestOrNull,
  mediaTypeOrNull,
  platformFieldOrNull,
  repositoryOrNull,
  tagOrNull,
  timestampOrNull,
} from './edge.js';
import { failure } from './errors.js';
import { MAX_PLATFORMS, MAX_TAGS, MAX_TAGS_FOR_DIGEST } from './limits.js';
import { type HttpClient, type HttpResponse, parseJson, statusFailure } from './http.js';

export interface HubTag {
  digest: string | null;
  mediaType: string | null;
  platforms: Platform[];
  lastPushed: string | null;
}

export interface HubRepository {
  description: string | null;
  archived: boolean | null;
}

/** repository_status 6 = Archived (docker/hub-mcp specs/repos.json) */
const ARCHIVED_STATUS = 6;

/** Docker Hub caps short descriptions at 100 characters; anything far longer is not one. */
const MAX_DESCRIPTION = 1000;

export type HubAnswer<T> = { found: true; value: T } | { found: false };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class DockerHubApi {
  constructor(
    private readonly http: HttpClient,
    private readonly apiUrl: () => string,
  ) {}

  private url(path: string): URL {
    return new URL(`${this.apiUrl().replace(/\/+$/, '')}${path}`);
  }

  private async get(path: string): Promise<HttpResponse> {
    return this.http.request({ url: this.url(path), headers: { accept: 'application/json' } });
  }

  async tag(namespace: string, repository: string, tag: string): Promise<HubAnswer<HubTag>> {
    const what = 'Docker Hub tag';
    const res = await this.get(`/v2/namespaces/${enc(namespace)}/repositories/${enc(repository)}/tags/${enc(tag)}`);
    if (res.status === 404) return { found: false };
    if (res.status !== 200) throw statusFailure(res, what);
    return { found: true, value: parseHubTag(parseJson(res, what)) };
  }

  /** The repository: its description and whether Docker Hub marks it archived (`status` 6, per
   * Docker's own API description in docker/hub-mcp specs/repos.json; null when it says nothing). */
  async repository(namespace: string, repository: string): Promise<HubAnswer<HubRepository>> {
    const what = 'Docker Hub repository';
    const res = await this.get(`/v2/namespaces/${enc(namespace)}/repositories/${enc(repository)}`);
    if (res.status === 404) return { found: false };
    if (res.status !== 200) throw statusFailure(res, what);
    const body = parseJson(res, what);
    if (!isRecord(body)) throw failure('bad-response', `${what}: unexpected shape`);
    return { found: true, value: repositoryOf(body) };
  }

  /** One page (100, by name) of a namespace's repositories, each as `repository` gives it; `pages`:
   * how many there are in all (null when the answer does not say). */
  async namespacePage(
    namespace: string,
    page: number,
  ): Promise<{ repositories: Map<string, HubRepository>; pages: number | null }> {
    const what = 'Docker Hub repository list';
    const res = await this.get(
      `/v2/namespaces/${enc(namespace)}/repositories?page_size=${LIST_PAGE}&page=${page}&ordering=name`,
    );
    if (res.status !== 200) throw statusFailure(res, what);
    const body = parseJson(res, what);
    if (!isRecord(body) || !Array.isArray(body.results)) throw failure('bad-response', `${what}: unexpected shape`);
    const repositories = new Map<string, HubRepository>();
    for (const r of body.results.slice(0, LIST_PAGE)) {
      // only entries of the namespace asked for, under a name the reference grammar accepts
      if (!isRecord(r) || typeof r.name !== 'string' || repositoryOrNull(`${namespace}/${r.name}`) === null) continue;
      if (typeof r.namespace === 'string' && r.namespace !== namespace) continue;
      repositories.set(r.name, repositoryOf(r));
    }
    const pages = typeof body.count === 'number' && body.count >= 0 ? Math.ceil(body.count / LIST_PAGE) : null;
    return { repositories, pages };
  }

  /** One page (100) of the most recently updated tags, newest first, with their digests and push times. */
  async recentTags(namespace: string, repository: string): Promise<TagInfo[]> {
    const what = 'Docker Hub tag list';
    const res = await this.get(
      `/v2/namespaces/${enc(namespace)}/repositories/${enc(repository)}/tags?page_size=100&ordering=last_updated`,
    );
    if (res.status !== 200) throw statusFailure(res, what);
    const body = parseJson(res, what);
    if (!isRecord(body) || !Array.isArray(body.results)) throw failure('bad-response', `${what}: unexpected shape`);
    const out: TagInfo[] = [];
    for (const r of body.results.slice(0, MAX_TAGS)) {
      // a tag name reaches the user's file through the latest-tag fix and completion: only grammar-valid names
      const name = isRecord(r) ? tagOrNull(r.name) : null;
      if (name && isRecord(r)) {
        out.push({
          name,
          digest: digestOrNull(r.digest),
          lastPushed: timestampOrNull(r.tag_last_pushed) ?? timestampOrNull(r.last_updated),
        });
      }
    }
    return out;
  }
}

/** Repositories per page of a namespace's listing (the API's maximum). */
const LIST_PAGE = 100;

/** The description and the archived mark of a repository answer (single or listed). */
function repositoryOf(body: Record<string, unknown>): HubRepository {
  // free text for the hover: bounded here, made inert where it is rendered
  const description = typeof body.description === 'string' ? body.description.slice(0, MAX_DESCRIPTION) : null;
  const archived = typeof body.status === 'number' ? body.status === ARCHIVED_STATUS : null;
  return { description, archived };
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** The live tag shape (images is an array, unlike the OpenAPI text). */
export function parseHubTag(body: unknown): HubTag {
  if (!isRecord(body)) throw failure('bad-response', 'Docker Hub tag: unexpected shape');
  const platforms: Platform[] = [];
  if (Array.isArray(body.images)) {
    for (const img of body.images.slice(0, MAX_PLATFORMS)) {
      if (!isRecord(img)) continue;
      const os = platformFieldOrNull(img.os);
      const architecture = platformFieldOrNull(img.architecture);
      const digest = digestOrNull(img.digest);
      // attestation entries (unknown/unknown) are not platforms
      if (!os || !architecture || !digest || os === 'unknown' || architecture === 'unknown') continue;
      const variant = platformFieldOrNull(img.variant);
      platforms.push(variant ? { os, architecture, variant, digest } : { os, architecture, digest });
    }
  }
  return {
    digest: digestOrNull(body.digest),
    mediaType: mediaTypeOrNull(body.media_type),
    platforms,
    lastPushed: timestampOrNull(body.tag_last_pushed) ?? timestampOrNull(body.last_updated),
  };
}

/** Tags pointing at `digest`, most specific first (most dots/dashes, then longest), without
 * `latest` and without cosign/referrers helper tags. */
export function tagsForDigest(
  tags: Array<{ name: string; digest: string | null }>,
  digest: string,
  except: string,
): string[] {
  const segments = (t: string) => t.split(/[.\-_]/).length;
  return tags
    .filter((t) => t.digest === digest && t.name !== except && t.name !== 'latest' && !/^sha256-/.test(t.name))
    .map((t) => t.name)
    .sort((a, b) => segments(b) - segments(a) || b.length - a.length || a.localeCompare(b))
    .slice(0, MAX_TAGS_FOR_DIGEST);
}
