// Issue 9 item 11: a docker.io mirror (or pull-through cache) without the OCI referrers API. The
// Sigstore bundles and Notation signatures stored in the `sha256-<hex>` referrers fallback tag are
// found: a HEAD of that tag first (free on Docker Hub and its mirrors), a GET (a counted pull) only
// when it exists, as SPEC §2 "Counted pulls" allows. A method that could not be tried is never
// "unsigned". The sandbox's plain registry proxy (distribution 2.8: no referrers API) is the mirror.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { foundSignature, type SignatureKind } from '../../server/src/model/facts.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
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
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-referrers-'));
});
after(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** docker.io through the mirror without a referrers API */
const mirrorConfig = (s: Sandbox) => ({
  dockerHub: { apiUrl: s.hubUrl },
  registries: { mirrors: { 'docker.io': `http://${s.ociHost}` } },
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) {
    t.skip(unavailable);
    return undefined;
  }
  const s = sb;
  for (const k of ['registry', 'hub', 'oci'] as const) {
    s.faults[k].clear();
    s.log[k].clear();
  }
  t.after(() => s.faults.oci.clear());
  return s;
}

const fallbackPath = (repository: string, digest: string) => `/v2/${repository}/manifests/${digest.replace(':', '-')}`;

describe('docker.io through a mirror without the referrers API', () => {
  const cases: Array<{
    name: string;
    repository: string;
    tag: string;
    digest: (s: Sandbox) => string;
    kind: string | null;
    signature: (s: Sandbox) => string | null;
    fallbackExists: boolean;
  }> = [
    {
      name: 'Sigstore bundle in the fallback tag',
      repository: 'grafana/grafana',
      tag: '11.0.0',
      digest: (s) => s.seed.grafana.digest,
      kind: 'sigstore-bundle',
      signature: (s) => s.seed.signatures.grafanaBundle,
      fallbackExists: true,
    },
    {
      name: 'Notation signature in the fallback tag',
      repository: 'acme/notary-app',
      tag: '2.0',
      digest: (s) => s.seed.notaryApp.digest,
      kind: 'notation',
      signature: (s) => s.seed.signatures.notation,
      fallbackExists: true,
    },
    {
      name: 'cosign .sig tag, no fallback tag',
      repository: 'bitnami/redis',
      tag: '7.2',
      digest: (s) => s.seed.redis.digest,
      kind: 'cosign',
      signature: (s) => s.seed.signatures.redisCosign[s.seed.redis.digest] ?? '',
      fallbackExists: false,
    },
    {
      name: 'nothing at all',
      repository: 'library/nginx',
      tag: '1.27',
      digest: (s) => s.seed.nginx.digest,
      kind: null,
      signature: () => null,
      fallbackExists: false,
    },
  ];
  for (const c of cases) {
    test(`${c.repository}:${c.tag} (${c.name}): found; the fallback tag is HEADed, and GET only ${c.fallbackExists ? 'once, since it exists' : 'never'}`, async (t) => {
      const s = need(t);
      if (!s) return;
      const svc = createFactsService({
        settings: normalizeSettings(mirrorConfig(s)),
        trusted: true,
        dockerConfigPath: '/nonexistent',
        timeoutMs: 3000,
      });
      t.after(() => svc.dispose());
      const f = await svc.lookup({ registry: 'docker.io', repository: c.repository, tag: c.tag, digest: null });
      assert.equal(f?.error, null, JSON.stringify(f?.error));
      assert.equal(f?.signedDigest, c.digest(s), 'checked');
      assert.deepEqual(f?.signatures, c.kind ? [foundSignature(c.kind as SignatureKind, c.signature(s) ?? '')] : []);
      const fallback = fallbackPath(c.repository, c.digest(s));
      assert.deepEqual(
        s.log.oci
          .requests({ method: 'HEAD', path: new RegExp(`^${fallback}$`), authorization: true })
          .map((e) => e.status),
        [c.fallbackExists ? 200 : 404],
      );
      const gets = s.log.oci.requests({ method: 'GET', path: /\/manifests\// }).map((e) => e.path);
      assert.deepEqual(
        gets,
        c.fallbackExists ? [fallback] : [],
        'the only counted pull is the fallback tag that exists',
      );
    });
  }

  test('image-trust check: signatures in the fallback tag are no longer reported unsigned', async (t) => {
    const s = need(t);
    if (!s) return;
    writeFileSync(path.join(dir, 'mirror.json'), JSON.stringify(mirrorConfig(s)));
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM grafana/grafana:11.0.0@${s.seed.grafana.digest}\nFROM acme/notary-app:2.0@${s.seed.notaryApp.digest}\nFROM nginx:1.27@${s.seed.nginx.digest}\n`,
    );
    process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, 'cache-check');
    let out = '';
    await runCli(['check', '--format', 'json', '--config', 'mirror.json', 'Dockerfile'], {
      cwd: dir,
      out: (x) => (out += `${x}\n`),
      err: () => {},
      now: () => Date.now(),
      version: '0.0.0-test',
    });
    const refs = (
      JSON.parse(out) as {
        references: Array<{ findings: Array<{ code: string }>; facts: { signatures: Array<{ kind: string }> } }>;
      }
    ).references;
    const unsigned = refs.map((r) => r.findings.some((f) => f.code === 'unsigned'));
    assert.deepEqual(unsigned, [false, false, true], 'only nginx, which has no signature, is unsigned');
    assert.deepEqual(
      refs.map((r) => r.facts.signatures.map((x) => x.kind)),
      [['sigstore-bundle'], ['notation'], []],
    );
  });

  const faults: Array<{ name: string; path: (s: Sandbox) => RegExp; method: string; status: number }> = [
    {
      name: 'the fallback tag HEAD answers 503',
      path: (s) => new RegExp(`^${fallbackPath('grafana/grafana', s.seed.grafana.digest)}$`),
      method: 'HEAD',
      status: 503,
    },
    {
      name: 'the fallback tag GET answers 500 after its HEAD said it exists',
      path: (s) => new RegExp(`^${fallbackPath('grafana/grafana', s.seed.grafana.digest)}$`),
      method: 'GET',
      status: 500,
    },
  ];
  for (const c of faults) {
    test(`${c.name} → signatures not checked, never "unsigned"`, async (t) => {
      const s = need(t);
      if (!s) return;
      s.faults.oci.set({ path: c.path(s), method: c.method, fault: { kind: 'status', status: c.status } });
      const svc = createFactsService({
        settings: normalizeSettings(mirrorConfig(s)),
        trusted: true,
        dockerConfigPath: '/nonexistent',
        timeoutMs: 3000,
      });
      t.after(() => svc.dispose());
      const f = await svc.lookup({ registry: 'docker.io', repository: 'grafana/grafana', tag: '11.0.0', digest: null });
      assert.ok(s.log.oci.requests({ status: c.status }).length >= 1, 'the fault was hit');
      assert.equal(f?.error, null);
      assert.equal(f?.digest, s.seed.grafana.digest);
      assert.equal(f?.signedDigest, null, 'not checked');
      assert.deepEqual(f?.signatures, []);
    });
  }
});
