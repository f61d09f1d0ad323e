// The "pin all never damages a file" check for one document: extract, give every image a fake
// digest, compute pin-all's edits, apply them, and verify
//   (a) nothing outside the pinned references' pin sites changed: every edit is exactly one pin
//       site, edits do not overlap, and the result is the original with only those spans replaced;
//   (b) re-extracting gives the same references in the same order: pinned ones with the same
//       registry/repository/tag/platform/source plus the fake digest, the others unchanged;
//   (c) pin-all on the result has nothing left to do.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { applyEdits } from '../../../server/src/cli/edits.js';
import { extractFile } from '../../../server/src/extract/index.js';
import type { TextEdit } from '../../../server/src/model/finding.js';
import { LineIndex, type Range } from '../../../server/src/model/range.js';
import { lookupKey, type ImageReference, type ReferenceSource } from '../../../server/src/model/reference.js';
import { pinAllEdits } from '../../../server/src/policy/index.js';
import { facts } from '../../helpers/facts.js';

/** A random-looking sha256 digest per image, decided by `seed`. */
export function fakeDigest(seed: number, key: string): string {
  return `sha256:${createHash('sha256').update(`${seed}\u0000${key}`).digest('hex')}`;
}

export interface PinAllOutcome {
  references: number;
  edits: number;
  result: string;
  /** pinned references whose implied `latest` was not written, so the pin has no tag at all
   * (`busybox` → `busybox@sha256:…`); reported apart so that the properties can still check
   * everything else (see pinAllFiles.test.ts for the test of this case) */
  droppedImpliedTags: string[];
}

export interface CheckOptions {
  /** accept `busybox` → `busybox@sha256:…` (tag null afterwards) instead of failing */
  allowDroppedImpliedTag?: boolean;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

export function checkPinAll(
  file: string,
  text: string,
  kind: ReferenceSource,
  seed: number,
  options: CheckOptions = {},
): PinAllOutcome {
  const before = extractFile(file, text, kind).references;
  const digestOf = (ref: ImageReference) => fakeDigest(seed, lookupKey(ref));
  const { edits } = pinAllEdits(before, (ref) => facts({ digest: digestOf(ref) }));

  // (a) every edit is a pin site of a reference pin-all pins, and edits are disjoint
  const index = new LineIndex(text);
  const pinnedBy = new Map<TextEdit, ImageReference[]>();
  const bySite = new Map<string, ImageReference[]>();
  for (const r of before) {
    if (r.skip || r.digest || !r.pinSite) continue;
    const key = JSON.stringify(r.pinSite.range);
    bySite.set(key, [...(bySite.get(key) ?? []), r]);
  }
  for (const edit of edits) {
    const owners = (bySite.get(JSON.stringify(edit.range)) ?? []).filter((r) =>
      sameRange(r.pinSite?.range ?? r.range, edit.range),
    );
    assert.ok(owners.length > 0, `edit at ${JSON.stringify(edit.range)} is not a pin site`);
    pinnedBy.set(edit, owners);
  }
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((x, y) => x.start - y.start || x.end - y.end);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    assert.ok(
      prev &&
        cur &&
        prev.end <= cur.start &&
        !(prev.start === prev.end && cur.start === cur.end && prev.start === cur.start),
      `edits overlap at offset ${cur?.start}`,
    );
  }
  const result = applyEdits(text, edits);
  let expected = '';
  let at = 0;
  for (const s of spans) {
    expected += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  expected += text.slice(at);
  assert.equal(result, expected, 'the result is the original with only the pin sites replaced');

  // (b) the same references, in order; pinned ones gain exactly the fake digest
  const pinned = new Set([...pinnedBy.values()].flat());
  const droppedImpliedTags: string[] = [];
  const after = extractFile(file, result, kind).references;
  assert.equal(after.length, before.length, `re-extraction finds ${after.length} references, not ${before.length}`);
  before.forEach((b, i) => {
    const a = after[i] as ImageReference;
    const label = `reference ${i} (${JSON.stringify(b.text)} → ${JSON.stringify(a.text)})`;
    assert.equal(a.source, b.source, `${label}: source`);
    assert.equal(a.platform, b.platform, `${label}: platform`);
    assert.equal(a.skip, b.skip, `${label}: skip`);
    assert.equal(a.registry, b.registry, `${label}: registry`);
    assert.equal(a.repository, b.repository, `${label}: repository`);
    const dropped = pinned.has(b) && b.tagImplied === true && a.tag === null && options.allowDroppedImpliedTag === true;
    if (dropped) droppedImpliedTags.push(b.text);
    else assert.equal(a.tag, b.tag, `${label}: tag`);
    if (pinned.has(b)) {
      const digest = digestOf(b);
      assert.equal(a.digest, digest, `${label}: pinned to the fake digest`);
      const image = dropped ? b.image?.replace(/:latest$/, '') : b.image;
      assert.equal(a.image, `${image}@${digest}`, `${label}: image gains the digest`);
    } else {
      assert.equal(a.digest, b.digest, `${label}: digest unchanged`);
      assert.equal(a.image, b.image, `${label}: image unchanged`);
      // an unpinned reference whose own text was not edited keeps its text
      if (edits.length < 1000 && !edits.some((e) => overlaps(index, e.range, b.range)))
        assert.equal(a.text, b.text, `${label}: text unchanged`);
    }
  });

  // (c) idempotent: nothing left to pin, and pinning again changes nothing
  const again = pinAllEdits(after, (ref) => facts({ digest: digestOf(ref) }));
  assert.deepEqual(again.edits, [], 'a second pin-all has no edits');
  assert.equal(applyEdits(result, again.edits), result);
  return { references: before.length, edits: edits.length, result, droppedImpliedTags };
}

function overlaps(index: LineIndex, a: Range, b: Range): boolean {
  const [as, ae, bs, be] = [
    index.offsetAt(a.start),
    index.offsetAt(a.end),
    index.offsetAt(b.start),
    index.offsetAt(b.end),
  ];
  return (as < be && bs < ae) || (as === ae && bs <= as && as <= be);
}
