// distribution/reference's normalize_test.go tables (see go-normalize-cases.ts) run against
// parseNormalized (Go's ParseNormalizedNamed), familiarName and toImageName.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familiarName,
  parseNormalized,
  parseReference,
  toImageName,
  validateDigest,
  type ReferenceErrorKind,
} from '../../../server/src/model/imageName.js';
import {
  invalidReferenceNames,
  invalidRemoteNames,
  normalizedSplitCases,
  parseAnyReferenceCases,
  parseDockerRefCases,
  repositoryInfoCases,
  tagAndDigestShortRef,
  validReferenceNames,
  validRemoteNames,
} from './go-normalize-cases.js';
import { parseNamedCases } from './go-reference-cases.js';
import { assemble, assertNormalizedSpans } from './reference-assert.js';

function parseValid(input: string) {
  const result = parseNormalized(input);
  assert.ok(result.ok, result.ok ? '' : `unexpected ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function assertRejected(input: string, err: ReferenceErrorKind): void {
  const result = parseNormalized(input);
  assert.equal(result.ok, false, `expected ${err}`);
  if (!result.ok) assert.equal(result.error.kind, err);
}

describe('TestValidateReferenceName', () => {
  for (const input of validReferenceNames) {
    test(`valid: ${input}`, () => assertNormalizedSpans(input, parseValid(input)));
  }
  for (const { input, err } of invalidReferenceNames) {
    test(`invalid: ${input} → ${err}`, () => assertRejected(input, err));
  }
});

describe('TestValidateRemoteName', () => {
  for (const input of validRemoteNames) {
    test(`valid: ${input}`, () => assertNormalizedSpans(input, parseValid(input)));
  }
  for (const { input, err } of invalidRemoteNames) {
    test(`invalid: ${input.length > 60 ? `${input.slice(0, 30)}…` : input} → ${err}`, () => assertRejected(input, err));
  }
});

describe('TestParseRepositoryInfo', () => {
  repositoryInfoCases.forEach((tc, i) => {
    const refs = [tc.familiarName, tc.fullName, ...(tc.ambiguousName ? [tc.ambiguousName] : [])];
    for (const ref of refs) {
      test(`${i}/${ref} → ${tc.fullName} (familiar ${tc.familiarName})`, () => {
        const v = parseValid(ref);
        assert.equal(v.domain, tc.domain, 'Domain');
        assert.equal(v.path, tc.remoteName, 'RemoteName');
        assert.equal(assemble(v), tc.fullName, 'FullName');
        assert.equal(familiarName(v.domain, v.path), tc.familiarName, 'FamiliarName');
        assertNormalizedSpans(ref, v);
      });
    }
  });
});

test('TestParseReferenceWithTagAndDigest: busybox:latest@sha256:… keeps both', () => {
  const v = parseValid(tagAndDigestShortRef);
  assert.equal(assemble(v), `docker.io/library/${tagAndDigestShortRef}`);
  assert.equal(v.tag, 'latest');
  assert.equal(v.digest, tagAndDigestShortRef.slice(tagAndDigestShortRef.indexOf('@') + 1));
  // FamiliarString
  assert.equal(`${familiarName(v.domain, v.path)}:${v.tag}@${v.digest}`, tagAndDigestShortRef);
  assertNormalizedSpans(tagAndDigestShortRef, v);
});

describe('TestInvalidReferenceComponents', () => {
  test('"-foo" is not a name', () => assertRejected('-foo', 'invalid-format'));
  test('busybox is a name', () => assert.equal(assemble(parseValid('busybox')), 'docker.io/library/busybox'));
  // WithTag(busybox, "-foo") and WithDigest(busybox, "foo"), as the strings they would write
  test('tag "-foo" is rejected (busybox:-foo)', () => assertRejected('busybox:-foo', 'invalid-format'));
  test('digest "foo" is rejected (busybox@foo)', () => assertRejected('busybox@foo', 'invalid-format'));
  test('digest "foo" fails validateDigest', () => assert.equal(validateDigest('foo')?.kind, 'digest-invalid-format'));
});

describe('TestParseAnyReference', () => {
  for (const tc of parseAnyReferenceCases) {
    if (tc.digest) {
      // ParseAnyReference's bare-digest branch has no counterpart here: an identifier is rejected as
      // a name, and the equivalent digest validates.
      test(`${tc.reference} is a digest reference ${tc.equivalent}`, () => {
        assert.equal(validateDigest(tc.equivalent), null);
        if (/^[a-f0-9]{64}$/.test(tc.reference)) assertRejected(tc.reference, 'identifier');
      });
      continue;
    }
    test(`${tc.reference} ≡ ${tc.equivalent}`, () => {
      const v = parseValid(tc.reference);
      assert.equal(assemble(v), tc.equivalent);
      const expected = parseReference(tc.equivalent);
      assert.ok(expected.ok);
      const { domain, path, tag, digest } = expected.value;
      assert.deepEqual({ domain: v.domain, path: v.path, tag: v.tag, digest: v.digest }, { domain, path, tag, digest });
    });
  }
});

describe('TestNormalizedSplitHostname', () => {
  for (const tc of normalizedSplitCases) {
    test(`${tc.input} → ${tc.domain} + ${tc.path}`, () => {
      const v = parseValid(tc.input);
      assert.equal(v.domain, tc.domain);
      assert.equal(v.path, tc.path);
      assertNormalizedSpans(tc.input, v);
    });
  }
});

describe('TestParseNamed (canonical: the normalised string is the input)', () => {
  for (const tc of parseNamedCases) {
    test(`${tc.input} → ${tc.notCanonical ? 'not canonical' : `${tc.domain} + ${tc.path}`}`, () => {
      const v = parseValid(tc.input);
      assert.equal(assemble(v) === tc.input, !tc.notCanonical);
      if (!tc.notCanonical) {
        assert.equal(v.domain, tc.domain);
        assert.equal(v.path, tc.path);
      }
    });
  }
});

describe('TestParseDockerRef mapped onto toImageName', () => {
  for (const tc of parseDockerRefCases) {
    const both = tc.input.includes(':latest@');
    // Product rule: toImageName keeps a written tag next to the digest (ParseDockerRef drops it),
    // because findings and pin fixes need to know which tag the digest stands for.
    const expected = both ? tc.input : tc.expected;
    test(`${tc.name}: ${tc.input} → ${expected}${both ? ' (keeps the tag, unlike ParseDockerRef)' : ''}`, () => {
      const result = toImageName(tc.input);
      assert.ok(result.ok);
      assert.equal(result.value.image, expected);
      if (both) assert.equal(result.value.image.replace(':latest@', '@'), tc.expected);
      assert.ok(parseReference(result.value.image).ok, 'the image is a valid reference');
    });
  }
});
