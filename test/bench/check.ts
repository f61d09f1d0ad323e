// Figure 3: a cold `image-trust check` of 200 unique Docker Hub images on the sandbox with injected
// latency, counted from the proxy logs, against a sequential `skopeo inspect --raw` loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sandbox } from '../harness/sandbox.js';
import { pushBenchImages } from './benchImages.js';

export interface CheckFigures {
  images: number;
  latencyMs: number;
  seedMs: number;
  checkMs: number;
  checkExit: number | null;
  checkProblems: string[];
  registryRequests: number;
  hubRequests: number;
  tokenRequests: number;
  requestsPerUniqueImage: number;
  manifestGets: number;
  manifestHeads: number;
  /** request kinds during `check` (path with repository number, digests and query folded), by count */
  breakdown: Array<[string, number]>;
  referencesWithFacts: number;
  /** the cold check's requests in time: per kind, and every request of one image */
  waterfall: Waterfall;
  skopeoMs: number | null;
  skopeoFailures: number;
  skopeoNote: string | null;
  speedup: number | null;
}

export interface Waterfall {
  /** request kind → how many, when the first started and the last ended (ms after the check started) */
  kinds: Array<{ kind: string; count: number; firstMs: number; lastMs: number }>;
  /** one image's requests: start (ms after the check started), duration, what */
  image: string;
  requests: Array<{ atMs: number; ms: number | null; what: string }>;
  /** the check process: started at 0, ended at */
  endMs: number;
}

type Logged = { method: string; path: string; status: number; time: number; durationMs?: number };

const kindOf = (name: string, e: Logged): string =>
  `${name} ${e.method} ${e.path
    .replace(/\?.*$/, '')
    .replace(/img-\d+/g, 'img-N')
    .replace(/sha256[-:][0-9a-f]{64}/g, '<digest>')} ${e.status}`;

function waterfall(
  startedAt: number,
  endMs: number,
  groups: Array<[string, readonly Logged[]]>,
  tokenTimes: readonly number[],
  image: string,
): Waterfall {
  const kinds = new Map<string, { kind: string; count: number; firstMs: number; lastMs: number }>();
  const add = (kind: string, at: number, end: number): void => {
    const k = kinds.get(kind) ?? { kind, count: 0, firstMs: Infinity, lastMs: -Infinity };
    k.count++;
    k.firstMs = Math.min(k.firstMs, at - startedAt);
    k.lastMs = Math.max(k.lastMs, end - startedAt);
    kinds.set(kind, k);
  };
  const requests: Waterfall['requests'] = [];
  // the registry names it namespace/name, the Hub API namespaces/namespace/repositories/name
  const [ns, name] = image.split('/');
  const mine = new RegExp(`/${ns}/(repositories/)?${name}(/|$)`);
  for (const [name, entries] of groups) {
    for (const e of entries) {
      add(kindOf(name, e), e.time, e.time + (e.durationMs ?? 0));
      if (mine.test(e.path))
        requests.push({
          atMs: e.time - startedAt,
          ms: e.durationMs ?? null,
          what: `${name} ${e.method} ${e.path.replace(/sha256[-:][0-9a-f]{64}/g, '<digest>')} ${e.status}`,
        });
    }
  }
  for (const t of tokenTimes) add('token GET /token 200 (several scopes each)', t, t);
  return {
    kinds: [...kinds.values()].sort((a, b) => a.firstMs - b.firstMs),
    image,
    requests: requests.sort((a, b) => a.atMs - b.atMs),
    endMs,
  };
}

