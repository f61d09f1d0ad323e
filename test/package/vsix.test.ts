// The VSIX, packaged from the same production build as the npm tarball: exactly the files the
// extension needs, the Marketplace fields, a changelog entry for its version, and an install into
// the code-server host (.ci/setup-vscode-host.sh) with `code-server --install-extension`, where it
// activates from its own files and its bundled server publishes diagnostics.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { packAndInstall, ROOT, type Packed } from './packed.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  publisher: string;
  name: string;
};
const HOST_DIR = process.env.VSCODE_HOST_DIR || join(homedir(), '.cache/vscode-host-4.139.1');
const CODE_SERVER = join(HOST_DIR, 'host/node_modules/.bin/code-server');
const id = `${manifest.publisher}.${manifest.name}`;
const closed = 'http://127.0.0.1:9'; // a closed port: the host never reaches a registry

/** What the extension needs at run time: its bundles, grammars, walkthrough, icon and documents. */
const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'client/walkthrough/hover.md',
  'client/walkthrough/quickfix.md',
  'client/walkthrough/sample.md',
  'client/walkthrough/signin.md',
  'dist/extension.js',
  'dist/extract-worker.js',
  'dist/server.js',
  'images/icon.png',
  'package.json',
  'syntaxes/image-trust.dockerfile.injection.tmLanguage.json',
  'syntaxes/image-trust.yaml.injection.tmLanguage.json',
];

let packed: Packed;
let dir = '';
let vsix = '';
before(() => {
  packed = packAndInstall();
  dir = mkdtempSync(join(tmpdir(), 'image-trust-vsix-test-'));
  vsix = join(dir, 'image-trust.vsix');
  const r = spawnSync(process.execPath, [join(packed.source, 'scripts/package-vsix.mjs'), '-o', vsix], {
    cwd: packed.source,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
after(() => {
  packed?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function files(root: string): string[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => relative(root, join(root, f)))
    .sort();
}

describe('the VSIX', () => {
  test('vsce ls: exactly what the extension needs', () => {
    const r = spawnSync(process.execPath, [join(packed.source, 'scripts/package-vsix.mjs'), '--ls'], {
      cwd: packed.source,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean), SHIPPED);
  });

  test('fits the size budget (1.5 MB)', () => {
    assert.ok(statSync(vsix).size <= 1.5 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  test('carries what the Marketplace shows: icon, banner, categories, keywords, repository', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    assert.deepEqual(manifest.galleryBanner, { color: '#12324a', theme: 'dark' });
    assert.ok(Array.isArray(manifest.categories) && manifest.categories.includes('Linters'));
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length >= 5 && manifest.keywords.length <= 30);
    assert.match(String((manifest.repository as { url?: string }).url), /^https:\/\/github\.com\//);
    const png = readFileSync(join(ROOT, 'images/icon.png'));
    // the Marketplace wants at least 128×128 pixels
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128);
  });

  test('the changelog has an entry for this version', () => {
    assert.match(
      readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'),
      new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'),
    );
  });

  const data = (): string => join(dir, 'host');
  const installedDir = (): string => join(data(), 'ext', `${id}-${manifest.version}`);
  const noHost = (): string | false =>
    !existsSync(CODE_SERVER) && `no code-server host at ${HOST_DIR} (bash .ci/setup-vscode-host.sh builds it)`;

  test('installs into the code-server host', (t) => {
    if (noHost()) return t.skip(noHost() || '');
    const data = join(dir, 'host');
    const env = {
      ...process.env,
      PATH: `${join(HOST_DIR, 'bin')}:${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: data,
      XDG_DATA_HOME: data,
      XDG_CACHE_HOME: data,
    };
    const code = (...args: string[]) =>
      spawnSync(CODE_SERVER, ['--extensions-dir', join(data, 'ext'), '--user-data-dir', join(data, 'user'), ...args], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const install = code('--install-extension', vsix);
    assert.equal(install.status, 0, install.stdout + install.stderr);
    assert.match(install.stdout, /Extension 'image-trust\.vsix' was successfully installed\./);
    assert.equal(code('--list-extensions', '--show-versions').stdout.trim(), `${id}@${manifest.version}`);
    // the installed folder: the VSIX's files (vsce renames the documents) and the host's marker
    const installed = files(installedDir());
    assert.deepEqual(
      installed,
      SHIPPED.map((f) => ({ 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt', 'README.md': 'readme.md' })[f] ?? f)
        .concat('.vsixmanifest')
        .sort(),
    );
  });

  test('the installed extension activates and its bundled server publishes diagnostics', async (t) => {
    if (noHost()) return t.skip(noHost() || '');
    if (!existsSync(installedDir())) return t.skip('the install above failed');
    const ws = join(dir, 'workspace');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'Dockerfile'), 'FROM alpine:3.19\n');
    const userData = join(data(), 'smoke-user');
    for (const folder of ['User', 'Machine']) {
      mkdirSync(join(userData, folder), { recursive: true });
      writeFileSync(
        join(userData, folder, 'settings.json'),
        JSON.stringify({
          'imageTrust.dockerHub.apiUrl': closed,
          'imageTrust.registries.mirrors': { 'docker.io': closed },
        }),
      );
    }
    const resultFile = join(dir, 'smoke.json');
    await runTests({
      vscodeExecutablePath: join(HOST_DIR, 'bin/code'),
      extensionDevelopmentPath: installedDir(),
      extensionTestsPath: join(__dirname, 'fixture/vsix-smoke.js'),
      launchArgs: [ws, `--user-data-dir=${userData}`, `--extensions-dir=${join(data(), 'smoke-ext')}`],
      extensionTestsEnv: { IMAGE_TRUST_VSIX_FILE: join(ws, 'Dockerfile'), IMAGE_TRUST_VSIX_RESULT: resultFile },
    }).catch(() => undefined); // the outcome is in the result file
    assert.ok(existsSync(resultFile), 'the extension host never ran the smoke test');
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
      extensionPath?: string;
      codes?: string[];
      error?: string;
    };
    assert.equal(result.error, undefined);
    assert.equal(result.extensionPath, installedDir());
    assert.ok(result.codes?.includes('unpinned-digest'), JSON.stringify(result.codes));
  });
});
