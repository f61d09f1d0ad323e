// Property tests: references generated from the grammar of distribution/reference parse, put
// back together to the input, and normalise to a fixed point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNormalized, parseReference, toImageName } from '../../../server/src/model/imageName.js';
import { assemble, assertNormalizedSpans, assertSpansSlice } from './reference-assert.js';

const chars = (set: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = `${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
const WORD = `${ALNUM}_`;

// path-component := alpha-numeric [separator alpha-numeric]* ; separator := [_.] | __ | [-]+
const alphanumeric = chars(LOWER_ALNUM, 1, 6);
const separator = fc.oneof(fc.constantFrom('.', '_', '__'), chars('-', 1, 3));
const pathComponent = fc
  .tuple(alphanumeric, fc.array(fc.tuple(separator, alphanumeric), { maxLength: 2 }))
  .map(([first, rest]) => first + rest.map(([s, a]) => s + a).join(''));
const path = fc.array(pathComponent, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('/'));

// domain := host [':' port] ; host := domain-name | '[' IPv6 ']'
const domainComponent = fc.oneof(
  chars(ALNUM, 1, 1),
  fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}-`, 0, 4), chars(ALNUM, 1, 1)).map((p) => p.join('')),
);
const domainName = fc.array(domainComponent, { minLength: 1, maxLength: 3 }).map((cs) => cs.join('.'));
// Always with a ':' as real IPv6 addresses have: Go's ParseNormalizedNamed does not take a
// bracketed "[0]" for a domain (no '.', ':' or upper case), see image-name.test.ts.
const ipv6 = fc
  .tuple(chars('0123456789abcdefABCDEF:', 0, 6), chars('0123456789abcdefABCDEF:', 0, 6))
  .map(([a, b]) => `[${a}:${b}]`);
const wellKnown = fc.constantFrom('docker.io', 'index.docker.io', 'registry-1.docker.io', 'localhost', 'ghcr.io');
const host = fc.oneof(domainName, ipv6, wellKnown);
const port = fc.option(fc.integer({ min: 0, max: 65535 }).map(String), { nil: null });
const domain = fc.tuple(host, port).map(([h, p]) => (p === null ? h : `${h}:${p}`));

// tag := [\w][\w.-]{0,127} ; digest: sha256 with 64 lower-case hex digits
const tag = fc.oneof(
  fc.tuple(chars(WORD, 1, 1), chars(`${WORD}.-`, 0, 12)).map((p) => p.join('')),
  fc.tuple(chars(WORD, 1, 1), chars(`${WORD}.-`, 127, 127)).map((p) => p.join('')),
);
const digest = chars('0123456789abcdef', 64, 64).map((h) => `sha256:${h}`);

interface Parts {
  domain: string | null;
  path: string;
  tag: string | null;
  digest: string | null;
}
const parts: fc.Arbitrary<Parts> = fc.record({
  domain: fc.option(domain, { nil: null }),
  path,
  tag: fc.option(tag, { nil: null }),
  digest: fc.option(digest, { nil: null }),
});
const write = (p: Parts): string =>
  `${p.domain === null ? '' : `${p.domain}/`}${p.path}${p.tag === null ? '' : `:${p.tag}`}${p.digest === null ? '' : `@${p.digest}`}`;

const runs = { numRuns: 1000 };

test('parseReference accepts every generated reference and re-assembles it exactly', () => {
  fc.assert(
    fc.property(parts, (p) => {
      const input = write(p);
      const r = parseReference(input);
      assert.ok(r.ok, r.ok ? '' : `${input}: ${r.error.kind}`);
      assert.equal(assemble(r.value), input);
      assert.equal(r.value.tag, p.tag);
      assert.equal(r.value.digest, p.digest);
      // a written domain is always taken as the domain (Go prefers the optional domain group)
      if (p.domain !== null) {
        assert.equal(r.value.domain, p.domain);
        assert.equal(r.value.path, p.path);
      }
      assertSpansSlice(input, r.value);
    }),
    runs,
  );
});

test('a character outside the grammar anywhere makes parseReference fail', () => {
  fc.assert(
    fc.property(parts, fc.nat(), fc.constantFrom('$', '%', ' ', '!', '^', '#'), (p, at, bad) => {
      const input = write(p);
      const i = at % (input.length + 1);
      assert.equal(parseReference(input.slice(0, i) + bad + input.slice(i)).ok, false);
    }),
    runs,
  );
});

test('parseNormalized spans point at the written components', () => {
  fc.assert(
    fc.property(parts, (p) => {
      const input = write(p);
      const n = parseNormalized(input);
      assert.ok(n.ok, n.ok ? '' : `${input}: ${n.error.kind}`);
      assertNormalizedSpans(input, n.value);
    }),
    runs,
  );
});

test('toImageName of a normalised image is a fixed point', () => {
  fc.assert(
    fc.property(parts, (p) => {
      const input = write(p);
      const first = toImageName(input);
      if (!first.ok) {
        // only names Go leaves without a domain (e.g. "a.b_c/d") are refused
        const n = parseNormalized(input);
        assert.ok(n.ok && n.value.domain === '', `${input}: ${first.error.kind}`);
        return;
      }
      const second = toImageName(first.value.image);
      assert.ok(second.ok, `${first.value.image}: ${second.ok ? '' : second.error.kind}`);
      const { registry, repository, tag, digest, image } = second.value;
      assert.deepEqual(
        { registry, repository, tag, digest, image },
        {
          registry: first.value.registry,
          repository: first.value.repository,
          tag: first.value.tag,
          digest: first.value.digest,
          image: first.value.image,
        },
      );
      // and the image is canonical: parsing it without normalisation gives the same parts
      const raw = parseReference(image);
      assert.ok(raw.ok);
      assert.equal(`${raw.value.domain}/${raw.value.path}`, `${registry}/${repository}`);
    }),
    runs,
  );
});
