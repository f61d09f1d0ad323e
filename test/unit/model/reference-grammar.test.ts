// distribution/reference's reference_test.go tables (see go-reference-cases.ts) run against
// parseReference, which is Go's `Parse`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference } from '../../../server/src/model/imageName.js';
import { assemble, assertSpansSlice } from './reference-assert.js';
import {
  domainAndPathCases,
  referenceParseCases,
  serializationCases,
  superseded,
  withDigestCases,
  withNameFailureCases,
  withTagCases,
  type ParseCase,
} from './go-reference-cases.js';

function label(input: string): string {
  const shown = input.length > 80 ? `${input.slice(0, 40)}…(${input.length} chars)` : input;
  return JSON.stringify(shown);
}

function checkParseCase(tc: ParseCase): void {
  const result = parseReference(tc.input);
  if (tc.err !== undefined) {
    assert.equal(result.ok, false, `expected ${tc.err}`);
    if (!result.ok) assert.equal(result.error.kind, tc.err);
    return;
  }
  assert.ok(result.ok, result.ok ? '' : `unexpected ${result.error.kind}: ${result.error.message}`);
  const r = result.value;
  assert.equal(assemble(r), tc.input, 'String()');
  assert.equal(r.domain ? `${r.domain}/${r.path}` : r.path, tc.repository, 'Name()');
  assert.equal(r.domain, tc.domain ?? '', 'Domain()');
  assert.equal(r.tag, tc.tag ?? null, 'Tag()');
  assert.equal(r.digest, tc.digest ?? null, 'Digest()');
  assertSpansSlice(tc.input, r);
}

describe('TestReferenceParse', () => {
  for (const tc of referenceParseCases) {
    test(`${label(tc.input)} → ${tc.err ?? 'valid'}`, () => checkParseCase(tc));
  }
  for (const tc of superseded) {
    test(`${label(tc.input)} is valid: the limit is on the path (older table: name-too-long)`, () =>
      checkParseCase(tc));
  }
});

describe('TestWithNameFailure: not a bare name', () => {
  for (const input of withNameFailureCases) {
    test(label(input), () => {
      const result = parseReference(input);
      const bareName = result.ok && result.value.tag === null && result.value.digest === null;
      assert.equal(bareName, false);
    });
  }
});

describe('TestDomainAndPath', () => {
  for (const tc of domainAndPathCases) {
    test(`${tc.input} → domain ${JSON.stringify(tc.domain)}, path ${tc.path}`, () => {
      const result = parseReference(tc.input);
      assert.ok(result.ok);
      assert.equal(result.value.domain, tc.domain);
      assert.equal(result.value.path, tc.path);
      assert.equal(result.value.tag, null);
      assert.equal(result.value.digest, null);
      assertSpansSlice(tc.input, result.value);
    });
  }
});

describe('TestSerialization (the text goes through Parse)', () => {
  for (const tc of serializationCases) {
    test(`${label(tc.input)} → ${tc.err ?? 'valid'}`, () => checkParseCase(tc));
  }
});

describe('TestWithTag / TestWithDigest mapped onto parsing the combined string', () => {
  for (const tc of [...withTagCases, ...withDigestCases]) {
    if (tc.digest === undefined) {
      test(`${tc.combined} parses back to name ${tc.name} and tag ${tc.tag}`, () => {
        const result = parseReference(tc.combined);
        assert.ok(result.ok);
        assert.equal(assemble({ ...result.value, tag: null, digest: null }), tc.name);
        assert.equal(result.value.tag, tc.tag);
        assert.equal(result.value.digest, null);
      });
    } else {
      // WithDigest checks only the digest pattern (≥ 32 hex digits); Parse also checks the
      // length for sha256, so these builder outputs are not parseable references.
      test(`${tc.combined} (39-digit sha256 from WithDigest) → digest-invalid-length`, () => {
        const result = parseReference(tc.combined);
        assert.equal(result.ok, false);
        if (!result.ok) assert.equal(result.error.kind, 'digest-invalid-length');
      });
    }
  }
});

describe('digest validation inside Parse (go-digest semantics)', () => {
  const cases: { input: string; err: string | null }[] = [
    { input: `a@sha256:${'a'.repeat(64)}`, err: null },
    { input: `a@sha384:${'a'.repeat(96)}`, err: null },
    { input: `a@sha512:${'a'.repeat(128)}`, err: null },
    { input: `a@sha512:${'a'.repeat(64)}`, err: 'digest-invalid-length' },
    { input: `a@sha256:${'A'.repeat(64)}`, err: 'digest-invalid-format' },
    // go-digest only calls an algorithm "unsupported" when it matches its (lower-case) pattern
    { input: `a@SHA256:${'a'.repeat(64)}`, err: 'digest-invalid-format' },
    { input: `a@md5:${'a'.repeat(32)}`, err: 'digest-unsupported' },
    // an Object.prototype property name is not an algorithm
    { input: `a@constructor:${'a'.repeat(64)}`, err: 'digest-unsupported' },
    { input: `a@sha256:${'a'.repeat(31)}`, err: 'invalid-format' },
  ];
  for (const tc of cases) {
    test(`${label(tc.input)} → ${tc.err ?? 'valid'}`, () => {
      const result = parseReference(tc.input);
      if (tc.err === null) assert.ok(result.ok);
      else {
        assert.equal(result.ok, false);
        if (!result.ok) assert.equal(result.error.kind, tc.err);
      }
    });
  }
});
