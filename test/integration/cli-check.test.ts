// `image-trust check` and `fix` against the real sandbox (registry + Docker Hub API on loopback):
// every finding code, the JSON shape of SPEC §2, SARIF 2.1.0, exit codes, and pins written in place.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { RULES } from '../../server/src/policy/index.js';

let sandbox: Sandbox | undefined;
let skipReason = '';
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (!s.available) {
    skipReason = s.reason;
    return;
  }
  sandbox = s;
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-check-'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(s.config));
});
after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], cacheName: string) {
  let out = '';
  let err = '';
  process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, cacheName);
  const code = await runCli(argv, {
    cwd: dir,
    out: (s) => (out += `${s}\n`),
    err: (s) => (err += `${s}\n`),
    now: () => Date.now(),
    version: '0.0.0-test',
  });
  return { code, out, err };
}

interface JsonRef {
  text: string;
  facts: {
    digest: string | null;
    error: { kind: string } | null;
    signatures: Array<{ kind: string }>;
    publisher: { namespace: string; badge: string | null } | null;
  } | null;
  findings: Array<{ code: string; fix: { newText: string } | null }>;
}

function need(t: { skip(m: string): void }): Sandbox | undefined {
  if (!sandbox) t.skip(`sandbox unavailable: ${skipReason}`);
  return sandbox;
}

describe('check against the sandbox', () => {
  test('every finding code, each where it belongs; lookup failures never not-found', async (t) => {
    const s = need(t);
    if (!s) return;
    const { seed } = s;
    const lines = [
      'nginx:1.27', // unpinned-digest, unsigned
      'nginx', // latest-tag with a version-tag fix
      `python:3.12@${seed.pythonOld.digest}`, // digest-drift
      `nginx:1.27@${seed.missing.digest}`, // digest-not-found
      'nobody/missing:1', // not-found (repository)
      'nginx:0.0.0-nope', // not-found (tag)
      `someone/stale-tool:0.1@${seed.staleTool.digest}`, // unverified-publisher, stale, unsigned
      `bitnami/redis:7.2@${seed.redis.digest}`, // verified, cosign: no findings
      `grafana/grafana:11.0.0@${seed.grafana.digest}`, // sponsored OSS, sigstore bundle: no findings
      `acme/notary-app:2.0@${seed.notaryApp.digest}`, // notation: no findings
      'private/secret:1.0', // unauthorized → lookup-failed, not not-found
      `${s.ociHost}/team/app:1.0@${seed.teamApp.digest}`, // non-Hub, cosign
      `nginx@${seed.missing.digest}`, // digest-not-found (digest only), not not-found
    ];
    writeFileSync(path.join(dir, 'Dockerfile'), lines.map((l) => `FROM ${l}`).join('\n') + '\n');
    const { code, out } = await cli(
      ['check', '--format', 'json', '--config', 'config.json', 'Dockerfile'],
      'cache-all',
    );
    assert.equal(code, 1, 'errors present → exit 1 with --fail-on error');
    const refs = (JSON.parse(out) as { references: JsonRef[] }).references;
    const codes = (i: number) => refs[i]!.findings.map((f) => f.code).sort();
    assert.deepEqual(codes(0), ['unpinned-digest', 'unsigned']);
    assert.deepEqual(codes(1), ['latest-tag', 'unpinned-digest', 'unsigned']);
    assert.equal(
      refs[1]!.findings.find((f) => f.code === 'latest-tag')?.fix?.newText,
      `nginx:1.27.3@${seed.nginx.digest}`,
    );
    assert.deepEqual(codes(2), ['digest-drift', 'unsigned']);
    assert.equal(
      refs[2]!.findings.find((f) => f.code === 'digest-drift')?.fix?.newText,
      `python:3.12@${seed.python.digest}`,
    );
    assert.deepEqual(codes(3), ['digest-not-found']);
    assert.deepEqual(codes(4), ['not-found', 'unpinned-digest']);
    assert.deepEqual(codes(5), ['not-found', 'unpinned-digest']);
    assert.deepEqual(codes(6), ['stale', 'unsigned', 'unverified-publisher']);
    assert.deepEqual(codes(7), []);
    assert.deepEqual(
      refs[7]!.facts?.signatures.map((x) => x.kind),
      ['cosign'],
    );
    assert.deepEqual(codes(8), []);
    assert.deepEqual(
      refs[8]!.facts?.signatures.map((x) => x.kind),
      ['sigstore-bundle'],
    );
    assert.deepEqual(codes(9), []);
    assert.deepEqual(
      refs[9]!.facts?.signatures.map((x) => x.kind),
      ['notation'],
    );
    assert.equal(refs[10]!.facts?.error?.kind, 'unauthorized');
    assert.deepEqual(codes(10), ['lookup-failed', 'unpinned-digest']);
    assert.deepEqual(codes(11), []);
    assert.deepEqual(
      refs[11]!.facts?.signatures.map((x) => x.kind),
      ['cosign'],
    );
    assert.deepEqual(codes(12), ['digest-not-found']);
    assert.equal(refs[12]!.facts?.error, null);
    assert.deepEqual(
      refs[12]!.facts?.publisher,
      { namespace: 'library', badge: 'official' },
      'the namespace badge is kept',
    );
    assert.deepEqual(
      refs[5]!.facts?.publisher,
      { namespace: 'library', badge: 'official' },
      'a missing tag keeps the badge',
    );
  });

  test('Docker Hub references cost zero manifest GETs (counted pulls)', async (t) => {
    const s = need(t);
    if (!s) return;
    s.log.registry.clear();
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  a: { image: "nginx:1.27" }\n  b: { image: "bitnami/redis:7.2" }\n  c: { image: "grafana/grafana:11.0.0" }\n',
    );
    const { code } = await cli(
      ['check', '--config', 'config.json', '--fail-on', 'error', 'compose.yaml'],
      'cache-pulls',
    );
    assert.equal(code, 0);
    const gets = s.log.registry.requests({ method: 'GET', path: /\/manifests\// });
    assert.deepEqual(
      gets.map((e) => e.path),
      [],
    );
  });

  test('SARIF 2.1.0 with rules, locations and fixes', async (t) => {
    const s = need(t);
    if (!s) return;
    writeFileSync(path.join(dir, 'sarif.Dockerfile'), 'FROM alpine:3.19\n');
    const { code, out } = await cli(
      ['check', '--format', 'sarif', '--config', 'config.json', 'sarif.Dockerfile'],
      'cache-sarif',
    );
    assert.equal(code, 0);
    const sarif = JSON.parse(out) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } };
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; endColumn: number };
            };
          }>;
          fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ insertedContent: { text: string } }> }> }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    assert.deepEqual(
      run.tool.driver.rules.map((r) => r.id),
      RULES.map((r) => r.code),
      'one SARIF rule per registered finding code',
    );
    assert.ok(run.tool.driver.rules.every((r) => r.help.text.length > 20));
    const pin = run.results.find((r) => r.ruleId === 'unpinned-digest');
    assert.ok(pin);
    assert.equal(pin.level, 'warning');
    assert.deepEqual(pin.locations[0]!.physicalLocation.artifactLocation.uri, 'sarif.Dockerfile');
    assert.deepEqual(pin.locations[0]!.physicalLocation.region, {
      startLine: 1,
      startColumn: 6,
      endLine: 1,
      endColumn: 17,
    });
    assert.equal(
      pin.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text,
      `alpine:3.19@${s.seed.alpine.digest}`,
    );
  });

  test('--offline serves facts cached by an earlier run, and says offline for the rest', async (t) => {
    const s = need(t);
    if (!s) return;
    writeFileSync(path.join(dir, 'offline.Dockerfile'), 'FROM alpine:3.19\n');
    await cli(['check', '--config', 'config.json', 'offline.Dockerfile'], 'cache-offline');
    s.log.registry.clear();
    s.log.hub.clear();
    writeFileSync(path.join(dir, 'offline.Dockerfile'), 'FROM alpine:3.19\nFROM bitnami/redis:7.2\n');
    const { out } = await cli(
      ['check', '--offline', '--format', 'json', '--config', 'config.json', 'offline.Dockerfile'],
      'cache-offline',
    );
    const refs = (JSON.parse(out) as { references: JsonRef[] }).references;
    assert.equal(refs[0]!.facts?.digest, s.seed.alpine.digest);
    assert.equal(refs[1]!.facts?.error?.kind, 'offline');
    assert.ok(!refs[1]!.findings.some((f) => f.code === 'not-found'));
    assert.equal(s.log.registry.entries().length + s.log.hub.entries().length, 0, 'no request at all');
  });
});

