import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore, isValidHelperName, registryKey } from '../../../server/src/hub/credentials.js';

describe('credential helper names', () => {
  const cases: Array<[string, boolean]> = [
    ['desktop', true],
    ['osxkeychain', true],
    ['ecr-login', true],
    ['gcloud', true],
    ['pass_1.2', true],
    ['', false],
    ['../evil', false],
    ['a b', false],
    ['x;rm -rf /', false],
    ['$(id)', false],
    ['a/b', false],
  ];
  for (const [name, ok] of cases)
    test(`${JSON.stringify(name)} → ${ok ? 'valid' : 'refused'}`, () => assert.equal(isValidHelperName(name), ok));
});

describe('docker config keys → registry', () => {
  const cases: Array<[string, string]> = [
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['https://Registry.Example.com:5000/v2/', 'registry.example.com:5000'],
  ];
  for (const [key, reg] of cases) test(`${key} → ${reg}`, () => assert.equal(registryKey(key), reg));
});

describe('credential sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cfg-'));
  const write = (name: string, v: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(v));
    return p;
  };

  test('auths: base64 auth and username/password; URL keys for Docker Hub', async () => {
    const path = write('a.json', {
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw:with:colons').toString('base64') },
        'ghcr.io': { username: 'me', password: 'tok' },
      },
    });
    const s = new CredentialStore({
      dockerConfigPath: path,
      runHelper: async () => assert.fail('no helper configured'),
    });
    assert.deepEqual(await s.forHost('registry-1.docker.io'), { username: 'hub', password: 'pw:with:colons' });
    assert.deepEqual(await s.forHost('ghcr.io'), { username: 'me', password: 'tok' });
    assert.equal(await s.forHost('quay.io'), null);
  });

  test("the editor's Docker Hub credentials win for docker.io only", async () => {
    const path = write('b.json', { auths: { 'https://index.docker.io/v1/': { username: 'cfg', password: 'cfg' } } });
    const s = new CredentialStore({ dockerConfigPath: path, dockerHubCredentials: { username: 'ed', token: 'pat' } });
    assert.deepEqual(await s.forHost('docker.io'), { username: 'ed', password: 'pat' });
    assert.equal(await s.forHost('ghcr.io'), null);
  });

  test('credHelpers per registry, then credsStore; Docker Hub asked with its v1 server URL', async () => {
    const path = write('c.json', { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } });
    const asked: string[] = [];
    const s = new CredentialStore({
      dockerConfigPath: path,
      runHelper: async (helper, server) => {
        asked.push(`${helper} ${server}`);
        return JSON.stringify({ ServerURL: server, Username: `${helper}-user`, Secret: 'x' });
      },
    });
    assert.deepEqual(await s.forHost('gcr.io'), { username: 'gcloud-user', password: 'x' });
    assert.deepEqual(await s.forHost('docker.io'), { username: 'desktop-user', password: 'x' });
    await s.forHost('docker.io');
    assert.deepEqual(asked, ['gcloud gcr.io', 'desktop https://index.docker.io/v1/'], 'each helper asked once');
  });

  test('an invalid helper name is never run', async () => {
    const path = write('d.json', { credHelpers: { 'evil.example': '../../bin/sh' } });
    const warnings: string[] = [];
    const s = new CredentialStore({
      dockerConfigPath: path,
      runHelper: async () => assert.fail('must not run'),
      log: (_l, m) => warnings.push(m),
    });
    assert.equal(await s.forHost('evil.example'), null);
    assert.equal(warnings.length, 1);
  });

  test('identity tokens (<token>) and helper failures give no credentials', async () => {
    const path = write('e.json', { credHelpers: { 'a.example': 'one', 'b.example': 'two' } });
    const s = new CredentialStore({
      dockerConfigPath: path,
      runHelper: async (helper) =>
        helper === 'one' ? JSON.stringify({ Username: '<token>', Secret: 'refresh' }) : null,
    });
    assert.equal(await s.forHost('a.example'), null);
    assert.equal(await s.forHost('b.example'), null);
  });

  test('missing or invalid config file → no credentials', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{oops');
    assert.equal(await new CredentialStore({ dockerConfigPath: bad }).forHost('ghcr.io'), null);
    assert.equal(await new CredentialStore({ dockerConfigPath: join(dir, 'none.json') }).forHost('ghcr.io'), null);
  });
});
