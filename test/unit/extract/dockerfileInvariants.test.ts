// Properties every Dockerfile extraction keeps, whatever the input: it never throws, every range
// slices the text to exactly `text`, every skipped reference says why, and an unskipped one has
// a normalised image. Inputs are assembled from Dockerfile fragments (with CRLF, BOM, escape
// directives and continuations) and from arbitrary strings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractDockerfile } from '../../../server/src/extract/dockerfile.js';
import { LineIndex, comparePositions } from '../../../server/src/model/range.js';
import { parseMarkup } from '../../helpers/markup.js';

const fragments = [
  'FROM nginx:1.27',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
  'FROM --platform=linux/arm64 ${BASE}',
  'from ${BASE:-alpine}:${TAG} as x',
  'ARG BASE=python:3.12-slim',
  'ARG TAG',
  'ARG BASE',
  'ENV HELPER="busybox:1.36"',
  'COPY --from=build /a /b',
  'COPY --from=0 /a /b',
  'COPY --from=${HELPER} /a /b',
  'RUN --mount=type=cache,from=build,target=/x echo FROM y',
  'RUN <<EOF',
  'FROM evil',
  'EOF',
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  'FROM ngi\\',
  'FROM ngi`',
  'nx',
  '  alpine:3.20 AS y',
  'FROM "quoted',
  'FROM ${',
  'FROM $',
  'ONBUILD FROM x',
  'FROM é😀/x',
  '\t',
  '',
];

function checkInvariants(text: string): void {
  const result = extractDockerfile('Dockerfile', text);
  const index = new LineIndex(text);
  for (const ref of result.references) {
    assert.ok(comparePositions(ref.range.start, ref.range.end) <= 0, 'range is ordered');
    const slice = text.slice(index.offsetAt(ref.range.start), index.offsetAt(ref.range.end));
    assert.equal(slice, ref.text, 'range slices to text');
    if (ref.skip === null)
      assert.ok(ref.image && ref.registry && ref.repository, `unskipped reference has an image: ${ref.text}`);
    else assert.ok(ref.skipDetail, `skipped reference says why: ${ref.text}`);
    if (ref.pinSite) {
      const r = ref.pinSite.range;
      assert.equal(
        text.slice(index.offsetAt(r.start), index.offsetAt(r.end)),
        ref.pinSite.text,
        'pin site slices to its text',
      );
    }
    for (const part of Object.values(ref.parts)) {
      assert.ok(
        comparePositions(ref.range.start, part.start) <= 0 && comparePositions(part.end, ref.range.end) <= 0,
        'parts lie inside the range',
      );
    }
  }
}

describe('extractDockerfile invariants', () => {
  test('assembled Dockerfiles: ranges slice to text, never throws', () => {
    const eol = fc.constantFrom('\n', '\r\n');
    const doc = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), eol);
    fc.assert(
      fc.property(doc, ([bom, lines, newline]) => checkInvariants((bom ? '\uFEFF' : '') + lines.join(newline))),
      { numRuns: 400 },
    );
  });

  test('arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => checkInvariants(`FROM ${s}\n${s}`)),
      { numRuns: 400 },
    );
  });

  test('a long Dockerfile keeps exact ranges on its last lines', () => {
    const text = 'RUN echo hi\n'.repeat(3000) + 'FROM alpine:3.20\nFROM\tredis:7\n';
    const refs = extractDockerfile('Dockerfile', `FROM debian:12\n${text}`).references;
    assert.deepEqual(
      refs.map((r) => [r.range.start.line, r.range.start.character, r.image]),
      [
        [0, 5, 'docker.io/library/debian:12'],
        [3001, 5, 'docker.io/library/alpine:3.20'],
        [3002, 5, 'docker.io/library/redis:7'],
      ],
    );
  });
});

// Fixtures: realistic Dockerfiles with ⟦ ⟧ around every reference and, beside each, the expected
// [image, skip] of every reference in order.
const fixtureDir = join(__dirname, '../../fixtures/dockerfile');
describe('Dockerfile fixtures', () => {
  for (const name of readdirSync(fixtureDir).filter((n) => !n.endsWith('.expected.json'))) {
    test(name, () => {
      const { text, ranges } = parseMarkup(readFileSync(join(fixtureDir, name), 'utf8'));
      const expected = JSON.parse(readFileSync(join(fixtureDir, `${name}.expected.json`), 'utf8')) as Array<
        [string | null, string | null]
      >;
      const { references, problems } = extractDockerfile(name, text);
      assert.deepEqual(problems, []);
      assert.deepEqual(
        references.map((r) => r.range),
        ranges,
      );
      assert.deepEqual(
        references.map((r) => [r.image, r.skip]),
        expected,
      );
      checkInvariants(text);
    });
  }
});
