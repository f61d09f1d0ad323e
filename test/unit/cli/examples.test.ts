// Every image reference in examples/ is found, exactly where it is written: the scan of the folder
// equals the reviewed list in test/fixtures/examples-references.txt (one `file:line:col source
// image` per reference). A new example or a lost reference shows up as a diff here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../server/src/cli/main.js';
import { EXTRACTORS } from '../../../server/src/extract/index.js';

const root = path.resolve(__dirname, '../../..');

test('scan examples/ finds every reference listed in the reviewed list, and nothing else', async () => {
  let out = '';
  const code = await runCli(['scan', 'examples'], {
    cwd: root,
    out: (s) => (out += `${s}\n`),
    err: () => {},
    now: () => 0,
    version: 'test',
  });
  assert.equal(code, 0);
  const found = out
    .trim()
    .split('\n')
    .filter((l) => !/^\d+ references? in/.test(l));
  const expected = readFileSync(path.join(root, 'test/fixtures/examples-references.txt'), 'utf8').trim().split('\n');
  assert.deepEqual(found, expected);
  assert.ok(expected.length >= 40, 'the examples cover every file type with many references');
  const sources = new Set(expected.map((l) => l.split(':')[0]!.split('/')[1]));
  assert.deepEqual([...sources].sort(), [
    '.devcontainer',
    '.github',
    'azure',
    'bitbucket',
    'circleci',
    'cloudbuild',
    'compose',
    'drone',
    'gitlab',
    'go-service',
    'helm',
    'k8s',
    'kustomize',
    'legacy',
    'python-app',
    'quadlet',
  ]);
  // one realistic file per source (SPEC §4)
  assert.deepEqual([...new Set(expected.map((l) => l.split(/ {2}/)[1]))].sort(), [...Object.keys(EXTRACTORS)].sort());
});
