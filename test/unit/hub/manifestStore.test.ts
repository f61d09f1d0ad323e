// The manifest store (hub/manifestStore.ts): indexes and attestation manifests kept by digest, read
// once per machine; a kept file is checked against its digest each time; bounded in files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EVICT_EVERY,
  ManifestStore,
  NotFound,
  STORE_MAX_BYTES,
  STORE_MAX_FILES,
  STORE_MAX_MANIFEST_BYTES,
} from '../../../server/src/hub/manifestStore.js';
import { sha256 } from './fakeFetch.js';

function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-manifests-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const body = (n: number) => Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [], n }));

describe('manifest store', () => {
  test('read once: the same store and a new one on the same folder fetch nothing more', async (t) => {
    const dir = folder(t);
    const bytes = body(1);
    let fetched = 0;
    const fetch = async () => (fetched++, bytes);
    assert.deepEqual(await new ManifestStore(dir).get(sha256(bytes), fetch), bytes);
    const again = new ManifestStore(dir);
    assert.deepEqual(await again.get(sha256(bytes), fetch), bytes);
    assert.deepEqual(await again.get(sha256(bytes), fetch), bytes);
    assert.equal(fetched, 1);
  });

  test('a kept file that no longer matches its digest is dropped and read again', async (t) => {
    const dir = folder(t);
    const bytes = body(2);
    const digest = sha256(bytes);
    let fetched = 0;
    await new ManifestStore(dir).get(digest, async () => (fetched++, bytes));
    writeFileSync(
      join(dir, 'manifests', digest.replace(':', '-')),
      '{"schemaVersion":2,"manifests":[{"digest":"sha256:evil"}]}',
    );
    assert.deepEqual(await new ManifestStore(dir).get(digest, async () => (fetched++, bytes)), bytes);
    assert.equal(fetched, 2);
  });

  test('the registry has none: NotFound, and nothing is kept', async (t) => {
    const dir = folder(t);
    const store = new ManifestStore(dir);
    await assert.rejects(
      store.get(sha256('x'), async () => null),
      NotFound,
    );
    assert.equal(await store.has(sha256('x')), false);
  });

  test('a manifest too big to keep is used but not kept (on disk or in memory)', async (t) => {
    const dir = folder(t);
    const big = Buffer.alloc(STORE_MAX_MANIFEST_BYTES + 1, 0x20);
    let fetched = 0;
    const store = new ManifestStore(dir);
    await store.get(sha256(big), async () => (fetched++, big));
    await store.get(sha256(big), async () => (fetched++, big));
    assert.equal(fetched, 2);
    assert.equal(await store.has(sha256(big)), false);
  });

  const bounds = [
    {
      name: 'in files',
      bounds: { files: 30, bytes: STORE_MAX_BYTES },
      writes: 30 + 2 * EVICT_EVERY,
      most: 30 + EVICT_EVERY,
    },
    {
      name: 'in bytes',
      bounds: { files: STORE_MAX_FILES, bytes: 4000 },
      writes: 2 * EVICT_EVERY + 1,
      most: Math.ceil(4000 / body(0).length) + EVICT_EVERY,
    },
  ];
  for (const c of bounds) {
    test(`bounded ${c.name}: the oldest go first (the folder is trimmed every ${EVICT_EVERY} writes)`, async (t) => {
      const dir = folder(t);
      const store = new ManifestStore(dir, () => {}, c.bounds);
      for (let i = 0; i < c.writes; i++) {
        const bytes = body(i);
        await store.get(sha256(bytes), async () => bytes);
      }
      const files = readdirSync(join(dir, 'manifests')).length;
      assert.ok(files <= c.most, `${files} files`);
      assert.ok(await new ManifestStore(dir).has(sha256(body(c.writes - 1))), 'the newest is kept');
      assert.equal(await new ManifestStore(dir).has(sha256(body(0))), false, 'the oldest went');
    });
  }
});
