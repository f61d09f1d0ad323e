// The published npm package: what the tarball holds, that it installs with nothing from the
// registry, and that both bins work from any folder (`image-trust`, `image-trust-server --stdio`).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { packAndInstall, pathWith, ROOT, type Packed } from './packed.js';

const source = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
// a closed loopback port: nothing in these tests reaches a registry
const CLOSED = 'http://127.0.0.1:9';

let packed: Packed;
let elsewhere: string;
before(() => {
  packed = packAndInstall();
  // "any folder": not the repository, not the install folder
  elsewhere = mkdtempSync(join(tmpdir(), 'image-trust-user-'));
  mkdirSync(join(elsewhere, 'app'));
  writeFileSync(join(elsewhere, 'app/Dockerfile'), 'FROM python:3.12-slim AS build\nFROM build\n');
  writeFileSync(
    join(elsewhere, 'compose.yaml'),
    'services:\n  web:\n    image: nginx:1.27@sha256:' + 'a'.repeat(64) + '\n',
  );
});
after(() => {
  packed?.dispose();
  if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, PATH: pathWith(packed.bin), IMAGE_TRUST_CACHE_DIR: join(elsewhere, '.cache') };
  const { status, stdout, stderr } = spawnSync('image-trust', args, {
    cwd: elsewhere,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status, stdout, stderr };
}

describe('the tarball', () => {
  test('ships exactly the bundles, the README, the changelog and the licence', () => {
    assert.deepEqual(packed.files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/extract-worker.js',
      'dist/server.js',
      'package.json',
    ]);
  });

  test('has nothing to install: no dependencies (the bundles carry them), installed offline from an empty cache', () => {
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'private']) {
      assert.equal(
        packed.manifest[key],
        undefined,
        `${key} in package.json: runtime packages are bundled by esbuild and belong in devDependencies`,
      );
    }
    assert.match(packed.installLog, /added 1 package/);
  });

  test('names both bins and the Node versions it runs on', () => {
    assert.deepEqual(packed.manifest.bin, { 'image-trust': 'dist/cli.js', 'image-trust-server': 'dist/server.js' });
    assert.equal((packed.manifest.engines as { node?: string }).node, '>=22.12');
  });
});

describe('image-trust, installed', () => {
  test('--version prints the package version', () => {
    assert.deepEqual(cli(['--version']), { status: 0, stdout: `${source.version}\n`, stderr: '' });
  });

  test('--help stands on its own', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage:\n {2}image-trust scan /);
    assert.match(r.stdout, /^Exit status:$/m);
  });

  test('scan finds the references of a folder', () => {
    const r = cli(['scan', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const refs = (
      JSON.parse(r.stdout) as { references: Array<{ file: string; image: string | null; skip: string | null }> }
    ).references;
    assert.deepEqual(
      refs.map((x) => [x.file, x.image, x.skip]),
      [
        ['app/Dockerfile', 'docker.io/library/python:3.12-slim', null],
        ['app/Dockerfile', null, 'stage'],
        ['compose.yaml', `docker.io/library/nginx:1.27@sha256:${'a'.repeat(64)}`, null],
      ],
    );
  });

  test('check --offline runs the lookup code and says what it could not check', () => {
    const r = cli(['check', '--offline', '--allow-incomplete', '--format', 'json', 'app']);
    assert.equal(r.status, 0, r.stderr);
    const [py] = (
      JSON.parse(r.stdout) as {
        references: Array<{ facts: { error: { kind: string } | null } | null; findings: Array<{ code: string }> }>;
      }
    ).references;
    assert.equal(py?.facts?.error?.kind, 'offline');
    assert.deepEqual(py?.findings.map((f) => f.code).sort(), ['lookup-failed', 'unpinned-digest']);
  });
});

describe('image-trust-server --stdio, installed', () => {
  test('answers initialize with its name and version, publishes diagnostics for an open file, shuts down cleanly', async () => {
    const env = { ...process.env, PATH: pathWith(packed.bin), IMAGE_TRUST_CACHE_DIR: join(elsewhere, '.cache') };
    const server = spawn('image-trust-server', ['--stdio'], { cwd: elsewhere, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const diagnostics = new Promise<{
      uri: string;
      diagnostics: Array<{ code?: unknown; range: { start: { line: number } } }>;
    }>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
    conn.onNotification('window/logMessage', () => {});
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    try {
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: {
          settings: { dockerHub: { apiUrl: CLOSED }, registries: { mirrors: { 'docker.io': CLOSED } } },
        },
      })) as { serverInfo?: { name: string; version?: string }; capabilities: { hoverProvider?: boolean } };
      assert.deepEqual(init.serverInfo, { name: 'image-trust-server', version: source.version });
      assert.equal(init.capabilities.hoverProvider, true);
      await conn.sendNotification('initialized', {});
      const text = 'FROM alpine:3.19\n';
      const uri = `file://${join(elsewhere, 'app/Dockerfile')}`;
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text },
      });
      const published = await diagnostics;
      assert.equal(published.uri, uri);
      assert.ok(
        published.diagnostics.some((d) => d.code === 'unpinned-digest' && d.range.start.line === 0),
        JSON.stringify(published.diagnostics),
      );
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    } finally {
      conn.dispose();
      server.kill();
    }
  });
});
