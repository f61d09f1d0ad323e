// A big `kind: List` read in batches of its entries gives what reading the document whole gives:
// references and problems, over generated lists (entries at column 0 or indented, comments, blank
// lines, quotes, anchors, CRLF) with random edits that break them. The batches are forced on
// small documents (minLength 0). Memory: the peak stays bounded by a batch, not the document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KUBERNETES_LIST_ITEMS, kubernetesDocument } from '../../../server/src/extract/kubernetes.js';
import { readYamlChunks } from '../../../server/src/extract/yamlChunks.js';
import type { ExtractResult } from '../../../server/src/extract/types.js';
import { LineIndex } from '../../../server/src/model/range.js';
import { readListDocument } from '../../../server/src/extract/yamlList.js';
import { kubernetesList } from '../../bench/generate.js';
import { imageRef, lineText } from '../properties/documents.js';
import { MB, measure } from '../badinput/support.js';

const RUNS = Number(process.env.IMAGE_TRUST_PROPERTY_RUNS ?? 150);
const BATCHED = { document: kubernetesDocument, items: { ...KUBERNETES_LIST_ITEMS, minLength: 0 } };
const WHOLE = { document: kubernetesDocument };

const value = fc.tuple(imageRef, fc.constantFrom('', '"', "'")).map(([r, q]) => `${q}${r}${q}`);
const container = (pad: string) =>
  fc
    .tuple(fc.nat(9), value, fc.option(lineText, { nil: undefined }))
    .map(([n, v, c]) => `${pad}  - name: c${n}\n${pad}    image: ${v}${c === undefined ? '' : ` # ${c}`}`);
const entry = (pad: string) =>
  fc
    .tuple(
      fc.constantFrom('Pod', 'Deployment'),
      fc.array(container(`${pad}  `), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', `${pad}# between\n`, '\n', '# at column 0\n'),
    )
    .map(
      ([kind, cs, after]) =>
        `${pad}- apiVersion: v1\n${pad}  kind: ${kind}\n${pad}  spec:\n${pad}    containers:\n${cs.join('\n')}\n${after}`,
    );
const list = fc
  .tuple(fc.constantFrom('', '  '), fc.boolean())
  .chain(([pad, head]) =>
    fc
      .tuple(fc.array(entry(pad), { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
      .map(([es, eol]) =>
        `${head ? '# a list\n' : ''}apiVersion: v1\nitems:\n${es.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`.replace(
          /\n/g,
          eol,
        ),
      ),
  );
const piece = fc.constantFrom(
  '\n',
  '- ',
  '  ',
  ' ',
  '\t',
  '"',
  "'",
  '&a ',
  '*a',
  '[',
  '{',
  '#',
  'items:\n',
  '...\n',
  '---\n',
  'x',
  ': ',
  '|\n',
);
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(6),
  insert: fc.array(piece, { maxLength: 3 }).map((p) => p.join('')),
});

const resultOf = (r: ExtractResult): ExtractResult => ({ references: r.references, problems: r.problems });

describe('a list document read in batches', () => {
  test('reads as the whole document, edited or not', (t) => {
    let batched = 0;
    let runs = 0;
    fc.assert(
      fc.property(list, fc.array(edit, { maxLength: 2 }), (text, edits) => {
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        runs++;
        const parsed = text.replace(/\r(?!\n)/g, '\n');
        if (
          readListDocument(
            { file: 'all.yaml', source: 'kubernetes' },
            text,
            parsed,
            { from: 0, to: text.length, line: 0 },
            kubernetesDocument,
            BATCHED.items,
          )
        )
          batched++;
        assert.deepStrictEqual(
          resultOf(readYamlChunks('all.yaml', text, 'kubernetes', BATCHED)),
          resultOf(readYamlChunks('all.yaml', text, 'kubernetes', WHOLE)),
        );
      }),
      { numRuns: RUNS },
    );
    t.diagnostic(`${batched} of ${runs} documents read in batches`);
    // many generated ones have a syntax error (an edit, an image like `nginx:`): those are read whole
    assert.ok(batched > runs / 8, `only ${batched} of ${runs} lists read in batches`);
  });

  test('a list among other documents: the documents before and after are read as windows', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "busybox:1.36"\n';
    const text = `${pod}---\n${kubernetesList(40)}---\n${pod}`;
    const r = readYamlChunks('all.yaml', text, 'kubernetes', BATCHED);
    assert.deepStrictEqual(resultOf(r), resultOf(readYamlChunks('all.yaml', text, 'kubernetes', WHOLE)));
    assert.equal(r.references.length, 42);
    assert.equal(r.chunks?.length, 3);
  });

  test('memory: what a 40,000-reference list leaves held is its references, under 1 KB each', () => {
    const text = kubernetesList(40_000);
    const { value, retainedBytes } = measure(() =>
      readYamlChunks('all.yaml', text, 'kubernetes', { document: kubernetesDocument, items: KUBERNETES_LIST_ITEMS }),
    );
    assert.equal(value.references.length, 40_000);
    assert.ok(retainedBytes < 40_000 * 1024, `retained ${(retainedBytes / MB).toFixed(1)} MB`);
  });

  test('ranges are those of the whole text (the entries left out of the rest count their lines)', () => {
    const text = kubernetesList(8);
    assert.ok(
      readListDocument(
        { file: 'all.yaml', source: 'kubernetes' },
        text,
        text,
        { from: 0, to: text.length, line: 0 },
        kubernetesDocument,
        BATCHED.items,
      ),
      'read in batches',
    );
    const r = readYamlChunks('all.yaml', text, 'kubernetes', BATCHED);
    const index = new LineIndex(text);
    for (const ref of r.references)
      assert.equal(text.slice(index.offsetAt(ref.range.start), index.offsetAt(ref.range.end)), ref.text);
    assert.equal(r.references.length, 8);
  });
});
