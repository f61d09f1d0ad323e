import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { proxyFor } from '../../../server/src/hub/proxy.js';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactsCache } from '../../../server/src/hub/cache.js';
import { DISK_CACHE_FILE, DISK_MAX_FILE_BYTES, DiskCache } from '../../../server/src/hub/diskCache.js';
import { failedFacts } from '../../../server/src/model/facts.js';

describe('proxy choice', () => {
  const cases: Array<{
    name: string;
    url: string;
    env: Record<string, string>;
    editor?: string;
    expected: string | null;
  }> = [
    { name: 'no proxy anywhere → direct', url: 'https://ghcr.io/v2/', env: {}, expected: null },
    {
      name: 'HTTPS_PROXY for an https URL',
      url: 'https://ghcr.io/v2/',
      env: { HTTPS_PROXY: 'http://proxy:3128' },
      expected: 'http://proxy:3128',
    },
    {
      name: 'NO_PROXY excludes the host',
      url: 'https://ghcr.io/v2/',
      env: { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'ghcr.io' },
      expected: null,
    },
    {
      name: "the editor's proxy wins",
      url: 'https://ghcr.io/v2/',
      env: { HTTPS_PROXY: 'http://proxy:3128' },
      editor: 'http://editor:8080',
      expected: 'http://editor:8080',
    },
    {
      name: "NO_PROXY applies to the editor's proxy too",
      url: 'https://ghcr.io/v2/',
      env: { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.ghcr.io,ghcr.io' },
      editor: 'http://editor:8080',
      expected: null,
    },
    {
      name: 'loopback never through a proxy (env)',
      url: 'http://127.0.0.1:5000/v2/',
      env: { HTTP_PROXY: 'http://proxy:3128' },
      expected: null,
    },
    {
      name: 'loopback never through a proxy (editor)',
      url: 'http://localhost:5000/v2/',
      env: {},
      editor: 'http://editor:8080',
      expected: null,
    },
  ];
  const keys = [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NO_PROXY',
    'no_proxy',
    'ALL_PROXY',
    'all_proxy',
  ];
  for (const c of cases) {
    test(c.name, () => {
      const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
      try {
        for (const k of keys) delete process.env[k];
        Object.assign(process.env, c.env);
        assert.equal(proxyFor(new URL(c.url), { proxy: c.editor }), c.expected);
      } finally {
        for (const k of keys) {
          if (saved[k] === undefined) delete process.env[k];
          else process.env[k] = saved[k];
        }
      }
    });
  }
});

describe('facts cache bound', () => {
  test('LRU: beyond the bound the least recently used entry goes', () => {
    const c = new FactsCache(3);
    const e = () => ({ facts: failedFacts({ kind: 'network', message: 'x' }), freshUntil: 0, lastGood: null });
    c.set('a', e());
    c.set('b', e());
    c.set('c', e());
    c.get('a');
    c.set('d', e());
    assert.equal(c.size, 3);
    assert.ok(c.get('a'));
    assert.equal(c.get('b'), undefined);
  });
});

describe('disk cache bound (bytes): the newest entries that fit, oversized entries and files refused', () => {
  const record = (key: string, descriptionBytes: number) => ({
    key,
    facts: {
      ...failedFacts({ kind: 'network', message: 'x' }),
      error: null,
      description: 'd'.repeat(descriptionBytes),
    },
  });
  const keys = Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(3, '0')}`);
  // how many 60 kB records fit in the file (64 bytes of envelope, one comma each)
  const fit = Math.floor((DISK_MAX_FILE_BYTES - 64) / (Buffer.byteLength(JSON.stringify(record('k000', 60_000))) + 1));
  const cases: Array<{ name: string; records: Array<{ key: string; bytes: number }>; kept: string[] }> = [
    {
      name: 'small entries: all kept, oldest first',
      records: [
        { key: 'a', bytes: 10 },
        { key: 'b', bytes: 10 },
      ],
      kept: ['a', 'b'],
    },
    {
      name: 'an entry over 64 KiB is left out, the others kept',
      records: [
        { key: 'a', bytes: 10 },
        { key: 'huge', bytes: 70_000 },
        { key: 'c', bytes: 10 },
      ],
      kept: ['a', 'c'],
    },
    {
      name: 'past 8 MiB the oldest go first',
      records: keys.map((key) => ({ key, bytes: 60_000 })),
      kept: keys.slice(-fit),
    },
  ];
  for (const c of cases) {
    test(c.name, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'image-trust-disk-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const disk = new DiskCache(dir, () => c.records.map((r) => record(r.key, r.bytes)));
      await disk.flush();
      assert.ok(statSync(join(dir, DISK_CACHE_FILE)).size <= DISK_MAX_FILE_BYTES);
      assert.deepEqual(
        (await disk.load()).map((r) => r.key),
        c.kept,
      );
    });
  }
  test('a file over the bound (written by an older version) is not parsed: an empty cache', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-trust-disk-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const big = JSON.stringify({ version: 1, entries: [record('a', DISK_MAX_FILE_BYTES)] });
    writeFileSync(join(dir, DISK_CACHE_FILE), big);
    assert.deepEqual(await new DiskCache(dir, () => []).load(), []);
  });
});
