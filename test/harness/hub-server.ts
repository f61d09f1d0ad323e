// A fake Docker Hub API (hub.docker.com) serving the catalog seed.ts built, in the shapes live Hub
// returns (see research/docker-hub-api.md §1.2–1.4). By default it answers as Docker Hub does today:
// tag objects carry `images: []` (since 2025-08-11, docker/hub-feedback#2484) with `digest`,
// `media_type`, `tag_last_pushed` and the rest intact. `setShape('2024')` restores the old shape, in
// which images[] lists the platforms. Choices where live Hub is not documented:
// - (2024 shape) images[] lists runnable platforms only; BuildKit attestation manifests
//   (unknown/unknown) are left out, as the Hub UI hides them.
// - an archived repository answers `status: 6` (docker/hub-mcp specs/repos.json: 6 = Archived) with
//   `status_description: "archived"` (the documented enum has no such value; clients read `status`),
//   and `archived: true` in search v4 (docker/hub-mcp specs/search.yaml).
// - private repositories answer 404 "object not found" to anonymous callers (no existence leak) and are
//   left out of search; a Bearer token from POST /v2/auth/token (alice) can see them.
// - search v4 names Docker Official Images without `library/` (name/slug "nginx", id "library/nginx").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { closeServer, TOKEN_USERS } from './token-server.js';
import type { HubCatalog, HubRepository, HubSearchOnly, HubTag } from './hub-catalog.js';

/** `2026`: tag objects with `images: []`, as Docker Hub answers today; `2024`: with images[]. */
export type HubShape = '2024' | '2026';

export interface HubServer {
  url: string;
  catalog(): HubCatalog;
  setCatalog(c: HubCatalog): void;
  setShape(shape: HubShape): void;
  stop(): Promise<void>;
}

const NOT_FOUND = { message: 'object not found', errinfo: {} };
const hubTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'); // Hub prints microseconds

/** Hub's rounded pull-count strings in search results ("1B+", "500M+", "10K+", "<1K"). */
export function pullCountLabel(n: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      const step = v >= 100 ? 100 : v >= 10 ? 10 : 1;
      const rounded = Math.floor(v / step) * step;
      return `${rounded >= 500 && unit !== 'B' ? 500 : rounded}${unit}+`;
    }
  }
  return '<1K';
}

function tagJson(repoId: number, tag: HubTag, tagId: number, shape: HubShape): Record<string, unknown> {
  const pushed = hubTime(tag.pushedAt);
  const pulled = hubTime(new Date(Math.max(tag.pushedAt.getTime(), Date.now() - 3_600_000)));
  return {
    creator: 7,
    id: tagId,
    images:
      shape === '2026'
        ? []
        : tag.images.map((i) => ({
            architecture: i.platform.architecture,
            features: '',
            variant: i.platform.variant ?? null,
            digest: i.digest,
            os: i.platform.os,
            os_features: '',
            os_version: null,
            size: i.size,
            status: 'active',
            last_pulled: pulled,
            last_pushed: pushed,
          })),
    last_updated: pushed,
    last_updater: 7,
    last_updater_username: 'image-trust-sandbox',
    name: tag.name,
    repository: repoId,
    full_size: tag.images.reduce((n, i) => Math.max(n, i.size), 0),
    v2: true,
    tag_status: 'active',
    tag_last_pulled: pulled,
    tag_last_pushed: pushed,
    media_type: tag.mediaType,
    content_type: tag.contentType,
    digest: tag.digest,
  };
}

function repoJson(r: HubRepository): Record<string, unknown> {
  const last = r.tags.reduce((t, tag) => Math.max(t, tag.pushedAt.getTime()), r.dateRegistered.getTime());
  const mediaTypes = [...new Set(r.tags.map((t) => t.mediaType))];
  return {
    user: r.namespace,
    name: r.name,
    namespace: r.namespace,
    repository_type: 'image',
    status: r.archived ? 6 : 1,
    status_description: r.archived ? 'archived' : 'active',
    description: r.description,
    is_private: r.isPrivate,
    is_automated: false,
    star_count: r.starCount,
    pull_count: r.pullCount,
    last_updated: hubTime(new Date(last)),
    last_modified: hubTime(new Date(last)),
    date_registered: hubTime(r.dateRegistered),
    collaborator_count: 0,
    affiliation: null,
    hub_user: r.namespace,
    has_starred: false,
    full_description: `# ${r.namespace}/${r.name}\n\n${r.description}\n`,
    permissions: { read: true, write: false, admin: false },
    media_types: mediaTypes,
    content_types: [...new Set(r.tags.map((t) => t.contentType))],
    categories: [],
    immutable_tags_settings: { enabled: false, rules: [] },
    storage_size: r.tags.reduce((n, t) => n + t.images.reduce((m, i) => m + i.size, 0), 0),
    source: null,
  };
}

