import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISK_CACHE_FILE } from '../../../server/src/hub/diskCache.js';
import type { HubStatus } from '../../../server/src/hub/index.js';
import { FakeFetch, type Expectation } from './fakeFetch.js';
import { Clock, D1, service, settings, target, tokenUrl } from './support.js';

const R = 'https://registry.example.com';
const REPO = 'team/app';
const T = target({ registry: 'registry.example.com', repository: REPO, tag: '1' });

function okScript(extra: Partial<Expectation> = {}): Expectation[] {
  return [
    {
      method: 'HEAD',
      url: `${R}/v2/${REPO}/manifests/1`,
      responseHeaders: { 'docker-content-digest': D1, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      ...extra,
    },
    { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${D1.replace(':', '-')}.sig`, status: 404 },
    { url: `${R}/v2/${REPO}/referrers/${D1}`, body: { manifests: [] } },
  ];
}

describe('service: one shared lookup per image', () => {
  test('1,000 concurrent lookups of one image → one set of requests (3)', async () => {
    const fake = new FakeFetch(okScript());
    const s = service(fake);
    const all = await Promise.all(Array.from({ length: 1000 }, () => s.lookup(T)));
    assert.equal(fake.calls.length, 3);
    assert.ok(all.every((f) => f?.digest === D1));
    fake.assertDone();
    await s.dispose();
  });

  test('an aborted caller stops waiting (undefined); the shared lookup goes on and fills the cache', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const fake = new FakeFetch(okScript({ gate }));
    const s = service(fake);
    const ac = new AbortController();
    const aborted = s.lookup(T, ac.signal);
    const other = s.lookup(T);
    ac.abort();
    assert.equal(await aborted, undefined);
    assert.equal(s.peek(T), undefined, 'nothing cached yet');
    open();
    assert.equal((await other)?.digest, D1);
    assert.equal(s.peek(T)?.digest, D1);
    assert.equal(await s.lookup(T, AbortSignal.abort()), undefined, 'already aborted → undefined at once');
    fake.assertDone();
    await s.dispose();
  });

  test('fresh cache answers without requests; after the TTL the lookup refreshes', async () => {
    const clock = new Clock();
    const fake = new FakeFetch(okScript());
    const s = service(fake, { now: clock.now, settings: settings({ ttlMinutes: 10 }) });
    await s.lookup(T);
    clock.advance(9 * 60_000);
    await s.lookup(T);
    assert.equal(fake.calls.length, 3);
    clock.advance(2 * 60_000);
    fake.expect(...okScript());
    await s.lookup(T);
    assert.equal(fake.calls.length, 6);
    fake.assertDone();
    await s.dispose();
  });
});

describe('service: stale on error', () => {
  test('a failed refresh returns the older facts with stale: true, the new error and their fetchedAt', async () => {
    const clock = new Clock();
    const fake = new FakeFetch(okScript());
    const s = service(fake, { now: clock.now, settings: settings({ ttlMinutes: 1 }) });
    const first = await s.lookup(T);
    const fetchedAt = first!.fetchedAt;
    clock.advance(5 * 60_000);
    fake.expect({ method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, networkError: 'ECONNREFUSED' });
    const second = await s.lookup(T);
    assert.equal(second?.stale, true);
    assert.equal(second?.digest, D1);
    assert.equal(second?.error?.kind, 'network');
    assert.equal(second?.fetchedAt, fetchedAt);
    assert.equal(clock.now() - second!.fetchedAt, 5 * 60_000, 'age is visible');
    fake.assertDone();
    await s.dispose();
  });

  test('a definitive not-found replaces older facts (not served stale)', async () => {
    const clock = new Clock();
    const fake = new FakeFetch(okScript());
    const s = service(fake, { now: clock.now, settings: settings({ ttlMinutes: 1 }) });
    await s.lookup(T);
    clock.advance(2 * 60_000);
    fake.expect(
      { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 404 },
      { url: `${R}/v2/${REPO}/tags/list?n=1`, body: { tags: [] } },
    );
    const f = await s.lookup(T);
    assert.equal(f?.stale, false);
    assert.equal(f?.error?.kind, 'not-found');
    assert.equal(f?.digest, null);
    fake.assertDone();
    await s.dispose();
  });
});

describe('service: disk cache', () => {
  test('round trip: facts survive a restart; the file holds no credentials or tokens; offline serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-disk-'));
    const config = join(dir, 'docker-config.json');
    writeFileSync(
      config,
      JSON.stringify({ auths: { 'registry.example.com': { username: 'alice', password: 's3cret-pass' } } }),
    );
    const realm = `${R}/token`;
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        status: 401,
        responseHeaders: { 'www-authenticate': `Bearer realm="${realm}",service="reg"` },
      },
      { url: tokenUrl(realm, 'reg', REPO), body: { token: 'SECRET-TOKEN-123', expires_in: 300 } },
      ...okScript({ headers: { authorization: 'Bearer SECRET-TOKEN-123' } }),
    ]);
    const cacheDir = join(dir, 'cache');
    const a = service(fake, { cacheDir, dockerConfigPath: config });
    const first = await a.lookup(T);
    await a.dispose();
    fake.assertDone();
    const text = readFileSync(join(cacheDir, DISK_CACHE_FILE), 'utf8');
    assert.match(text, new RegExp(D1));
    for (const secret of ['SECRET-TOKEN-123', 's3cret-pass', 'alice', 'Bearer', 'Basic'])
      assert.ok(!text.includes(secret), `no ${secret} on disk`);

    const none = new FakeFetch([]);
    const b = service(none, { cacheDir, offline: true });
    const again = await b.lookup(T);
    assert.equal(again?.digest, D1);
    assert.equal(again?.fetchedAt, first?.fetchedAt);
    assert.equal(b.peek(T)?.digest, D1);
    await b.clear();
    assert.equal(b.peek(T), undefined);
    assert.equal((await b.lookup(T))?.error?.kind, 'offline');
    none.assertDone();
    await b.dispose();
  });

  test('a corrupt cache file is an empty cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-disk-'));
    writeFileSync(join(dir, DISK_CACHE_FILE), '{"version":1,"entries":[{"key":1}]');
    const fake = new FakeFetch([]);
    const s = service(fake, { cacheDir: dir, offline: true });
    assert.equal((await s.lookup(T))?.error?.kind, 'offline');
    fake.assertDone();
    await s.dispose();
  });
});

describe('service: refusals are answers like any other', () => {
  // Diagnostics compare what lookup() returns with what peek() showed; a new answer on every call
  // made the language server re-publish every diagnostic in a loop while offline.
  test('offline, nothing cached: lookup() answers the same facts each time, and peek() shows them', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake, { offline: true });
    const first = await s.lookup(T);
    assert.equal(first?.error?.kind, 'offline');
    assert.equal(s.peek(T), first);
    assert.equal(await s.lookup(T), first);
    fake.assertDone();
    await s.dispose();
  });
  test('untrusted, registry not allowed: the same', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake, { trusted: false, settings: settings({ allowed: ['docker.io'] }) });
    const target2 = target({ registry: 'registry.example.com', repository: 'team/app', tag: '1' });
    const first = await s.lookup(target2);
    assert.match(first?.error?.message ?? '', /not allowed in an untrusted workspace/);
    assert.equal(s.peek(target2), first);
    assert.equal(await s.lookup(target2), first);
    fake.assertDone();
    await s.dispose();
  });
});

describe('service: workspace trust and offline mode', () => {
  test('untrusted workspace: a registry not allowed is not contacted (offline error, zero requests)', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake, { trusted: false });
    const f = await s.lookup(T);
    assert.equal(f?.error?.kind, 'offline');
    assert.equal(f?.error?.message, 'not contacted: registry.example.com is not allowed in an untrusted workspace');
    fake.assertDone();
    await s.dispose();
  });

  test('offline: a miss is an offline error with zero requests', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake, { offline: true });
    assert.equal((await s.lookup(T))?.error?.kind, 'offline');
    assert.equal(s.status().state, 'offline');
    fake.assertDone();
    await s.dispose();
  });

  test('a target without repository, tag or digest is an error value, not a throw', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake);
    assert.equal(
      (await s.lookup({ registry: null, repository: null, tag: null, digest: null }))?.error?.kind,
      'bad-response',
    );
    fake.assertDone();
    await s.dispose();
  });
});

describe('service: status source', () => {
  test('rate limited (with remaining quota) → offline since the failure → live again', async () => {
    const clock = new Clock();
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        status: 429,
        responseHeaders: { 'retry-after': '30', 'ratelimit-remaining': '0;w=21600', 'ratelimit-limit': '100;w=21600' },
      },
    ]);
    const s = service(fake, { now: clock.now });
    const seen: HubStatus[] = [];
    s.onStatusChange((st) => seen.push(st));
    const f = await s.lookup(T);
    assert.equal(f?.error?.kind, 'rate-limited');
    assert.equal(f?.error?.retryAt, new Date(clock.now() + 30_000).toISOString());
    assert.deepEqual(s.status(), {
      state: 'rate-limited',
      host: 'registry.example.com',
      until: clock.now() + 30_000,
      remaining: 0,
    });
    clock.advance(61_000);
    fake.expect({ method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, networkError: 'ENOTFOUND' });
    assert.equal((await s.lookup(T))?.error?.kind, 'network');
    assert.deepEqual(s.status(), { state: 'offline', since: clock.now() });
    clock.advance(61_000);
    fake.expect(...okScript());
    assert.equal((await s.lookup(T))?.error, null);
    assert.deepEqual(s.status(), { state: 'live' });
    assert.deepEqual(
      seen.map((x) => x.state),
      ['rate-limited', 'offline', 'live'],
    );
    fake.assertDone();
    await s.dispose();
  });
});
