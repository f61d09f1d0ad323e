// Edits sent as incremental changes are re-extracted from the document's last extraction (only
// the YAML documents an edit touches are read again): after each edit, the diagnostics equal those
// of the same text opened fresh. The document is big enough to be first extracted off-thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocuments } from 'vscode-languageserver';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractFile } from '../../server/src/extract/index.js';
import { DocumentIndex } from '../../server/src/lsp/documents.js';
import { LineIndex } from '../../server/src/model/range.js';
import { startClient } from './client.js';
import { scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

const IMAGES = ['nginx:1.27', 'python:3.12-slim', 'alpine:3.19', 'ubuntu'];
const pod = (i: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: a\n      image: ${IMAGES[i % IMAGES.length]}\n    - name: b\n      image: "${IMAGES[(i + 1) % IMAGES.length]}"\n`;
/** about 300 KB: past the size that is extracted on the worker thread */
const TEXT = Array.from({ length: 1500 }, (_, i) => pod(i)).join('---\n');

/** [what, the text to find, what replaces it]: each edit in the text as the one before left it;
 * only images whose facts are cached, so that the first publication after an edit is final */
const EDITS: Array<[string, string, string]> = [
  [
    'an image changed',
    'name: p700\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27',
    'name: p700\nspec:\n  containers:\n    - name: a\n      image: alpine:3.19',
  ],
  ['a container added (the documents below move down)', '  name: p10\n', '  name: p10\n  labels: {a: b}\n'],
  ['a `---` line typed inside a document', '  name: p20\nspec:\n', '  name: p20\n---\nspec:\n'],
  ['a document removed', pod(1400), ''],
  ['a closing quote removed', 'image: "alpine:3.19"', 'image: "alpine:3.19'],
];

const shown = (ds: Diagnostic[]): string[] =>
  ds.map((d) => `${JSON.stringify(d.range)} ${String(d.code)} ${d.message}`).sort();

test('incremental edits give the diagnostics of the edited text opened fresh', async () => {
  const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
  try {
    const uri = 'file:///work/deploy/all.yaml';
    client.open(uri, TEXT, 'yaml');
    // every lookup landed: later publications come from cached facts at once
    await client.waitFor(() =>
      client.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unsigned')),
    );
    let text = TEXT;
    let version = 1;
    for (const [what, find, replace] of EDITS) {
      const at = text.indexOf(find);
      assert.ok(at >= 0, `${what}: found in the text`);
      const index = new LineIndex(text);
      const range: Range = index.rangeOf(at, at + find.length);
      text = text.slice(0, at) + replace + text.slice(at + find.length);
      client.edit(uri, ++version, [{ range, text: replace }]);
      const edited = await client.waitFor(() => client.published.find((p) => p.uri === uri && p.version === version));
      const fresh = `file:///work/deploy/fresh-${version}.yaml`;
      client.open(fresh, text, 'yaml');
      const expected = await client.waitFor(() => client.published.find((p) => p.uri === fresh));
      assert.ok(expected.diagnostics.length > 0, `${what}: something to compare`);
      assert.deepEqual(shown(edited.diagnostics), shown(expected.diagnostics), what);
    }
  } finally {
    await client.shutdown();
  }
});

test('the server re-reads only the edited document: the other references are the same objects', async () => {
  const uri = 'file:///work/deploy/all.yaml';
  let doc = TextDocument.create(uri, 'yaml', 1, TEXT);
  const documents = {
    get: (u: string) => (u === uri ? doc : undefined),
    all: () => [doc],
  } as unknown as TextDocuments<TextDocument>;
  const index = new DocumentIndex(documents);
  try {
    const before = await index.references(index.snapshot(doc));
    const at = TEXT.indexOf('image: nginx:1.27', TEXT.indexOf('name: p700'));
    const range = new LineIndex(TEXT).rangeOf(at + 'image: '.length, at + 'image: nginx:1.27'.length);
    doc = TextDocument.update(doc, [{ range, text: 'alpine:3.19' }], 2);
    const after = await index.references(index.snapshot(doc));
    assert.deepEqual(after, extractFile(uri, doc.getText(), 'kubernetes').references);
    const same = after.filter((r, i) => r === before[i]).length;
    assert.equal(same, after.length - 2, 'every reference but the two of the edited document is reused');
  } finally {
    index.dispose();
  }
});