function searchJson(r: HubRepository | HubSearchOnly): Record<string, unknown> {
  const official = r.badge === 'official';
  const id = `${r.namespace}/${r.name}`;
  const updated =
    'tags' in r
      ? hubTime(new Date(r.tags.reduce((t, tag) => Math.max(t, tag.pushedAt.getTime()), 0)))
      : '2024-06-01T00:00:00.000000Z';
  return {
    id,
    name: official ? r.name : id,
    slug: official ? r.name : id,
    type: 'image',
    publisher: r.publisher,
    created_at: '2014-06-05T19:12:00.000000Z',
    updated_at: updated,
    short_description: r.description,
    badge: r.badge,
    star_count: r.starCount,
    pull_count: pullCountLabel(r.pullCount),
    operating_systems: [{ name: 'linux', label: 'Linux' }],
    architectures: [
      { name: 'amd64', label: 'x86-64' },
      { name: 'arm64', label: 'ARM 64' },
    ],
    logo_url: {},
    extension_reviewed: false,
    categories: [],
    archived: 'archived' in r && r.archived === true,
  };
}

/** Fuzzy match like Hub's search: any query word that occurs in namespace or name. */
function fuzzyMatches(query: string, ns: string, name: string): boolean {
  const words = query
    .toLowerCase()
    .split(/[\s/:_-]+/)
    .filter((w) => w.length > 1);
  return words.length > 0 && words.some((w) => name.includes(w) || ns.includes(w));
}

