// Issue 10: Docker Hub as it answers today (the sandbox's default shape: `images: []` on tag
// objects). Platforms, per-platform digests and BuildKit attestations come from the index, and on
// Docker Hub every manifest GET is a counted pull, so `dockerHub.readIndexes` decides (SPEC §3):
// `check` with the default costs 0 pulls and says `platforms: null`; `always` reads each index once
// per machine (kept on disk by digest). Archived and frozen repositories get `archived`. Pulls and
// requests per image are counted from the sandbox's proxy logs.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox, type SeededImage } from '../harness/sandbox.js';
import { createFactsService } from '../../server/src/hub/index.js';
import { normalizeSettings } from '../../server/src/model/settings.js';
import { runCli } from '../../server/src/cli/main.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-hub-today-'));
});
after(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) {
    t.skip(unavailable);
    return undefined;
  }
  const s = sb;
  const reset = () => {
    for (const k of ['registry', 'hub', 'oci'] as const) {
      s.faults[k].clear();
      s.log[k].clear();
    }
    s.hubApi.setShape('2026');
  };
  reset();
  t.after(reset);
  return s;
}

interface JsonRef {
  text: string;
  facts: {
    digest: string | null;
    mediaType: string | null;
    platforms: Array<{ digest: string }> | null;
    attestations: Array<{ kind: string }> | null;
    archived: boolean | null;
    error: unknown;
  } | null;
  findings: Array<{ code: string; message: string }>;
}

/** `image-trust check --format json` over `lines` (FROM lines), with its own cache folder. */
async function check(
  s: Sandbox,
  name: string,
  lines: string[],
  config: Record<string, unknown>,
  cache: string,
): Promise<JsonRef[]> {
  writeFileSync(path.join(dir, `${name}.Dockerfile`), lines.map((l) => `FROM ${l}`).join('\n') + '\n');
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ ...s.config, ...config }));
  process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, cache);
  let out = '';
  await runCli(['check', '--format', 'json', '--config', `${name}.json`, `${name}.Dockerfile`], {
    cwd: dir,
    out: (x) => (out += `${x}\n`),
    err: () => {},
    now: () => Date.now(),
    version: '0.0.0-test',
  });
  return (JSON.parse(out) as { references: JsonRef[] }).references;
}

