// Reading the user's known-malicious lists from disk: paths, unreadable files and the warnings
// that name them (a list that cannot be used is never skipped silently).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { loadMaliciousLists, withKnownMaliciousLists } from '../../../server/src/policy/malicious/files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-lists-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const good = JSON.stringify({
  version: 1,
  entries: [{ match: 'namespace', value: 'evil', source: 'https://example.com/r', reported: '2026-01-31' }],
});
writeFileSync(path.join(dir, 'team.json'), good);
mkdirSync(path.join(dir, 'lists'));
writeFileSync(path.join(dir, 'lists', 'more.json'), good.replace('evil', 'worse'));
mkdirSync(path.join(dir, 'folder.json'));
writeFileSync(path.join(dir, 'huge.json'), '');
truncateSync(path.join(dir, 'huge.json'), 9 * 1024 * 1024);

describe('loadMaliciousLists', () => {
  test('relative paths are taken from the base folder, absolute ones as they are', async () => {
    const r = await loadMaliciousLists(['team.json', path.join(dir, 'lists', 'more.json')], dir);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.entries.map((e) => [e.value, e.list]),
      [
        ['docker.io/evil', 'team.json'],
        ['docker.io/worse', path.join(dir, 'lists', 'more.json')],
      ],
    );
  });
  test('each file that cannot be used is a problem naming it; the others are read', async () => {
    const r = await loadMaliciousLists(['missing.json', 'folder.json', 'huge.json', 'team.json'], dir);
    assert.deepEqual(r.problems, [
      { file: 'missing.json', message: 'cannot be read (no such file); the list is not used' },
      { file: 'folder.json', message: 'cannot be read (not a regular file); the list is not used' },
      { file: 'huge.json', message: `cannot be read (larger than ${8 * 1024 * 1024} bytes); the list is not used` },
    ]);
    assert.deepEqual(
      r.entries.map((e) => e.value),
      ['docker.io/evil'],
    );
  });
  test('a relative path without a base folder is a problem, not a guess', async () => {
    const r = await loadMaliciousLists(['team.json'], null);
    assert.deepEqual(r.problems, [
      {
        file: 'team.json',
        message: 'a relative path needs a workspace folder to be resolved against; the list is not used',
      },
    ]);
  });
});

describe('withKnownMaliciousLists', () => {
  test('settings without lists are returned as they are, without touching the disk', async () => {
    const settings = normalizeSettings({});
    const read = async (): Promise<string> => assert.fail('no list to read');
    assert.equal(await withKnownMaliciousLists(settings, dir, () => assert.fail('no warning'), read), settings);
  });
  test('entries are read in and every problem is a warning naming the file', async () => {
    const warnings: string[] = [];
    const settings = normalizeSettings({ 'knownMalicious.lists': ['team.json', 'missing.json'] });
    const loaded = await withKnownMaliciousLists(settings, dir, (m) => warnings.push(m));
    assert.deepEqual(
      loaded.knownMalicious.entries.map((e) => e.value),
      ['docker.io/evil'],
    );
    assert.deepEqual(warnings, [
      'knownMalicious.lists: missing.json: cannot be read (no such file); the list is not used',
    ]);
    // what a check could not be made against (the CLI's check is incomplete then)
    assert.deepEqual(loaded.knownMalicious.unused, ['missing.json']);
  });
});

describe('the knownMalicious.lists setting', () => {
  const cases: [unknown, string[], string[]][] = [
    [{}, [], []],
    [{ knownMalicious: { lists: ['a.json', 'b.json', 'a.json'] } }, ['a.json', 'b.json'], []],
    [{ 'imageTrust.knownMalicious.lists': ['a.json'] }, ['a.json'], []],
    [{ knownMalicious: { lists: 'a.json' } }, [], ['knownMalicious.lists: must be an array of file paths; ignored']],
    [
      { knownMalicious: { lists: ['a.json', 3, ' '] } },
      ['a.json'],
      ['knownMalicious.lists: entries that are not file paths are ignored'],
    ],
  ];
  for (const [raw, lists, warnings] of cases) {
    test(JSON.stringify(raw), () => {
      const seen: string[] = [];
      const s = normalizeSettings(raw, (m) => seen.push(m));
      assert.deepEqual(s.knownMalicious, { lists, entries: [], unused: [] });
      assert.deepEqual(seen, warnings);
    });
  }
});