export async function startHubServer(initial: HubCatalog): Promise<HubServer> {
  let catalog = initial;
  let shape: HubShape = '2026';
  const sessions = new Set<string>();
  const tagIds = new Map<string, number>();
  const tagId = (key: string): number => {
    if (!tagIds.has(key)) tagIds.set(key, 100_000 + tagIds.size);
    return tagIds.get(key) ?? 0;
  };

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-ratelimit-limit': '180',
      'x-ratelimit-remaining': '179',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  };

  /** One page of a Docker Hub listing, as the API pages it (page, page_size ≤ 100, next/previous links;
   * 404 past the last page). */
  const sendPage = <T>(
    req: IncomingMessage,
    res: ServerResponse,
    u: URL,
    items: T[],
    toJson: (item: T) => unknown,
  ): void => {
    const pageSize = Math.max(1, Math.min(Number(u.searchParams.get('page_size') ?? 10) || 10, 100));
    const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
    const slice = items.slice((page - 1) * pageSize, page * pageSize);
    if (page > 1 && slice.length === 0) {
      send(req, res, 404, NOT_FOUND);
      return;
    }
    const link = (p: number): string => {
      const n = new URL(u);
      n.searchParams.set('page', String(p));
      n.searchParams.set('page_size', String(pageSize));
      return n.toString();
    };
    send(req, res, 200, {
      count: items.length,
      next: page * pageSize < items.length ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: slice.map(toJson),
    });
  };

  const findRepo = (req: IncomingMessage, ns: string, name: string): HubRepository | undefined => {
    const r = catalog.repositories.find((x) => x.namespace === ns.toLowerCase() && x.name === name.toLowerCase());
    if (r?.isPrivate) {
      const bearer = req.headers.authorization?.replace(/^Bearer /, '');
      return bearer && sessions.has(bearer) ? r : undefined;
    }
    return r;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const u = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const path = u.pathname.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/v2/auth/token') {
      let creds: { identifier?: string; secret?: string } = {};
      try {
        creds = JSON.parse(body) as typeof creds;
      } catch {
        /* falls through to 401 */
      }
      if (!creds.identifier || TOKEN_USERS[creds.identifier]?.password !== creds.secret) {
        send(req, res, 401, {
          detail: 'Incorrect authentication credentials.',
          message: 'Incorrect authentication credentials.',
        });
        return;
      }
      const token = randomUUID();
      sessions.add(token);
      send(req, res, 200, { access_token: token });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { message: 'method not allowed', errinfo: {} });
      return;
    }

    if (path === '/api/search/v4' && req.method === 'GET') {
      const q = u.searchParams.get('query') ?? '';
      const from = Number(u.searchParams.get('from') ?? 0) || 0;
      const size = Math.min(Number(u.searchParams.get('size') ?? 25) || 25, 100);
      const all = [...catalog.repositories.filter((r) => !r.isPrivate), ...catalog.searchOnly]
        .filter((r) => fuzzyMatches(q, r.namespace, r.name))
        .sort((a, b) => b.pullCount - a.pullCount); // popularity first: the exact match is not always on top
      send(req, res, 200, { total: all.length, results: all.slice(from, from + size).map(searchJson) });
      return;
    }

    // GET /v2/namespaces/{ns}/repositories (listNamespaceRepositories): the namespace's repositories
    // the caller may see, a page at a time (page_size ≤ 100, default 10), ordered by name
    const listing = /^\/v2\/namespaces\/([^/]+)\/repositories$/.exec(path);
    if (listing) {
      const ns = decodeURIComponent(listing[1] ?? '').toLowerCase();
      const visible = catalog.repositories
        .filter((r) => r.namespace === ns && findRepo(req, ns, r.name) === r)
        .sort((a, b) =>
          u.searchParams.get('ordering') === '-name' ? b.name.localeCompare(a.name) : a.name.localeCompare(b.name),
        );
      sendPage(req, res, u, visible, repoJson);
      return;
    }

    // /v2/namespaces/{ns}/repositories/{repo}[/tags[/{tag}]] and legacy /v2/repositories/{ns}/{repo}[/tags[/{tag}]]
    const m =
      /^\/v2\/(?:namespaces\/([^/]+)\/repositories|repositories\/([^/]+))\/([^/]+)(?:\/(tags)(?:\/([^/]+))?)?$/.exec(
        path,
      );
    if (!m) {
      send(req, res, 404, NOT_FOUND);
      return;
    }
    const ns = decodeURIComponent(m[1] ?? m[2] ?? '');
    const repo = findRepo(req, ns, decodeURIComponent(m[3] ?? ''));
    if (!repo) {
      send(req, res, 404, NOT_FOUND);
      return;
    }
    const repoId = catalog.repositories.indexOf(repo) + 1;
    if (!m[4]) {
      send(req, res, 200, repoJson(repo));
      return;
    }
    if (m[5] !== undefined) {
      const name = decodeURIComponent(m[5]);
      const tag = repo.tags.find((t) => t.name === name);
      if (!tag) {
        send(req, res, 404, NOT_FOUND);
        return;
      }
      send(req, res, 200, tagJson(repoId, tag, tagId(`${ns}/${repo.name}:${tag.name}`), shape));
      return;
    }
    let tags = [...repo.tags];
    const nameFilter = u.searchParams.get('name');
    if (nameFilter) tags = tags.filter((t) => t.name.includes(nameFilter));
    const ordering = u.searchParams.get('ordering') ?? '-last_updated';
    const byTime = (a: HubTag, b: HubTag): number =>
      a.pushedAt.getTime() - b.pushedAt.getTime() || a.name.localeCompare(b.name);
    const byName = (a: HubTag, b: HubTag): number => a.name.localeCompare(b.name);
    tags.sort(ordering.endsWith('name') ? byName : byTime);
    if (ordering.startsWith('-')) tags.reverse();
    sendPage(req, res, u, tags, (t) => tagJson(repoId, t, tagId(`${ns}/${repo.name}:${t.name}`), shape));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    catalog: () => catalog,
    setCatalog: (c) => {
      catalog = c;
    },
    setShape: (s) => {
      shape = s;
    },
    stop: () => closeServer(server),
  };
}
