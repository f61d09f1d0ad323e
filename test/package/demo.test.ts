// The README's offline try-out: `npm run sandbox`, then `image-trust check --config … examples`.
// Every image examples/ names is looked up and found, except the references meant to miss, so
// the demo shows publishers, signatures, ages and findings rather than "does not exist".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main.js';
import { demoConfig, demoSeed } from '../harness/demo-seed.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { ROOT } from './packed.js';

interface Checked {
  file: string;
  text: string;
  image: string | null;
  skip: string | null;
  facts: {
    error: { kind: string } | null;
    publisher: { badge: string | null } | null;
    signatures: Array<{ kind: string }>;
    lastPushed: string | null;
  } | null;
  findings: Array<{ code: string }>;
}

let sandbox: Sandbox | undefined;
let skipReason = '';
let dir = '';
let refs: Checked[] = [];
let code = -1;

before(async () => {
  const s = await startSandbox({ extend: demoSeed });
  if (!s.available) {
    skipReason = `sandbox unavailable: ${s.reason}`;
    return;
  }
  sandbox = s;
  dir = mkdtempSync(join(tmpdir(), 'image-trust-demo-'));
  writeFileSync(join(dir, 'sandbox.json'), JSON.stringify(demoConfig(s)));
  process.env.IMAGE_TRUST_CACHE_DIR = join(dir, 'cache');
  let out = '';
  code = await runCli(['check', '--format', 'json', '--config', join(dir, 'sandbox.json'), 'examples'], {
    cwd: ROOT,
    out: (x) => (out += x),
    err: () => {},
    now: () => Date.now(),
    version: '0.0.0-test',
  });
  refs = (JSON.parse(out) as { references: Checked[] }).references.filter((r) => !r.skip);
});
after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lookedUp = (t: { skip(m: string): void }): Checked[] | undefined => {
  if (!sandbox) t.skip(skipReason);
  return sandbox ? refs : undefined;
};
const withCode = (all: Checked[], c: string): string[] =>
  all
    .filter((r) => r.findings.some((f) => f.code === c))
    .map((r) => `${r.file}: ${r.text}`)
    .sort();

describe('npm run sandbox, then check examples', () => {
  test('every reference is looked up; only the deleted tag is not found', (t) => {
    const all = lookedUp(t);
    if (!all) return;
    assert.ok(all.length >= 35, `${all.length} references`);
    assert.deepEqual(
      all.filter((r) => r.facts?.error).map((r) => [r.text, r.facts?.error?.kind]),
      [['ghcr.io/acme/migrate:1.3.0', 'not-found']],
    );
    assert.deepEqual(withCode(all, 'not-found'), ['examples/k8s/deployment.yaml: ghcr.io/acme/migrate:1.3.0']);
    assert.deepEqual(withCode(all, 'lookup-failed'), []);
  });

  test('the pinned digests no registry has are digest-not-found, never a lookup failure', (t) => {
    const all = lookedUp(t);
    if (!all) return;
    assert.deepEqual(withCode(all, 'digest-not-found'), [
      'examples/compose/docker-compose.yml: postgres:16.4@sha256:6b841c8f6a819884207402f1209a8116844365df15fca8cf556fc54a24c70800',
      'examples/helm/values.yaml: prometheus/node-exporter',
      'examples/k8s/deployment.yaml: postgres:16@sha256:6b841c8f6a819884207402f1209a8116844365df15fca8cf556fc54a24c70800',
      'examples/kustomize/kustomization.yaml: busybox',
    ]);
  });

  test('shows every publisher badge and every signature kind', (t) => {
    const all = lookedUp(t);
    if (!all) return;
    const badges = new Set(all.map((r) => r.facts?.publisher?.badge).filter(Boolean));
    assert.deepEqual([...badges].sort(), ['none', 'official', 'open_source', 'verified_publisher']);
    const kinds = new Set(all.flatMap((r) => r.facts?.signatures.map((s) => s.kind) ?? []));
    assert.deepEqual([...kinds].sort(), ['cosign', 'notation', 'sigstore-bundle']);
  });

  test('shows the findings the examples are there for', (t) => {
    const all = lookedUp(t);
    if (!all) return;
    assert.deepEqual(withCode(all, 'stale'), [
      'examples/.github/workflows/ci.yml: hadolint/hadolint:v2.12.0',
      'examples/gitlab/.gitlab-ci.yml: golang:${GO_VERSION}-alpine',
      'examples/go-service/Dockerfile: golang:${GO_VERSION}-alpine',
    ]);
    assert.deepEqual(withCode(all, 'unverified-publisher'), [
      'examples/.github/workflows/ci.yml: hadolint/hadolint:v2.12.0',
    ]);
    assert.deepEqual(withCode(all, 'latest-tag'), ['examples/k8s/deployment.yaml: busybox']);
    assert.ok(withCode(all, 'unpinned-digest').length >= 30);
    assert.equal(code, 1, 'errors (digest-not-found, not-found) fail the default --fail-on error');
  });
});
