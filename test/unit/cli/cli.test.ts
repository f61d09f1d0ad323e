// The CLI view end to end, in process: arguments, file walking, JSON shape (SPEC §2), exit codes.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { run, workspace } from './support.js';

const REFERENCE_KEYS = [
  'file',
  'range',
  'text',
  'image',
  'registry',
  'repository',
  'tag',
  'digest',
  'platform',
  'source',
  'skip',
];

describe('image-trust scan', () => {
  test('JSON has exactly the SPEC §2 Reference keys, paths relative with forward slashes', async () => {
    const cwd = workspace({
      'app/Dockerfile': 'FROM --platform=linux/arm64 python:3.12-slim AS build\nFROM build\n',
      'deploy/compose.yaml': 'services:\n  web:\n    image: "nginx:1.27"\n',
    });
    const { code, out } = await run(['scan', '--format', 'json'], cwd);
    assert.equal(code, 0);
    const json = JSON.parse(out) as { references: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(json), ['references']);
    assert.equal(json.references.length, 3);
    for (const r of json.references) assert.deepEqual(Object.keys(r), REFERENCE_KEYS);
    const [py, stage, nginx] = json.references;
    assert.deepEqual(py, {
      file: 'app/Dockerfile',
      range: { start: { line: 0, character: 28 }, end: { line: 0, character: 44 } },
      text: 'python:3.12-slim',
      image: 'docker.io/library/python:3.12-slim',
      registry: 'docker.io',
      repository: 'library/python',
      tag: '3.12-slim',
      digest: null,
      platform: 'linux/arm64',
      source: 'dockerfile',
      skip: null,
    });
    assert.equal(stage?.skip, 'stage');
    assert.equal(nginx?.file, 'deploy/compose.yaml');
    assert.equal(nginx?.text, 'nginx:1.27');
    assert.deepEqual(nginx?.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 22 } });
  });

  test('folders honour .gitignore, skip node_modules and .git; unrecognised files are ignored', async () => {
    const cwd = workspace({
      '.gitignore': 'ignored/\n*.tmp.yaml\n',
      'ignored/Dockerfile': 'FROM alpine:3.19\n',
      'node_modules/x/Dockerfile': 'FROM alpine:3.19\n',
      '.git/Dockerfile': 'FROM alpine:3.19\n',
      'sub/.gitignore': 'local.Dockerfile\n',
      'sub/local.Dockerfile': 'FROM alpine:3.19\n',
      'k8s/pod.tmp.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: busybox:1\n',
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: busybox:1.36\n',
      'notes.yaml': 'image: not-kubernetes:1\n',
      'README.md': 'FROM nginx\n',
    });
    const { code, out } = await run(['scan', '--format', 'json'], cwd);
    assert.equal(code, 0);
    const refs = (JSON.parse(out) as { references: Array<{ file: string; text: string }> }).references;
    assert.deepEqual(
      refs.map((r) => `${r.file} ${r.text}`),
      ['k8s/pod.yaml busybox:1.36'],
    );
  });

  test('text output: file:line:col, source, image, skip reason', async () => {
    const cwd = workspace({ Dockerfile: 'ARG BASE\nFROM $BASE\nFROM scratch\n' });
    const { code, out } = await run(['scan'], cwd);
    assert.equal(code, 0);
    assert.match(out, /^Dockerfile:2:6 {2}dockerfile {2}\$BASE {2}\[skipped: variable/m);
    assert.match(out, /^Dockerfile:3:6 {2}dockerfile {2}scratch {2}\[skipped: scratch/m);
    assert.match(out, /2 references in 1 file$/m);
  });

  test('a missing path: exit 2 naming it; other paths still scanned', async () => {
    const cwd = workspace({ Dockerfile: 'FROM alpine:3.19\n' });
    const { code, out, err } = await run(['scan', 'nope', 'Dockerfile'], cwd);
    assert.equal(code, 2);
    assert.match(err, /nope: no such file or folder/);
    assert.match(out, /alpine:3\.19/);
  });

  test(
    'an unreadable file: exit 2 naming it',
    { skip: process.getuid?.() === 0 ? 'root can read any file' : false },
    async () => {
      const cwd = workspace({ Dockerfile: 'FROM alpine:3.19\n' });
      chmodSync(path.join(cwd, 'Dockerfile'), 0);
      const { code, err } = await run(['scan'], cwd);
      assert.equal(code, 2);
      assert.match(err, /Dockerfile: permission denied/);
    },
  );

  test('malformed YAML: named with the problem, found references kept, exit 0', async () => {
    const cwd = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n  bad: [\n' });
    const { code, err } = await run(['scan', '--format', 'json'], cwd);
    assert.equal(code, 0);
    assert.match(err, /compose\.yaml(:\d+:\d+)?: /);
  });
});

describe('usage', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /a command is required/],
    [['lint'], /unknown command "lint"/],
    [['scan', '--format', 'xml'], /--format must be/],
    [['scan', '--format', 'sarif'], /sarif is for check/],
    [['check', '--fail-on', 'fatal'], /--fail-on must be one of/],
    [['scan', '--bogus'], /Unknown option/],
  ];
  for (const [argv, message] of cases) {
    test(`image-trust ${argv.join(' ')} → exit 2`, async () => {
      const { code, err } = await run(argv, tmpdir());
      assert.equal(code, 2);
      assert.match(err, message);
    });
  }
  test('a --config file that is not JSON → exit 2 naming it', async () => {
    const cwd = workspace({ 'bad.json': '{ nope', Dockerfile: 'FROM alpine:3.19\n' });
    const { code, err } = await run(['check', '--offline', '--config', 'bad.json'], cwd);
    assert.equal(code, 2);
    assert.match(err, /bad\.json: invalid JSON/);
  });
  test('a --config file with a byte order mark is read; a wrong-typed value is named', async () => {
    const cwd = workspace({
      'bom.json': '\uFEFF{"registries": {"insecure": "reg.local"}}',
      Dockerfile: 'FROM scratch\n',
    });
    const { code, err } = await run(['check', '--offline', '--config', 'bom.json'], cwd);
    assert.equal(code, 0, err);
    assert.equal(err, 'image-trust: bom.json: registries.insecure: must be an array of hosts; using []\n');
  });
});
