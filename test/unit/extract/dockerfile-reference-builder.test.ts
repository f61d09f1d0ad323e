// reference-builder (shared by every extractor): normalisation, skip reasons, component ranges and
// the default pin site, as a table.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildReference,
  literalLocator,
  variableReference,
  type BuildReferenceInput,
} from '../../../server/src/extract/reference-builder.js';
import { LineIndex, range } from '../../../server/src/model/range.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { parseMarkup } from '../../helpers/markup.js';

const D = 'sha256:2d2b1c2a7e9f2f5a5c4d3b3e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a';

interface Case {
  name: string;
  /** the reference written in a line: ⟦ ⟧ around the whole reference, then around each written
   * component (registry, repository, tag, digest) in order */
  line: string;
  input?: Partial<BuildReferenceInput>;
  expected: Partial<ImageReference>;
  /** which components the inner ⟦ ⟧ mark, in order */
  parts?: Array<'registry' | 'repository' | 'tag' | 'digest'>;
  /** the text of the default pin site, or null for none */
  pin?: string | null;
}

const cases: Case[] = [
  {
    name: 'official image, tag implied',
    line: 'image: ⟦⟦nginx⟧⟧',
    parts: ['repository'],
    expected: {
      image: 'docker.io/library/nginx:latest',
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: 'latest',
      tagImplied: true,
      skip: null,
    },
    pin: 'nginx',
  },
  {
    name: 'registry with port, tag and digest',
    line: `FROM ⟦⟦localhost:5000⟧/⟦team/app⟧:⟦1.0⟧@⟦${D}⟧⟧`,
    parts: ['registry', 'repository', 'tag', 'digest'],
    expected: { image: `localhost:5000/team/app:1.0@${D}`, tag: '1.0', digest: D, tagImplied: false },
    pin: `localhost:5000/team/app:1.0@${D}`,
  },
  {
    name: 'digest only',
    line: `⟦⟦ghcr.io⟧/⟦o/r⟧@⟦${D}⟧⟧`,
    parts: ['registry', 'repository', 'digest'],
    expected: { image: `ghcr.io/o/r@${D}`, tag: null, digest: D },
  },
  {
    name: 'invalid: the grammar message is the detail',
    line: 'image: ⟦Nginx⟧',
    expected: {
      image: null,
      registry: null,
      repository: null,
      tag: null,
      skip: 'invalid',
      skipDetail: 'invalid reference format: repository name (library/Nginx) must be lowercase',
    },
    pin: null,
  },
  {
    name: 'resolved text: normalised from it, no parts, no default pin site',
    line: 'FROM ⟦${BASE}⟧',
    input: { resolvedText: 'python:3.12', locate: undefined },
    expected: { image: 'docker.io/library/python:3.12', text: '${BASE}', parts: {} },
    pin: null,
  },
  {
    name: 'stage skip leaves the name null',
    line: 'FROM ⟦build⟧',
    input: { skip: 'stage', skipDetail: 'a stage' },
    expected: { image: null, skip: 'stage', skipDetail: 'a stage', parts: {} },
    pin: null,
  },
  {
    name: 'built skip still parses the name',
    line: 'image: ⟦app:dev⟧',
    input: { skip: 'built' },
    expected: { image: 'docker.io/library/app:dev', skip: 'built' },
    pin: null,
  },
  {
    name: 'explicit null pin site with a reason',
    line: 'image: ⟦app:dev⟧',
    input: { pinSite: null, noFixReason: 'because' },
    expected: { image: 'docker.io/library/app:dev', noFixReason: 'because' },
    pin: null,
  },
  {
    name: 'platform is carried',
    line: 'FROM ⟦alpine⟧',
    input: { platform: 'linux/arm64' },
    expected: { platform: 'linux/arm64' },
  },
];

describe('buildReference', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { text, ranges } = parseMarkup(c.line);
      const index = new LineIndex(text);
      // the outer ⟦ ⟧ is the widest range; parseMarkup lists an inner one starting at the same place first
      const widest = (r: (typeof ranges)[number]): number => index.offsetAt(r.end) - index.offsetAt(r.start);
      const whole = ranges.reduce((a, b) => (widest(b) > widest(a) ? b : a));
      const partRanges = ranges.filter((r) => r !== whole);
      const start = index.offsetAt(whole.start);
      const written = text.slice(start, index.offsetAt(whole.end));
      const ref = buildReference({
        file: 'f',
        source: 'compose',
        text: written,
        range: whole,
        locate: literalLocator(index, start),
        ...c.input,
      });
      assert.equal(ref.file, 'f');
      assert.equal(ref.source, 'compose');
      assert.equal(ref.text, written);
      for (const [key, value] of Object.entries(c.expected))
        assert.deepEqual(ref[key as keyof ImageReference], value, key);
      if (c.parts) assert.deepEqual(ref.parts, Object.fromEntries(c.parts.map((p, i) => [p, partRanges[i]])));
      if (c.pin !== undefined) assert.equal(ref.pinSite?.text ?? null, c.pin);
      if (ref.pinSite) assert.deepEqual(ref.pinSite.range, whole);
    });
  }

  test('variableReference: skip variable, nothing resolved', () => {
    const ref = variableReference({
      file: 'f',
      source: 'kubernetes',
      text: '$(IMG)',
      range: range(1, 2, 1, 8),
      skipDetail: 'IMG is set at deploy time',
    });
    assert.deepEqual(
      [ref.skip, ref.skipDetail, ref.image, ref.registry, ref.tag, ref.pinSite, ref.parts, ref.platform],
      ['variable', 'IMG is set at deploy time', null, null, null, undefined, {}, null],
    );
  });
});
