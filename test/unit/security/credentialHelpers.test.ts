// Credential helper names come from ~/.docker/config.json (`credsStore`, `credHelpers`), which a
// hostile tool or repository script could have written. A name is run as `docker-credential-<name>`:
// names with `/`, `..`, spaces or shell metacharacters must be refused WITHOUT spawning anything.
// Each hostile name below has a real executable planted where a careless spawn would find it; the
// executable leaves a marker file when run. A valid name, planted the same way, shows the plant works.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CredentialStore, runCredentialHelper } from '../../../server/src/hub/credentials.js';

let root = '';
let bin = '';
let savedPath = '';
let savedCwd = '';

/** Plants `docker-credential-<name>` under `base` (a name with `/` makes subfolders). */
function plant(base: string, name: string, marker: string): void {
  const file = join(base, `docker-credential-${name}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\ntouch '${marker}'\necho '{"Username":"planted","Secret":"planted-secret"}'\n`);
  chmodSync(file, 0o755);
}

// A bare '..' passes the name check (no '/': spawn looks `docker-credential-..` up in PATH only, so
// it cannot leave PATH); every name that could reach outside PATH has a '/'.
const hostile = [
  '../evil',
  'a/b',
  './x',
  'a/../../b',
  'a b',
  'x;touch',
  '$(id)',
  '`id`',
  'a|b',
  'a&b',
  'a\nb',
  '',
  ' desktop',
  'desktop ',
  '/bin/sh',
];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'image-trust-helpers-'));
  bin = join(root, 'bin');
  mkdirSync(bin);
  savedPath = process.env.PATH ?? '';
  savedCwd = process.cwd();
  // Both lookups a spawn could make: a bare name through PATH, a name with '/' relative to the cwd.
  process.env.PATH = `${bin}:${savedPath}`;
  process.chdir(root);
  for (const [i, name] of hostile.entries()) {
    if (name === '' || name.includes('\n')) continue;
    plant(bin, name, join(root, `marker-${i}`));
    if (name.includes('/')) plant(root, name, join(root, `marker-${i}`));
  }
  plant(bin, 'good', join(root, 'marker-good'));
});
after(() => {
  process.env.PATH = savedPath;
  process.chdir(savedCwd);
  rmSync(root, { recursive: true, force: true });
});

describe('credential helper names', () => {
  test('control: a valid planted helper is run and answers', async () => {
    const out = await runCredentialHelper('good', 'registry.example.test');
    assert.ok(out?.includes('planted-secret'), String(out));
    assert.ok(existsSync(join(root, 'marker-good')), 'the plant works, so the refusals below mean something');
  });

  for (const [i, name] of hostile.entries()) {
    test(`${JSON.stringify(name)} is refused without spawning`, async () => {
      const out = await runCredentialHelper(name, 'registry.example.test');
      assert.equal(out, null);
      assert.equal(existsSync(join(root, `marker-${i}`)), false, 'nothing was run');
    });
  }

  for (const [i, name] of hostile.entries()) {
    if (name === '') continue; // an empty credsStore means "none" in Docker's config
    test(`config.json credsStore ${JSON.stringify(name)}: refused with a warning, auths used, no helper called`, async () => {
      const config = join(root, `config-${i}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          credsStore: name,
          credHelpers: { 'other.example.test': name },
          auths: { 'registry.example.test': { auth: Buffer.from('u:p').toString('base64') } },
        }),
      );
      const warnings: string[] = [];
      let called = 0;
      const store = new CredentialStore({
        dockerConfigPath: config,
        runHelper: async () => {
          called++;
          return null;
        },
        log: (level, m) => {
          if (level === 'warn') warnings.push(m);
        },
      });
      assert.deepEqual(await store.forHost('registry.example.test'), { username: 'u', password: 'p' });
      assert.equal(await store.forHost('other.example.test'), null);
      assert.equal(called, 0, 'the helper runner was never asked');
      assert.ok(
        warnings.some((w) => w.includes('not valid')),
        warnings.join('; '),
      );
      assert.equal(existsSync(join(root, `marker-${i}`)), false);
    });
  }

  test('the default runner, through CredentialStore, spawns nothing for a hostile credsStore', async () => {
    const config = join(root, 'config-default.json');
    writeFileSync(config, JSON.stringify({ credsStore: '../evil' }));
    const store = new CredentialStore({ dockerConfigPath: config });
    assert.equal(await store.forHost('registry.example.test'), null);
    assert.equal(existsSync(join(root, 'marker-0')), false);
  });
});
