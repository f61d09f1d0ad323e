// `npm run data:refresh`: rebuilds the lists the lookalike check ships (server/data/) from their
// sources. Needs the network unless told where a clone is; never run by the tests.
//
//   official-images.json  the names in library/ of docker-library/official-images (GitHub API, or a
//                         local clone: --official-images-git <dir>); names that disappear since the
//                         last refresh move to `retired` (a clone gives the whole history at once)
//   publishers.json       the namespaces behind the most-pulled badged repositories on Docker Hub
//                         (the website's search v4, badges=verified_publisher,open_source, by pulls)
//   registries.json       hand-curated; not refreshed
//
// Every answer is checked before it is written: a surprise stops the refresh, it never writes a
// half-empty list.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseOfficialImages, parsePublishers, type Publisher } from '../server/src/policy/lookalike/dataFormat.js';

const DATA = path.join(__dirname, '..', 'server', 'data');
const OFFICIAL_REPO = 'docker-library/official-images';
/** repositories (search results) read from Docker Hub; the namespaces behind them are kept */
const TOP_REPOSITORIES = 2000;
const PAGE = 100;
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** names of library/ that are not images (a file of the early layout) */
const NOT_IMAGES = new Set(['MAINTAINERS']);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Writes a list after checking it the way the product will read it. */
function write(file: string, data: object, check: (raw: unknown) => unknown): void {
  check(data);
  writeFileSync(path.join(DATA, file), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote server/data/${file}`);
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'image-trust data refresh' } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > 20_000_000) throw new Error(`${url}: answer too large`);
  return JSON.parse(body);
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function imageNames(lines: string[]): string[] {
  const names = lines.map((l) => l.trim()).filter((l) => l !== '' && !NOT_IMAGES.has(l));
  for (const n of names) if (!NAME.test(n)) throw new Error(`library/${n}: not an image name`);
  return [...new Set(names)].sort();
}

async function officialImages(gitDir: string | undefined): Promise<void> {
  const previous = parseOfficialImages(JSON.parse(readFileSync(path.join(DATA, 'official-images.json'), 'utf8')));
  let commit: string;
  let date: string;
  let names: string[];
  let everSeen: string[] = [];
  if (gitDir) {
    [commit = '', date = ''] = git(gitDir, 'log', '-1', '--format=%H %cs', 'HEAD').trim().split(' ');
    names = imageNames(
      git(gitDir, 'ls-tree', '--name-only', 'HEAD', 'library/')
        .split('\n')
        .map((l) => l.replace(/^library\//, '')),
    );
    everSeen = imageNames(
      git(gitDir, 'log', '--diff-filter=A', '--name-only', '--format=', '--', 'library/*')
        .split('\n')
        .filter((l) => /^library\/[^/]+$/.test(l))
        .map((l) => l.replace(/^library\//, '')),
    );
  } else {
    const head = (await getJson(`https://api.github.com/repos/${OFFICIAL_REPO}/commits/HEAD`)) as {
      sha?: unknown;
      commit?: { committer?: { date?: unknown } };
    };
    if (typeof head.sha !== 'string' || !/^[0-9a-f]{40}$/.test(head.sha)) throw new Error('GitHub: no commit id');
    commit = head.sha;
    const when = head.commit?.committer?.date;
    if (typeof when !== 'string') throw new Error('GitHub: no commit date');
    date = when.slice(0, 10);
    const listing = await getJson(`https://api.github.com/repos/${OFFICIAL_REPO}/contents/library?ref=${commit}`);
    if (!Array.isArray(listing)) throw new Error('GitHub: library/ listing is not an array');
    names = imageNames(listing.filter((e) => e && e.type === 'file').map((e) => String(e.name)));
  }
  if (names.length < 100) throw new Error(`only ${names.length} official images: refusing to write`);
  const current = new Set(names);
  const retired = [...new Set([...previous.retired, ...previous.names, ...everSeen])]
    .filter((n) => !current.has(n))
    .sort();
  const source = `https://github.com/${OFFICIAL_REPO}/tree/${commit}/library`;
  write('official-images.json', { version: 1, source, date, names, retired }, parseOfficialImages);
}

interface SearchResult {
  name?: unknown;
  badge?: unknown;
  pull_count?: unknown;
}

async function publishers(apiUrl: string): Promise<void> {
  const byNamespace = new Map<string, Publisher>();
  for (let from = 0; from < TOP_REPOSITORIES; from += PAGE) {
    const url = new URL('/api/search/v4', apiUrl);
    for (const [k, v] of Object.entries({
      query: '',
      badges: 'verified_publisher,open_source',
      type: 'image',
      sort: 'pull_count',
      order: 'desc',
      from: String(from),
      size: String(PAGE),
    })) {
      url.searchParams.set(k, v);
    }
    const body = (await getJson(url.href)) as { results?: unknown };
    if (!Array.isArray(body.results)) throw new Error(`${url.href}: no results array`);
    if (body.results.length === 0) break;
    for (const r of body.results as SearchResult[]) {
      if (typeof r?.name !== 'string') throw new Error(`${url.href}: a result without a name`);
      const [namespace = '', repository = '', ...rest] = r.name.split('/');
      if (rest.length || !NAME.test(namespace) || !NAME.test(repository))
        throw new Error(`${url.href}: ${JSON.stringify(r.name)} is not namespace/repository`);
      if (r.badge !== 'verified_publisher' && r.badge !== 'open_source') continue;
      const p = byNamespace.get(namespace) ?? { namespace, badge: r.badge, repositories: [] };
      if (p.repositories.length < 20) p.repositories.push(repository);
      byNamespace.set(namespace, p);
    }
  }
  if (byNamespace.size < 50) throw new Error(`only ${byNamespace.size} badged namespaces: refusing to write`);
  const source = `${apiUrl}/api/search/v4?badges=verified_publisher,open_source&sort=pull_count&order=desc (the namespaces of the ${TOP_REPOSITORIES} most-pulled badged repositories)`;
  write(
    'publishers.json',
    { version: 1, source, date: today(), publishers: [...byNamespace.values()] },
    parsePublishers,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const gitAt = args.indexOf('--official-images-git');
  const gitDir = gitAt >= 0 ? args[gitAt + 1] : undefined;
  if (gitAt >= 0 && !gitDir) throw new Error('--official-images-git needs a folder');
  const only = args.includes('--official-images-only');
  await officialImages(gitDir);
  if (!only) await publishers(process.env.IMAGE_TRUST_HUB_URL ?? 'https://hub.docker.com');
}

main().catch((e: unknown) => {
  console.error(`data:refresh: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
