// The measured figures of the lookalike check (npm run measure:lookalike) as assertions, so that a
// change of thresholds or lists that costs precision or recall fails here and is looked at.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measure } from '../../../scripts/measure-lookalike.js';

describe('lookalike: measured on real names and known incidents', () => {
  const m = measure();
  test('the real corpus has at least 1,000 distinct names', () =>
    assert.ok(m.corpus.names >= 1000, String(m.corpus.names)));
  test('false positives by the name alone: exactly the known one', () => {
    assert.deepEqual(m.offline.falsePositives, ['ghcr.io/requarks/wiki → xwiki (typo)']);
  });
  test('worst case (no publisher outside library/ has a badge): under 1 %', () =>
    assert.ok(m.worstCase.rate < 0.01, String(m.worstCase.rate)));
  test('every incident and example that imitates something is caught', () => {
    for (const r of m.recall) assert.deepEqual(r.missed, [], r.kind);
  });
  test('one-slip typos: at least 90 % caught for every kind of slip', () => {
    for (const s of m.synthetic) assert.ok(s.caught / s.total >= 0.9, `${s.of}, ${s.slip}: ${s.caught}/${s.total}`);
  });
});