const images = (s: Sandbox): Array<{ ref: string; seed: SeededImage }> => [
  { ref: 'nginx:1.27', seed: s.seed.nginx },
  { ref: 'python:3.12', seed: s.seed.python },
  { ref: 'python:3.12-slim', seed: s.seed.pythonSlim },
  { ref: 'alpine:3.19', seed: s.seed.alpine },
  { ref: 'bitnami/redis:7.2', seed: s.seed.redis },
  { ref: 'grafana/grafana:11.0.0', seed: s.seed.grafana },
  { ref: 'acme/notary-app:2.0', seed: s.seed.notaryApp },
  { ref: 'someone/stale-tool:0.1', seed: s.seed.staleTool },
];
const isIndex = (img: SeededImage) => img.mediaType.includes('index') || img.mediaType.includes('list');
const manifestGets = (s: Sandbox) => s.log.registry.requests({ method: 'GET', path: /\/manifests\// });
const figures = (s: Sandbox, n: number) => {
  const registry = s.log.registry.entries().length;
  const hub = s.log.hub.entries().length;
  return `${(manifestGets(s).length / n).toFixed(2)} pulls and ${((registry + hub) / n).toFixed(2)} requests per image (${registry} registry + ${hub} Hub API, ${n} images)`;
};

describe('check against Docker Hub as it answers today', () => {
  test('default (readIndexes on-demand): 0 counted pulls; platforms and attestations null for every index, [] for single manifests', async (t) => {
    const s = need(t);
    if (!s) return;
    const list = images(s);
    const refs = await check(
      s,
      'default',
      list.map((i) => i.ref),
      {},
      'cache-default',
    );
    t.diagnostic(`readIndexes on-demand (default), check: ${figures(s, list.length)}`);
    assert.deepEqual(
      manifestGets(s).map((e) => e.path),
      [],
      'no manifest GET',
    );
    for (const [i, { ref, seed }] of list.entries()) {
      const f = refs[i]?.facts;
      assert.equal(f?.error, null, ref);
      assert.equal(f?.digest, seed.digest, ref);
      if (isIndex(seed)) {
        assert.equal(f?.platforms, null, `${ref}: a multi-arch index is never reported with [] platforms`);
        assert.equal(f?.attestations, null, ref);
      } else {
        assert.deepEqual(f?.platforms, [], ref);
        assert.ok(Array.isArray(f?.attestations), ref);
      }
    }
  });

  test('readIndexes always: exact platforms and attestations, at most one GET per unique index and per attestation manifest; 0 on a second run', async (t) => {
    const s = need(t);
    if (!s) return;
    const list = images(s);
    const config = { dockerHub: { apiUrl: s.config.dockerHub.apiUrl, readIndexes: 'always' } };
    const refs = await check(
      s,
      'always',
      list.map((i) => i.ref),
      config,
      'cache-always',
    );
    t.diagnostic(`readIndexes always, first check: ${figures(s, list.length)}`);
    for (const [i, { ref, seed }] of list.entries()) {
      const f = refs[i]?.facts;
      assert.equal(f?.error, null, ref);
      assert.deepEqual(
        f?.platforms?.map((p) => p.digest),
        isIndex(seed) ? seed.platforms.map((p) => p.digest) : [],
        ref,
      );
      assert.ok(Array.isArray(f?.attestations), ref);
    }
    assert.deepEqual(
      refs[0]?.facts?.attestations,
      [{ kind: 'provenance' }, { kind: 'sbom' }],
      'nginx carries BuildKit provenance and an SBOM in its index',
    );
    const indexes = list.filter((i) => isIndex(i.seed));
    const allowed = new Set(
      [...indexes.map((i) => i.seed.digest), ...indexes.flatMap((i) => i.seed.attestations.slice(0, 1))].map(
        (d) => `/manifests/${d}`,
      ),
    );
    const gets = manifestGets(s).map((e) => e.path.slice(e.path.indexOf('/manifests/')));
    assert.equal(gets.length, new Set(gets).size, `each manifest read once: ${gets.join(', ')}`);
    assert.deepEqual(
      gets.filter((g) => !allowed.has(g)),
      [],
      'only indexes and their first attestation manifest',
    );
    assert.equal(gets.length, indexes.length + 1, "one per index, plus nginx's attestation manifest");

    s.log.registry.clear();
    s.log.hub.clear();
    // the facts cache is fresh too: a new tag naming the same index shows the index store at work
    const again = await check(s, 'always2', ['nginx:1.27.3', 'nginx:1', 'python:3.12'], config, 'cache-always');
    t.diagnostic(`readIndexes always, second check (same cache folder, new tags): ${figures(s, 3)}`);
    assert.deepEqual(
      manifestGets(s).map((e) => e.path),
      [],
      'indexes are kept on disk by digest',
    );
    assert.deepEqual(
      again[0]?.facts?.platforms?.map((p) => p.digest),
      s.seed.nginx.platforms.map((p) => p.digest),
    );
  });

  test("Docker Hub's older shape (images[] listed): the platforms it lists are used, without a pull", async (t) => {
    const s = need(t);
    if (!s) return;
    s.hubApi.setShape('2024');
    const tag = (await (await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx/tags/1.27`)).json()) as {
      images: unknown[];
    };
    assert.equal(tag.images.length, 2, 'the 2024 shape lists the platforms');
    s.log.registry.clear();
    const svc = createFactsService({
      settings: normalizeSettings(s.config),
      trusted: true,
      dockerConfigPath: '/nonexistent',
      timeoutMs: 3000,
    });
    t.after(() => svc.dispose());
    const f = await svc.lookup({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: null });
    assert.deepEqual(
      f?.platforms?.map((p) => p.digest),
      s.seed.nginx.platforms.map((p) => p.digest),
    );
    assert.equal(f?.attestations, null, 'what the index carries is still unknown');
    assert.deepEqual(manifestGets(s), []);
  });
});

describe('the pull budget where a user looks before spending pulls', () => {
  test('the text summary line says how many Docker Hub pulls are left, as the registry last said', async (t) => {
    const s = need(t);
    if (!s) return;
    // (the mirror's budget went down with every manifest GET this sandbox served so far)
    writeFileSync(path.join(dir, 'budget.Dockerfile'), 'FROM nginx:1.27\n');
    writeFileSync(path.join(dir, 'budget.json'), JSON.stringify(s.config));
    process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, 'cache-budget');
    let out = '';
    await runCli(['check', '--config', 'budget.json', 'budget.Dockerfile'], {
      cwd: dir,
      out: (x) => (out += `${x}\n`),
      err: () => {},
      now: () => Date.now(),
      version: '0.0.0-test',
    });
    const summary = out.trim().split('\n').pop() ?? '';
    assert.match(summary, /^1 reference in 1 file; .*; Docker Hub pulls left: \d+ of 100 \(6-hour window\)$/);
  });
});

describe('archived and frozen repositories', () => {
  test('an archived repository and a bitnamilegacy image get `archived`, with the reason and the successor', async (t) => {
    const s = need(t);
    if (!s) return;
    const refs = await check(
      s,
      'archived',
      ['someone/old-tool:1.0', 'bitnamilegacy/redis:7.2.5', 'someone/stale-tool:0.1'],
      {},
      'cache-archived',
    );
    const archived = refs.map((r) => r.findings.find((f) => f.code === 'archived')?.message ?? null);
    assert.match(archived[0] ?? '', /^Docker Hub marks someone\/old-tool archived/);
    assert.equal(refs[0]?.facts?.archived, true);
    assert.match(archived[1] ?? '', /^bitnamilegacy\/redis is frozen since 2025-08-28: .*Bitnami Secure Images/);
    assert.equal(refs[1]?.facts?.archived, false, 'frozen by its publisher, not archived on Docker Hub');
    assert.equal(archived[2], null);
    assert.equal(refs[2]?.facts?.archived, false);
  });
});
