// The known-malicious list format: what a valid list reads as, and the exact problem for each way a
// user's file can be wrong (the entry or the file left out, never a throw).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMaliciousList } from '../../../server/src/policy/malicious/list.js';
import { BUILTIN_ENTRIES } from '../../../server/src/policy/malicious/match.js';

const SRC = 'https://example.com/report';
const entry = (over: Record<string, unknown>): Record<string, unknown> => ({
  match: 'namespace',
  value: 'evil',
  source: SRC,
  reported: '2026-01-31',
  ...over,
});
const list = (...entries: unknown[]): string => JSON.stringify({ version: 1, entries });

describe('known-malicious list: values are normalised', () => {
  const cases: [Record<string, unknown>, string][] = [
    [entry({ match: 'namespace', value: 'docker123321' }), 'namespace docker.io/docker123321'],
    [entry({ match: 'namespace', value: 'ghcr.io/evil' }), 'namespace ghcr.io/evil'],
    [entry({ match: 'namespace', value: 'index.docker.io/evil' }), 'namespace docker.io/evil'],
    [entry({ match: 'repository', value: 'docker123321/mysql' }), 'repository docker.io/docker123321/mysql'],
    [entry({ match: 'repository', value: 'nginx' }), 'repository docker.io/library/nginx'],
    [entry({ match: 'repository', value: 'quay.io/evil/tool' }), 'repository quay.io/evil/tool'],
    [entry({ match: 'repository', value: 'localhost:5000/evil' }), 'repository localhost:5000/evil'],
    [entry({ match: 'digest', value: `sha256:${'a'.repeat(64)}` }), `digest sha256:${'a'.repeat(64)}`],
  ];
  for (const [e, want] of cases) {
    test(`${String(e.match)} ${String(e.value)} → ${want}`, () => {
      const { entries, problems } = parseMaliciousList(list(e), 'team.json');
      assert.deepEqual(problems, []);
      assert.deepEqual(
        entries.map((x) => `${x.match} ${x.value}`),
        [want],
      );
      assert.equal(entries[0]?.list, 'team.json');
    });
  }
  test('a note is kept; an absent or null note is null', () => {
    const { entries } = parseMaliciousList(
      list(entry({ note: 'miner' }), entry({ value: 'other' }), entry({ value: 'third', note: null })),
      'l.json',
    );
    assert.deepEqual(
      entries.map((e) => e.note),
      ['miner', null, null],
    );
  });
});

describe('known-malicious list: a bad entry is reported and left out, the rest is used', () => {
  const cases: [unknown, string][] = [
    ['evil', 'entries[0]: not an object'],
    [entry({ match: 'repo' }), 'entries[0].match: must be "namespace", "repository" or "digest"'],
    [entry({ value: '' }), 'entries[0].value: must be a non-empty string'],
    [entry({ value: 42 }), 'entries[0].value: must be a non-empty string'],
    [entry({ value: 'Evil' }), 'entries[0].value: "Evil" is not a valid namespace'],
    [entry({ value: 'a/b/c' }), 'entries[0].value: "a/b/c" is not a valid namespace'],
    [
      entry({ match: 'repository', value: 'evil/tool:1.0' }),
      'entries[0].value: "evil/tool:1.0" is not a valid repository',
    ],
    [
      entry({ match: 'repository', value: 'evil/tool@sha256:' + 'a'.repeat(64) }),
      `entries[0].value: "evil/tool@sha256:${'a'.repeat(64)}" is not a valid repository`,
    ],
    [entry({ match: 'digest', value: 'sha256:abc' }), 'entries[0].value: "sha256:abc" is not a valid digest'],
    [entry({ source: 'javascript:alert(1)' }), 'entries[0].source: must be an http(s) URL of the public report'],
    [entry({ source: undefined }), 'entries[0].source: must be an http(s) URL of the public report'],
    [entry({ reported: '2026-02-30' }), 'entries[0].reported: must be a date written YYYY-MM-DD'],
    [entry({ reported: '31.01.2026' }), 'entries[0].reported: must be a date written YYYY-MM-DD'],
    [entry({ note: 7 }), 'entries[0].note: must be a string of at most 500 characters'],
    [entry({ note: 'x'.repeat(501) }), 'entries[0].note: must be a string of at most 500 characters'],
    [entry({ why: 'typo' }), 'entries[0]: unknown key "why"'],
  ];
  for (const [bad, want] of cases) {
    test(want, () => {
      const { entries, problems } = parseMaliciousList(list(bad, entry({ value: 'still-used' })), 'team.json');
      assert.deepEqual(problems, [{ file: 'team.json', message: `${want}; the entry is not used` }]);
      assert.deepEqual(
        entries.map((e) => e.value),
        ['docker.io/still-used'],
      );
    });
  }
});

describe('known-malicious list: a file that is no list is reported whole', () => {
  const cases: [string, string][] = [
    ['', 'not valid JSON'],
    ['root:x:0:0:root:/root:/bin/bash', 'not valid JSON'],
    ['[]', 'not a JSON object with "version" and "entries"'],
    ['{"entries": []}', '"version" must be 1 (found none)'],
    ['{"version": 2, "entries": []}', '"version" must be 1 (found 2)'],
    ['{"version": 1}', '"entries" must be an array'],
    ['{"version": 1, "entries": {}}', '"entries" must be an array'],
  ];
  for (const [text, want] of cases) {
    test(`${JSON.stringify(text)} → ${want}`, () => {
      assert.deepEqual(parseMaliciousList(text, 'team.json'), {
        entries: [],
        problems: [{ file: 'team.json', message: `${want}; the list is not used` }],
      });
    });
  }
  test('an unknown top-level key is reported, the entries are used', () => {
    const r = parseMaliciousList(JSON.stringify({ version: 1, entries: [entry({})], owner: 'me' }), 'team.json');
    assert.deepEqual(r.problems, [{ file: 'team.json', message: 'unknown key "owner" ignored' }]);
    assert.equal(r.entries.length, 1);
  });
  test('a byte order mark is allowed', () => {
    assert.equal(parseMaliciousList(`\uFEFF${list(entry({}))}`, 'team.json').entries.length, 1);
  });
});

describe('the built-in list', () => {
  test('every entry has an https source and a real date, and the incidents of issue 12 are on it', () => {
    assert.ok(BUILTIN_ENTRIES.length > 0);
    for (const e of BUILTIN_ENTRIES) {
      assert.match(e.source, /^https:\/\//, e.value);
      assert.ok(e.reported >= '2017-01-01' && e.reported <= '2026-12-31', e.value);
      assert.equal(e.list, 'built-in');
    }
    const values = BUILTIN_ENTRIES.map((e) => `${e.match} ${e.value}`);
    assert.ok(values.includes('namespace docker.io/docker123321'));
    assert.ok(values.includes('digest sha256:0aff2113f50451631f0f8c22d85c97aad855d73545b6018fcbe9f0a78ae26583'));
  });
});
