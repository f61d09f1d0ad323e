// Docker Hub as it answers today: the tag API gives `images: []`, so platforms, per-platform digests
// and BuildKit attestations come from the index, and reading it is a counted pull (a manifest GET).
// dockerHub.readIndexes decides: `on-demand` (default: lookup() never reads, readIndex() does),
// `always` (lookup() reads), `never`. An index is read once per digest, then kept (memory, disk).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { OCI_INDEX_MEDIA_TYPE as OCI_INDEX } from '../../../server/src/model/facts.js';
import { FakeFetch, fixtureJson, fixtureText, sha256, type Expectation } from './fakeFetch.js';
import { HUB_API, HUB_REG, hubTagBody, hubToken, service, target } from './support.js';

const attManifest = fixtureText('buildkit-attestation-manifest.json');
const indexBody = fixtureText('buildkit-attestation-image-index.json').replace(
  'sha256:02cb9aa7600e73fcf41ee9f0f19cc03122b2d8be43d41ce4b21335118f5dd943',
  sha256(attManifest),
);
const INDEX = sha256(indexBody);
const AMD64 = {
  os: 'linux',
  architecture: 'amd64',
  digest: 'sha256:23678f31b3b3586c4fb318aecfe64a96a1f0916ba8faf9b2be2abee63fa9e827',
};
const legacyImages = fixtureJson('skopeo-1794-hub-tag-images-excerpt.json') as unknown[];

