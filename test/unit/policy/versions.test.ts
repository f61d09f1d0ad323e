// Version tracks: which tag an update may move to (only the last written number moves).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { relativeTime } from '../../../server/src/policy/time.js';
import { newestInTrack, parseVersionTag } from '../../../server/src/policy/tracks.js';

describe('parseVersionTag', () => {
  const cases: Array<[string, { prefix: string; numbers: number[]; suffix: string } | null]> = [
    ['1.27.3', { prefix: '', numbers: [1, 27, 3], suffix: '' }],
    ['3.12-slim', { prefix: '', numbers: [3, 12], suffix: '-slim' }],
    ['3.12-alpine3.20', { prefix: '', numbers: [3, 12], suffix: '-alpine3.20' }],
    ['v2.1.0', { prefix: 'v', numbers: [2, 1, 0], suffix: '' }],
    ['18', { prefix: '', numbers: [18], suffix: '' }],
    ['1.2.3+build.5', { prefix: '', numbers: [1, 2, 3], suffix: '+build.5' }],
    ['latest', null],
    ['bookworm', null],
    ['sha256-abc.sig', null],
    ['20240101123456789012', null],
    ['1.2.3.4.5', null],
  ];
  for (const [tag, want] of cases) {
    test(`${tag} → ${JSON.stringify(want)}`, () => {
      const got = parseVersionTag(tag);
      assert.deepEqual(got && { prefix: got.prefix, numbers: got.numbers, suffix: got.suffix }, want);
    });
  }
});

describe('newestInTrack', () => {
  const tags = [
    '1.27.3',
    '1.27.4',
    '1.27.5',
    '1.28.0',
    '1.27',
    '1',
    'latest',
    '1.27.5-alpine',
    '3.12-slim',
    '3.13-slim',
    '3.14-slim',
    '4.0-slim',
    '3.13',
    '3.12-alpine3.20',
    '3.13-alpine3.21',
    'v2.1.0',
    'v2.1.3',
    '2.1.9',
    '18',
    '20',
    '22-alpine',
  ];
  const cases: Array<[string, string | null, string]> = [
    ['1.27.3', '1.27.5', 'a patch release on the same minor'],
    ['1.27.5', null, 'already the newest on its track'],
    ['1.27', null, 'its last number moves, and no 1.28 is listed'],
    ['3.12-slim', '3.14-slim', 'the last written number moves, the variant stays'],
    ['3.12-alpine3.20', null, 'a different suffix is another track'],
    ['v2.1.0', 'v2.1.3', 'the prefix stays'],
    ['18', '20', 'a major-only tag moves its major'],
    ['latest', null, 'latest has no track'],
    ['1.28.0', null, 'nothing newer on 1.28'],
  ];
  for (const [current, want, why] of cases) {
    test(`${current} → ${want} (${why})`, () => assert.equal(newestInTrack(current, tags), want));
  }
});

describe('relativeTime', () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const DAY = 86_400_000;
  const cases: Array<[number, string]> = [
    [2_000, 'just now'],
    [30_000, '30 seconds ago'],
    [60_000, '1 minute ago'],
    [3 * 3_600_000, '3 hours ago'],
    [3 * DAY, '3 days ago'],
    [13 * DAY, '13 days ago'],
    [51 * DAY, '7 weeks ago'],
    [100 * DAY, '3 months ago'],
    [400 * DAY, '13 months ago'],
    [2763 * DAY, '7 years ago'],
    [366 * 2 * DAY, '2 years ago'],
  ];
  for (const [ago, want] of cases)
    test(`${ago} ms ago → ${want}`, () => assert.equal(relativeTime(NOW - ago, NOW), want));
});
