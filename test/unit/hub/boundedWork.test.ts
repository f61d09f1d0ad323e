// Issue 9 item 8: sizes within the body cap must not explode. An index with 25,000 platforms (about
// 3 MB, under the 4 MiB manifest cap) and a referrers answer with 6,000 signatures (under 1 MiB),
// reached through 100 tags, must cost what an ordinary image does: bounded counts in the facts,
// bounded heap growth with all 100 facts held in the cache, and a bounded disk cache file.
// Memory is asserted (heap after a full GC), never time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MAX_PLATFORMS, MAX_SIGNATURES } from '../../../server/src/hub/limits.js';
import { DISK_CACHE_FILE, DISK_MAX_FILE_BYTES } from '../../../server/src/hub/diskCache.js';
import { OCI_INDEX_MEDIA_TYPE as OCI_INDEX } from '../../../server/src/model/facts.js';
import { FakeFetch, sha256, type Expectation } from './fakeFetch.js';
import { service, target } from './support.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const R = 'https://big.example';
const REPO = 'big/index';
const TAGS = 100;
const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

const index = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: Array.from({ length: 25_000 }, (_, i) => ({
    digest: `sha256:${hex(i)}`,
    platform: { os: 'linux', architecture: `a${i}`, variant: `v${i % 9}` },
  })),
});
const INDEX = sha256(index);
const referrers = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: Array.from({ length: 6_000 }, (_, i) => ({
    digest: `sha256:${hex(i + 1)}`,
    artifactType: 'application/vnd.cncf.notary.signature',
  })),
});

function script(): Expectation[] {
  return [
    ...Array.from({ length: TAGS }, (_, i): Expectation => ({
      method: 'HEAD',
      url: `${R}/v2/${REPO}/manifests/t${i}`,
      responseHeaders: { 'docker-content-digest': INDEX, 'content-type': OCI_INDEX },
    })),
    // too big to keep (manifestStore.ts): read again for lookups not in flight together, never kept
    {
      url: `${R}/v2/${REPO}/manifests/${INDEX}`,
      body: index,
      responseHeaders: { 'content-type': OCI_INDEX },
      times: TAGS,
      atMost: true,
    },
    { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${INDEX.replace(':', '-')}.sig`, status: 404, times: TAGS },
    {
      url: `${R}/v2/${REPO}/referrers/${INDEX}`,
      body: referrers,
      responseHeaders: { 'content-type': OCI_INDEX },
      times: TAGS,
    },
  ];
}

test('an index of 25,000 platforms behind 100 tags: bounded facts, bounded heap, bounded cache file', async (t) => {
  assert.ok(
    Buffer.byteLength(index) > 2 * 1024 * 1024 && Buffer.byteLength(index) < 4 * 1024 * 1024,
    'a few MB, under the manifest cap',
  );
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-bounded-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fake = new FakeFetch(script());
  const svc = service(fake, { cacheDir: dir });
  gc();
  const before = process.memoryUsage().heapUsed;

  const facts = [];
  // a few at a time, as the CLI's per-host concurrency would; all held until the end
  for (let i = 0; i < TAGS; i += 10) {
    facts.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          svc.lookup(target({ registry: 'big.example', repository: REPO, tag: `t${i + j}` })),
        ),
      )),
    );
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  t.diagnostic(`heap growth with ${TAGS} facts held: ${(grown / 1024 / 1024).toFixed(1)} MB`);

  for (const f of facts) {
    assert.equal(f?.error, null, JSON.stringify(f?.error));
    assert.equal(f?.platforms?.length, MAX_PLATFORMS);
    assert.equal(f?.signatures.length, MAX_SIGNATURES);
  }
  // 100 × 25,000 platforms kept would be hundreds of MB
  assert.ok(grown < 40 * 1024 * 1024, `heap grew ${grown} bytes`);
  fake.assertDone();
  await svc.dispose();
  const size = statSync(join(dir, DISK_CACHE_FILE)).size;
  t.diagnostic(`disk cache file: ${size} bytes for ${TAGS} entries`);
  assert.ok(size < DISK_MAX_FILE_BYTES, `cache file ${size} bytes`);
});
