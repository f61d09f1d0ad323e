// Table-driven extraction tests for the YAML/JSONC extractors: each case is a marked-up file
// (⟦ ⟧ around every expected reference's range, in document order) and the expected fields of
// each reference. Every run also checks the contract: `text` is exactly the text at `range`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, type Range } from '../../../server/src/model/range.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import type { ExtractResult } from '../../../server/src/extract/types.js';
import { parseMarkup } from '../../helpers/markup.js';

export const D = 'sha256:2d2b1c2a7e9f2f5a5c4d3b3e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a';
export const hub = (name: string): string => `docker.io/library/${name}`;

export type Expected = Partial<
  Pick<ImageReference, 'image' | 'skip' | 'platform' | 'tag' | 'digest' | 'registry' | 'repository'>
> & {
  /** substring of skipDetail */
  detail?: string;
  /** pinSite.text; null: no pin site */
  pin?: string | null;
  pinKind?: 'reference' | 'digest-value' | 'insert-digest-field';
  /** [line, character] where the pin site starts */
  pinAt?: [number, number];
};

export interface Case {
  name: string;
  input: string;
  refs: Expected[];
  /** substrings expected in problem messages, in order; default: no problems */
  problems?: string[];
}

/** Asserts the contract every reference keeps: `text` is the text at `range`. */
export function assertTextAtRange(text: string, refs: ImageReference[], label = ''): void {
  const index = new LineIndex(text);
  for (const r of refs) {
    const at = text.slice(index.offsetAt(r.range.start), index.offsetAt(r.range.end));
    assert.equal(at, r.text, `${label} text at range ${JSON.stringify(r.range)}`);
    if (r.pinSite && r.pinSite.kind !== 'insert-digest-field') {
      const pinText = text.slice(index.offsetAt(r.pinSite.range.start), index.offsetAt(r.pinSite.range.end));
      assert.equal(pinText, r.pinSite.text, `${label} pin site text at its range`);
    }
  }
}

export function checkCase(c: Case, extract: (file: string, text: string) => ExtractResult, file: string): void {
  const { text, ranges } = parseMarkup(c.input);
  const result = extract(file, text);
  const summary = JSON.stringify(result.references.map((r) => [r.text, r.image, r.skip, r.skipDetail]));
  assert.equal(result.references.length, ranges.length, `reference count; got ${summary}`);
  assert.equal(c.refs.length, ranges.length, 'the case lists one expectation per marked range');
  assertTextAtRange(text, result.references);
  result.references.forEach((ref, i) => {
    const exp = c.refs[i] ?? {};
    assert.deepEqual(ref.range, ranges[i] as Range, `range of reference ${i} (${ref.text})`);
    assert.equal(ref.file, file);
    for (const key of ['image', 'skip', 'platform', 'tag', 'digest', 'registry', 'repository'] as const) {
      if (key in exp) assert.equal(ref[key], exp[key], `${key} of reference ${i} (${ref.text})`);
    }
    if (exp.detail !== undefined) {
      assert.ok(ref.skipDetail?.includes(exp.detail), `skipDetail of reference ${i}: ${ref.skipDetail ?? '(none)'}`);
    }
    if (exp.pin === null) assert.equal(ref.pinSite, undefined, `no pin site for reference ${i}`);
    else if (exp.pin !== undefined) assert.equal(ref.pinSite?.text, exp.pin, `pin site text of reference ${i}`);
    if (exp.pinKind) assert.equal(ref.pinSite?.kind, exp.pinKind, `pin site kind of reference ${i}`);
    if (exp.pinAt) assert.deepEqual(ref.pinSite?.range.start, { line: exp.pinAt[0], character: exp.pinAt[1] });
  });
  const problems = result.problems.map((p) => p.message);
  if (c.problems === undefined) assert.deepEqual(problems, [], 'no problems');
  else {
    assert.ok(problems.length >= c.problems.length, `problems: ${JSON.stringify(problems)}`);
    c.problems.forEach((p, i) =>
      assert.ok(problems[i]?.includes(p), `problem ${i}: ${problems[i]} should include ${p}`),
    );
  }
}

/** One `test()` per case. */
export function runCases(cases: Case[], extract: (file: string, text: string) => ExtractResult, file: string): void {
  for (const c of cases) test(c.name, () => checkCase(c, extract, file));
}