const nginx = target({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27' });
const api = (rest = '') => `${HUB_API}/v2/namespaces/library/repositories/nginx${rest}`;
const manifestGets = (fake: FakeFetch) => fake.count((c) => c.method === 'GET' && c.url.includes('/manifests/'));

/** Hub API (2026 shape unless images given), token, free signature checks. */
function hubLookup(images: unknown[] = []): Expectation[] {
  return [
    { url: api('/tags/1.27'), body: hubTagBody(INDEX, images) },
    { url: api(), body: { description: 'nginx', status: 1 } },
    { url: hubToken('library/nginx'), body: { token: 'HT', expires_in: 300 } },
    { method: 'HEAD', url: `${HUB_REG}/v2/library/nginx/manifests/${INDEX.replace(':', '-')}.sig`, status: 404 },
    { url: `${HUB_REG}/v2/library/nginx/referrers/${INDEX}`, body: { manifests: [] } },
  ];
}
/** The two counted pulls: the index and its first attestation manifest. */
const indexReads = (): Expectation[] => [
  {
    url: `${HUB_REG}/v2/library/nginx/manifests/${INDEX}`,
    body: indexBody,
    responseHeaders: { 'content-type': OCI_INDEX },
  },
  {
    url: `${HUB_REG}/v2/library/nginx/manifests/${sha256(attManifest)}`,
    body: attManifest,
    responseHeaders: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
  },
];
const settings = (readIndexes?: string) => normalizeSettings(readIndexes ? { dockerHub: { readIndexes } } : {});

describe('dockerHub.readIndexes', () => {
  test('on-demand (default): lookup() reads no index — platforms and attestations null, 0 manifest GETs', async () => {
    const fake = new FakeFetch(hubLookup());
    const s = service(fake, { settings: settings() });
    const f = await s.lookup(nginx);
    assert.equal(f?.error, null);
    assert.equal(f?.digest, INDEX);
    assert.equal(f?.platforms, null);
    assert.equal(f?.attestations, null);
    assert.deepEqual(f?.indexUnread, { attestationKinds: [] });
    assert.equal(manifestGets(fake), 0);
    fake.assertDone();
    await s.dispose();
  });

  test('on-demand: readIndex() reads the index and its attestation manifest once; lookup() and peek() see the result', async () => {
    const fake = new FakeFetch([...hubLookup(), ...indexReads()]);
    const s = service(fake, { settings: settings() });
    const f = await s.readIndex(nginx);
    assert.deepEqual(f?.platforms, [AMD64]);
    assert.deepEqual(f?.attestations, [{ kind: 'sbom' }]);
    assert.equal(f?.indexUnread, undefined);
    assert.equal(manifestGets(fake), 2);
    assert.deepEqual((await s.lookup(nginx))?.platforms, [AMD64]);
    assert.deepEqual(s.peek(nginx)?.platforms, [AMD64]);
    assert.deepEqual((await s.readIndex(nginx))?.platforms, [AMD64]);
    assert.equal(manifestGets(fake), 2, 'no second read');
    fake.assertDone();
    await s.dispose();
  });

  test('concurrent readIndex() calls share one read', async () => {
    const fake = new FakeFetch([...hubLookup(), ...indexReads()]);
    const s = service(fake, { settings: settings() });
    const all = await Promise.all([s.readIndex(nginx), s.readIndex(nginx), s.readIndex(nginx)]);
    assert.ok(all.every((f) => f?.platforms?.length === 1));
    assert.equal(manifestGets(fake), 2);
    fake.assertDone();
    await s.dispose();
  });

  test('kept on disk by digest: another service with the same cache folder reads the index with 0 GETs', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-trust-indexes-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = new FakeFetch([...hubLookup(), ...indexReads()]);
    const a = service(first, { settings: settings(), cacheDir: dir });
    assert.deepEqual((await a.readIndex(nginx))?.platforms, [AMD64]);
    await a.dispose();
    // a new tag for the same index, in a new process: Hub API and free checks only
    const second = new FakeFetch([
      { url: api('/tags/stable'), body: hubTagBody(INDEX) },
      { url: api(), body: { description: 'nginx', status: 1 } },
      { url: hubToken('library/nginx'), body: { token: 'HT', expires_in: 300 } },
      { method: 'HEAD', url: `${HUB_REG}/v2/library/nginx/manifests/${INDEX.replace(':', '-')}.sig`, status: 404 },
      { url: `${HUB_REG}/v2/library/nginx/referrers/${INDEX}`, body: { manifests: [] } },
    ]);
    const b = service(second, { settings: settings(), cacheDir: dir });
    const f = await b.readIndex(target({ registry: 'docker.io', repository: 'library/nginx', tag: 'stable' }));
    assert.deepEqual(f?.platforms, [AMD64]);
    assert.deepEqual(f?.attestations, [{ kind: 'sbom' }]);
    assert.equal(manifestGets(second), 0);
    second.assertDone();
    await b.dispose();
  });

  test('always: lookup() reads the index', async () => {
    const fake = new FakeFetch([...hubLookup(), ...indexReads()]);
    const s = service(fake, { settings: settings('always') });
    const f = await s.lookup(nginx);
    assert.deepEqual(f?.platforms, [AMD64]);
    assert.deepEqual(f?.attestations, [{ kind: 'sbom' }]);
    assert.equal(manifestGets(fake), 2);
    fake.assertDone();
    await s.dispose();
  });

  test('never: readIndex() reads nothing either', async () => {
    const fake = new FakeFetch(hubLookup());
    const s = service(fake, { settings: settings('never') });
    const f = await s.readIndex(nginx);
    assert.equal(f?.platforms, null);
    assert.equal(manifestGets(fake), 0);
    fake.assertDone();
    await s.dispose();
  });

  test('the index read fails (503): facts unchanged, the reason said, tried again next time', async () => {
    const fake = new FakeFetch([
      ...hubLookup(),
      { url: `${HUB_REG}/v2/library/nginx/manifests/${INDEX}`, status: 503 },
    ]);
    const s = service(fake, { settings: settings() });
    const f = await s.readIndex(nginx);
    assert.equal(f?.platforms, null);
    assert.match(f?.indexUnread?.error ?? '', /HTTP 503/);
    fake.expect(...indexReads());
    assert.deepEqual((await s.readIndex(nginx))?.platforms, [AMD64]);
    fake.assertDone();
    await s.dispose();
  });

  test("Docker Hub with images[] (the 2024 shape): platforms from it; the attestations are still the index's, unknown", async () => {
    const fake = new FakeFetch(hubLookup(legacyImages));
    const s = service(fake, { settings: settings() });
    const f = await s.lookup(nginx);
    assert.equal(f?.platforms?.length, 2);
    assert.equal(f?.attestations, null);
    assert.equal(manifestGets(fake), 0);
    fake.assertDone();
    await s.dispose();
  });

  test('a single-platform manifest: platforms [], attestations known ([]), nothing to read', async () => {
    const fake = new FakeFetch(
      hubLookup().map((e) =>
        e.url === api('/tags/1.27')
          ? { ...e, body: { ...hubTagBody(INDEX), media_type: 'application/vnd.oci.image.manifest.v1+json' } }
          : e,
      ),
    );
    const s = service(fake, { settings: settings() });
    const f = await s.readIndex(nginx);
    assert.deepEqual(f?.platforms, []);
    assert.deepEqual(f?.attestations, []);
    assert.equal(f?.indexUnread, undefined);
    fake.assertDone();
    await s.dispose();
  });
});
