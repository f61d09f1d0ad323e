// Re-extraction after an edit equals a full extraction of the edited text, in every file type:
// references (ranges, skip reasons, pin sites, parts) and problems, over generated documents (for
// YAML, streams of several) and random chains of edits that insert and remove the characters
// that matter to YAML (`---` lines, quotes, brackets, directives, line ends of every kind). The
// table below pins the cases found while building it. A failure prints the fast-check seed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { extractFile } from '../../../server/src/extract/index.js';
import {
  editRegion,
  extractInSlices,
  extractReusable,
  reextract,
  type Extraction,
} from '../../../server/src/extract/reextract.js';
import type { ExtractResult } from '../../../server/src/extract/types.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';
import { ALL_KINDS, YAML_KINDS as YAML_KIND_LIST } from '../../helpers/corpus.js';
import { documentOf, FILE_NAMES } from '../properties/documents.js';

const RUNS = Number(process.env.IMAGE_TRUST_PROPERTY_RUNS ?? 150);
const YAML_KINDS = new Set<ReferenceSource>(YAML_KIND_LIST);

/** What is inserted: the characters YAML reads specially, alone or in the pieces they form. */
const piece = fc.constantFrom(
  '---\n',
  '\n---\n',
  '\n---',
  '--- ',
  '-',
  '...\n',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '\\',
  '[',
  ']',
  '{',
  '}',
  '#',
  ': ',
  '&a ',
  '*a',
  '%YAML 1.1\n',
  '\t',
  ' ',
  '  ',
  'x',
  'image: ',
  '- image: nginx\n',
  '|\n',
  '>-\n',
  '\uFEFF',
  'apiVersion: v1\nkind: Pod\n',
);

interface Edit {
  /** where, as a share of the text's length */
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)),
  insert: fc.array(piece, { maxLength: 4 }).map((ps) => ps.join('')),
});