/** `GET /v2/bench/img-7/manifests/1 200` → `registry GET /v2/bench/img-N/manifests/1 200` */
function breakdown(
  groups: Array<[string, Array<{ method: string; path: string; status: number }>]>,
): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [name, entries] of groups) {
    for (const e of entries) {
      const path = e.path
        .replace(/\?.*$/, '')
        .replace(/img-\d+/g, 'img-N')
        .replace(/sha256[-:][0-9a-f]{64}/g, '<digest>');
      const key = `${name} ${e.method} ${path} ${e.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => resolve({ code: null, stdout: '', stderr: e.message, ms: performance.now() - t0 }));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: performance.now() - t0,
      }),
    );
  });
}

interface CheckJson {
  references: Array<{ image: string | null; facts?: { digest: string | null; error: unknown } }>;
}

export async function measureCheck(
  sb: Sandbox,
  cliJs: string,
  opts: { images: number; latencyMs: number; skopeo: boolean },
): Promise<CheckFigures> {
  const bench = await pushBenchImages(sb, opts.images);
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-bench-check-'));
  try {
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify(bench.config));
    // one Dockerfile stage per image: docker.io/bench/img-N:1 (Hub API + registry via the mirror)
    writeFileSync(
      join(dir, 'Dockerfile'),
      bench.repositories.map((r, i) => `FROM docker.io/${r}:1 AS s${i}\n`).join(''),
    );
    const cache = join(dir, 'cache');
    const env = {
      ...process.env,
      XDG_CACHE_HOME: cache,
      HOME: dir,
      NO_PROXY: '*',
      HTTP_PROXY: '',
      HTTPS_PROXY: '',
      http_proxy: '',
      https_proxy: '',
    };

    sb.log.registry.clear();
    sb.log.hub.clear();
    bench.hubProxy.log.clear();
    sb.faults.registry.latency(opts.latencyMs);
    bench.hubProxy.faults.latency(opts.latencyMs);
    const tokens0 = sb.tokens.issued();
    const tokenTimes0 = sb.tokens.times().length;

    const startedAt = Date.now();
    const check = await run(
      process.execPath,
      [cliJs, 'check', '--format', 'json', '--config', configPath, 'Dockerfile'],
      env,
      dir,
    );
    const registry = sb.log.registry.entries().slice();
    const hub = bench.hubProxy.log.entries().slice();
    const tokenRequests = sb.tokens.issued() - tokens0;
    const flow = waterfall(
      startedAt,
      Date.now() - startedAt,
      [
        ['registry', registry],
        ['hub', hub],
      ],
      sb.tokens.times().slice(tokenTimes0),
      bench.repositories[7] ?? 'bench/img-0',
    );
    let parsed: CheckJson | null = null;
    try {
      parsed = JSON.parse(check.stdout) as CheckJson;
    } catch {
      parsed = null;
    }
    const withFacts = parsed?.references.filter((r) => r.facts?.digest && !r.facts.error).length ?? 0;
    const problems: string[] = [];
    if (!parsed) problems.push(`check printed no JSON (exit ${check.code}): ${check.stderr.slice(0, 300)}`);
    else if (withFacts !== opts.images) problems.push(`only ${withFacts}/${opts.images} references got facts`);

    let skopeoMs: number | null = null;
    let skopeoFailures = 0;
    let skopeoNote: string | null = null;
    if (opts.skopeo) {
      const t0 = performance.now();
      for (const r of bench.repositories) {
        const s = await run(
          'skopeo',
          ['inspect', '--raw', '--tls-verify=false', `docker://${sb.registryHost}/${r}:1`],
          env,
          dir,
        );
        if (s.code !== 0) {
          skopeoFailures++;
          skopeoNote ??= s.stderr.trim().slice(0, 200);
        }
      }
      skopeoMs = performance.now() - t0;
    } else {
      skopeoNote = 'skopeo not installed';
    }
    sb.faults.registry.latency(0);

    const manifest = (m: string) => registry.filter((e) => e.method === m && /\/manifests\//.test(e.path)).length;
    const total = registry.length + hub.length + tokenRequests;
    return {
      images: opts.images,
      latencyMs: opts.latencyMs,
      seedMs: bench.seedMs,
      checkMs: check.ms,
      checkExit: check.code,
      checkProblems: problems,
      registryRequests: registry.length,
      hubRequests: hub.length,
      tokenRequests,
      requestsPerUniqueImage: total / opts.images,
      manifestGets: manifest('GET'),
      manifestHeads: manifest('HEAD'),
      referencesWithFacts: withFacts,
      waterfall: flow,
      breakdown: breakdown([
        ['registry', registry],
        ['hub', hub],
      ]),
      skopeoMs,
      skopeoFailures,
      skopeoNote,
      speedup: skopeoMs !== null && skopeoFailures === 0 && problems.length === 0 ? skopeoMs / check.ms : null,
    };
  } finally {
    sb.faults.registry.latency(0);
    await bench.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
