// distribution/reference's regexp_test.go tables (see go-regexp-cases.ts), mapped onto our parsers:
// the regular expressions themselves are private to imageName.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNormalized, parseReference } from '../../../server/src/model/imageName.js';
import { domainCases, fullNameCases, identifierCases, referenceRegexpCases } from './go-regexp-cases.js';
import { assertSpansSlice } from './reference-assert.js';

describe('TestDomainRegexp: a domain is taken as the domain of "<domain>/x"', () => {
  for (const tc of domainCases) {
    test(`${tc.input} ${tc.match ? 'is' : 'is not'} a domain`, () => {
      const r = parseReference(`${tc.input}/x`);
      assert.equal(r.ok && r.value.domain === tc.input && r.value.path === 'x', tc.match);
    });
  }
});

describe('TestFullNameRegexp: bare names and their domain/path split', () => {
  for (const tc of fullNameCases) {
    const shown =
      tc.input.length > 60 ? `${tc.input.slice(0, 20)}…(${tc.input.length} chars)` : JSON.stringify(tc.input);
    test(`${shown} ${tc.match ? `→ ${JSON.stringify(tc.subs ?? 'a name')}` : 'is not a bare name'}`, () => {
      const r = parseReference(tc.input);
      const bareName = r.ok && r.value.tag === null && r.value.digest === null;
      assert.equal(bareName, tc.match, r.ok ? '' : r.error.kind);
      if (r.ok && tc.subs) {
        assert.deepEqual([r.value.domain, r.value.path], tc.subs);
        assertSpansSlice(tc.input, r.value);
      }
    });
  }
});

describe('TestReferenceRegexp: name, tag and digest', () => {
  for (const tc of referenceRegexpCases) {
    test(`${tc.input} ${tc.match ? '→ name, tag, digest' : 'is rejected'}`, () => {
      const r = parseReference(tc.input);
      assert.equal(r.ok, tc.match, r.ok ? '' : r.error.kind);
      if (r.ok && tc.subs) {
        const name = r.value.domain ? `${r.value.domain}/${r.value.path}` : r.value.path;
        assert.deepEqual([name, r.value.tag ?? '', r.value.digest ?? ''], tc.subs);
        assertSpansSlice(tc.input, r.value);
      }
      if (!r.ok) assert.equal(r.error.kind, 'invalid-format');
    });
  }
});

describe('TestIdentifierRegexp: parseNormalized refuses exactly the 64-hex identifiers', () => {
  for (const tc of identifierCases) {
    test(`${tc.input} ${tc.match ? 'is' : 'is not'} an identifier`, () => {
      const r = parseNormalized(tc.input);
      assert.equal(!r.ok && r.error.kind === 'identifier', tc.match);
    });
  }
});