describe('fix against the sandbox', () => {
  test('--dry-run prints a diff and changes nothing; fix pins in place, only the references', async (t) => {
    const s = need(t);
    if (!s) return;
    const before = '# keep this comment\nFROM nginx:1.27 AS web\nRUN echo nginx:1.27\nFROM nobody/missing:1\n';
    const file = path.join(dir, 'fix.Dockerfile');
    writeFileSync(file, before);
    const dry = await cli(['fix', '--dry-run', '--config', 'config.json', 'fix.Dockerfile'], 'cache-fix');
    assert.equal(dry.code, 0);
    assert.match(dry.out, /^-FROM nginx:1\.27 AS web$/m);
    assert.match(dry.out, new RegExp(`^\\+FROM nginx:1\\.27@${s.seed.nginx.digest} AS web$`, 'm'));
    assert.equal(readFileSync(file, 'utf8'), before);
    const real = await cli(['fix', '--config', 'config.json', 'fix.Dockerfile'], 'cache-fix');
    assert.equal(real.code, 0);
    assert.match(real.err, /fix\.Dockerfile:4:6: not pinned/);
    assert.equal(
      readFileSync(file, 'utf8'),
      before.replace('FROM nginx:1.27 AS', `FROM nginx:1.27@${s.seed.nginx.digest} AS`),
    );
  });
});