function apply(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

/** YAML kinds: a stream of one to four documents; others: one document. */
function stream(kind: ReferenceSource): fc.Arbitrary<string> {
  if (!YAML_KINDS.has(kind)) return documentOf(kind);
  return fc
    .array(documentOf(kind), { minLength: 1, maxLength: 4 })
    .map((docs) => docs.map((d) => d.replace(/^\uFEFF/, '')).join('\n---\n'));
}

const resultOf = (r: ExtractResult): ExtractResult => ({ references: r.references, problems: r.problems });

/** Applies the edits one after another, each re-extracted from the one before; returns how many
 * re-extractions reused chunks. */
function checkChain(kind: ReferenceSource, text: string, edits: Edit[]): number {
  const file = FILE_NAMES[kind];
  let previous: Extraction = extractReusable(file, text, kind);
  let reused = 0;
  for (const e of edits) {
    const next = apply(previous.text, e);
    const again = reextract(previous, next);
    if (again) reused++;
    const current = again ?? extractReusable(file, next, kind);
    assert.deepStrictEqual(
      resultOf(current),
      extractFile(file, next, kind),
      `after inserting ${JSON.stringify(e.insert)} at ${JSON.stringify(previous.text.slice(0, Math.floor(e.at * previous.text.length)).slice(-40))}`,
    );
    previous = current;
  }
  return reused;
}

describe('re-extraction after random edits equals a full extraction', () => {
  for (const kind of ALL_KINDS) {
    test(kind, (t) => {
      let reused = 0;
      let edits = 0;
      fc.assert(
        fc.property(stream(kind), fc.array(edit, { minLength: 1, maxLength: 6 }), (text, es) => {
          reused += checkChain(kind, text, es);
          edits += es.length;
        }),
        { numRuns: RUNS },
      );
      t.diagnostic(`${edits} edits, ${reused} re-extracted from the chunks they left alone`);
      // YAML is read in chunks: most edits must take that way, or this test says little
      if (YAML_KINDS.has(kind)) assert.ok(reused > edits / 2, `only ${reused} of ${edits} edits reused chunks`);
      else assert.equal(reused, 0, 'other file types are read in full');
    });
  }
});

describe('a full extraction in slices (a chunk at a time) equals one in a piece', () => {
  for (const kind of ALL_KINDS.filter((k) => YAML_KINDS.has(k))) {
    test(kind, async (t) => {
      let sliced = 0;
      let pauses = 0;
      const pause = async (): Promise<void> => void pauses++;
      await fc.assert(
        fc.asyncProperty(stream(kind), fc.array(edit, { maxLength: 2 }), async (text, es) => {
          for (const e of es) text = apply(text, e);
          const file = FILE_NAMES[kind];
          const r = await extractInSlices(file, text, kind, pause, 1);
          if (!r) return;
          sliced++;
          assert.deepStrictEqual(resultOf(r), extractFile(file, text, kind));
        }),
        { numRuns: RUNS },
      );
      t.diagnostic(`${sliced} of ${RUNS} read in slices, ${pauses} pauses`);
      assert.ok(sliced > RUNS / 2 && pauses > RUNS / 2, 'most streams are read in slices, with pauses');
    });
  }
});

const POD = (image: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ${image}\n`;
const STREAM = [POD('nginx:1.27'), POD('"redis:7"'), POD("'alpine:3.19'"), POD('busybox:1.36')].join('---\n');

/** [name, text before, the same text edited, whether the chunks can be reused] */
const CASES: Array<[string, string, string, boolean]> = [
  ['a tag edited inside one document', STREAM, STREAM.replace('redis:7', 'redis:7.2'), true],
  [
    'a line added: the documents after move down',
    STREAM,
    STREAM.replace('"redis:7"\n', '"redis:7"\n    - image: x:1\n'),
    true,
  ],
  [
    'a `---` line typed: one document becomes two',
    STREAM,
    STREAM.replace('    - image: "redis', '---\n    - image: "redis'),
    true,
  ],
  [
    'a `---` line removed: two documents become one',
    STREAM,
    STREAM.replace(
      "---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: 'alpine",
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: 'alpine",
    ),
    true,
  ],
  ['an opening quote with a closing quote further down', STREAM, STREAM.replace('nginx:1.27', '"nginx:1.27'), true],
  // no closing quote anywhere after: the scalar runs over every `---` to the end of the text
  [
    'an opening quote with no quote after it',
    STREAM.replace(/["']/g, ''),
    STREAM.replace(/["']/g, '').replace('nginx', '"nginx'),
    false,
  ],
  [
    'the same in the last document',
    STREAM.replace(/["']/g, ''),
    STREAM.replace(/["']/g, '').replace('busybox', '"busybox'),
    true,
  ],
  [
    'the last quotes of the text removed while one above is open',
    `${POD('"nginx')}---\n${POD('"redis:7"')}`,
    `${POD('"nginx')}---\n${POD('redis:7')}`,
    false,
  ],
  [
    'one quote of two removed while one above is open',
    `${POD('"nginx')}---\n${POD('"redis:7"')}`,
    `${POD('"nginx')}---\n${POD('"redis:7')}`,
    true,
  ],
  // `yaml` gives an error at a document's start to the document before: read together
  [
    'a stray bracket at the start of a document',
    STREAM,
    STREAM.replace(
      '---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "redis',
      '---\n}apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "redis',
    ),
    false,
  ],
  ['a directive', STREAM, STREAM.replace('---\n', '%YAML 1.1\n---\n'), false],
  [
    'brackets opened past the nesting limit',
    STREAM,
    STREAM.replace('nginx:1.27', `nginx:1.27\n  x: ${'['.repeat(201)}`),
    false,
  ],
  ['lone CR line ends', STREAM.replace(/\n/g, '\r'), STREAM.replace(/\n/g, '\r').replace('redis:7', 'redis:8'), true],
  [
    'CRLF split by an edit',
    STREAM.replace(/\n/g, '\r\n'),
    STREAM.replace(/\n/g, '\r\n').replace('\r\n---', '\rx\n---'),
    true,
  ],
];

describe('re-extraction cases', () => {
  for (const [name, before, after, reusable] of CASES) {
    test(name, () => {
      const previous = extractReusable('deploy.yaml', before, 'kubernetes');
      assert.ok(previous.chunks, 'the text before is read in chunks');
      const again = reextract(previous, after);
      assert.equal(again !== null, reusable, reusable ? 'reuses chunks' : 'reads the whole text');
      const current = again ?? extractReusable('deploy.yaml', after, 'kubernetes');
      assert.deepStrictEqual(resultOf(current), extractFile('deploy.yaml', after, 'kubernetes'));
      // and the edit after it, from what this one kept
      const undo = reextract(current, before) ?? extractReusable('deploy.yaml', before, 'kubernetes');
      assert.deepStrictEqual(resultOf(undo), extractFile('deploy.yaml', before, 'kubernetes'));
    });
  }

  test('an edit that changes nothing keeps everything', () => {
    const previous = extractReusable('deploy.yaml', STREAM, 'kubernetes');
    assert.equal(reextract(previous, `${STREAM}`)?.references, previous.references);
  });
});

describe('editRegion', () => {
  const cases: Array<[string, string, ReturnType<typeof editRegion>]> = [
    ['abc', 'abc', { start: 3, oldEnd: 3, newEnd: 3 }],
    ['abc', 'abXc', { start: 2, oldEnd: 2, newEnd: 3 }],
    ['abc', 'ac', { start: 1, oldEnd: 2, newEnd: 1 }],
    ['aaaa', 'aaaaaa', { start: 4, oldEnd: 4, newEnd: 6 }],
    ['', 'x', { start: 0, oldEnd: 0, newEnd: 1 }],
    [
      `${'x'.repeat(3000)}a${'y'.repeat(3000)}`,
      `${'x'.repeat(3000)}bb${'y'.repeat(3000)}`,
      { start: 3000, oldEnd: 3001, newEnd: 3002 },
    ],
  ];
  for (const [before, after, expected] of cases) {
    test(`${JSON.stringify(before.slice(0, 8))} → ${JSON.stringify(after.slice(0, 8))}`, () =>
      assert.deepStrictEqual(editRegion(before, after), expected));
  }
});
