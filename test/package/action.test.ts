// The GitHub Action (action.yml at the root): its run steps executed in a scratch checkout with the
// packed CLI, as the runner would run them. The SARIF report is written, the exit status follows
// fail-on and allow-incomplete, and the upload step gets the report (it is not run: no GitHub here).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readAction, runAction, type ActionRun } from './actionRunner.js';
import { packAndInstall, ROOT, type Packed } from './packed.js';

const action = readAction(join(ROOT, 'action.yml'));
// a closed loopback port: lookups fail at once, as with a registry that cannot be reached
const CLOSED = JSON.stringify({
  dockerHub: { apiUrl: 'http://127.0.0.1:9' },
  registries: { mirrors: { 'docker.io': 'http://127.0.0.1:9' } },
});

let packed: Packed;
const dirs: string[] = [];
before(() => {
  packed = packAndInstall();
});
after(() => {
  packed?.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A scratch checkout: a git repository with these files committed. */
function checkout(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-checkout-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'scratch');
  return dir;
}

function run(
  files: Record<string, string>,
  inputs: Record<string, string>,
): ActionRun & { sarif: () => { uri: string; rule: string }[] } {
  const workspace = checkout(files);
  // the CLI's cache is the runner's: a fresh one per run
  const r = runAction(action, {
    actionPath: ROOT,
    workspace,
    inputs: { version: packed.tarball, ...inputs },
    env: { IMAGE_TRUST_CACHE_DIR: join(workspace, '.cache') },
  });
  const sarif = () => {
    const doc = JSON.parse(readFileSync(join(workspace, r.outputs['sarif-file'] ?? ''), 'utf8')) as {
      runs: Array<{
        tool: { driver: { name: string } };
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    assert.equal(doc.runs[0]?.tool.driver.name, 'image-trust');
    return (doc.runs[0]?.results ?? [])
      .map((x) => ({ uri: x.locations[0]?.physicalLocation.artifactLocation.uri ?? '', rule: x.ruleId }))
      .sort((a, b) => `${a.uri}${a.rule}`.localeCompare(`${b.uri}${b.rule}`));
  };
  return { ...r, sarif };
}

const UNPINNED = { Dockerfile: 'FROM alpine:3.19\n', 'closed.json': CLOSED };
const UPLOAD = {
  uses: 'github/codeql-action/upload-sarif@v4',
  with: { sarif_file: 'image-trust.sarif', category: 'image-trust' },
};
const SETUP_NODE = { uses: 'actions/setup-node@v6', with: { 'node-version': '24' } };

describe('action.yml', () => {
  test('declares the inputs a workflow sets', () => {
    assert.deepEqual(Object.keys(action.inputs), [
      'paths',
      'fail-on',
      'config',
      'allow-incomplete',
      'verify',
      'sarif-file',
      'upload-sarif',
      'version',
      'node-version',
    ]);
    assert.equal(action.runs.using, 'composite');
  });

  test('nothing to find: exit 0, an empty report, uploaded', () => {
    const r = run({ Dockerfile: 'FROM scratch\n' }, {});
    assert.equal(r.status, 0, r.log);
    assert.deepEqual(r.outputs, { 'sarif-file': 'image-trust.sarif', 'exit-code': '0' });
    assert.deepEqual(r.sarif(), []);
    assert.deepEqual(r.used, [SETUP_NODE, UPLOAD]);
    assert.match(r.log, /^Image Trust: passed \(report: image-trust\.sarif\)$/m);
  });

  const cases: Array<{ name: string; inputs: Record<string, string>; status: number; verdict: RegExp; todo?: string }> =
    [
      {
        name: 'fail-on warning: the unpinned reference fails the job',
        inputs: { 'fail-on': 'warning', 'allow-incomplete': 'true' },
        status: 1,
        verdict:
          /^::error title=Image Trust::findings at or above warning: see the code scanning alerts or image-trust\.sarif$/m,
      },
      {
        name: 'fail-on none: reported, never failed on findings',
        inputs: { 'fail-on': 'none', 'allow-incomplete': 'true' },
        status: 0,
        verdict: /^Image Trust: passed/m,
      },
      {
        name: 'fail-on error (default): a warning passes',
        inputs: { 'allow-incomplete': 'true' },
        status: 0,
        verdict: /^Image Trust: passed/m,
      },
      {
        name: 'verify: signatures read too (none here)',
        inputs: { 'allow-incomplete': 'true', verify: 'true' },
        status: 0,
        verdict: /^Image Trust: passed/m,
      },
      {
        name: 'a registry that cannot be reached fails closed',
        inputs: {},
        status: 3,
        verdict: /^::error title=Image Trust::some references could not be checked/m,
      },
    ];
  for (const c of cases) {
    test(`${c.name} → exit ${c.status}, the report written and uploaded`, { todo: c.todo ?? false }, () => {
      const r = run(UNPINNED, { config: 'closed.json', ...c.inputs });
      assert.equal(r.status, c.status, r.log);
      assert.equal(r.outputs['exit-code'], String(c.status));
      assert.deepEqual(r.sarif(), [
        { uri: 'Dockerfile', rule: 'lookup-failed' },
        { uri: 'Dockerfile', rule: 'unpinned-digest' },
      ]);
      assert.match(r.log, c.verdict);
      assert.deepEqual(r.used, [SETUP_NODE, UPLOAD]);
    });
  }

  test('paths on several lines: only those are checked; the report in a new folder; no Node set up', () => {
    const r = run(
      { ...UNPINNED, 'app/Dockerfile': 'FROM nginx:1.27\n', 'lib/x.Dockerfile': 'FROM redis:7\n' },
      {
        paths: 'app\nlib/x.Dockerfile',
        config: 'closed.json',
        'fail-on': 'none',
        'allow-incomplete': 'true',
        'sarif-file': 'out/it.sarif',
        'node-version': '',
      },
    );
    assert.equal(r.status, 0, r.log);
    assert.deepEqual(
      r.sarif().map((x) => x.uri),
      ['app/Dockerfile', 'app/Dockerfile', 'lib/x.Dockerfile', 'lib/x.Dockerfile'],
    );
    assert.deepEqual(r.used, [{ ...UPLOAD, with: { ...UPLOAD.with, sarif_file: 'out/it.sarif' } }]);
  });

  test('a config file that is not there: exit 2, nothing uploaded', () => {
    const r = run(UNPINNED, { config: 'missing.json' });
    assert.equal(r.status, 2, r.log);
    assert.match(r.log, /image-trust: missing\.json: no such file/);
    assert.match(r.log, /^::error title=Image Trust::image-trust stopped with exit status 2/m);
    assert.deepEqual(r.used, [SETUP_NODE]);
  });

  test('upload-sarif false: written, not uploaded', () => {
    const r = run({ Dockerfile: 'FROM scratch\n' }, { 'upload-sarif': 'false' });
    assert.equal(r.status, 0, r.log);
    assert.deepEqual(r.used, [SETUP_NODE]);
  });
});
