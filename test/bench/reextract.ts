// Figure reextractAfterEditMs: the server's document index (lsp/documents.ts, the code didChange
// runs) re-extracting the 10,000-reference YAML after a one-line edit inside one document: the
// edit applied to the TextDocument as an incremental change, then every reference of the new
// version. Each edit changes one image's tag in another document, and is checked against a full
// extraction of the text, so the figure cannot time a wrong answer.
import { performance } from 'node:perf_hooks';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractFile } from '../../server/src/extract/index.js';
import { DocumentIndex } from '../../server/src/lsp/documents.js';
import { LineIndex } from '../../server/src/model/range.js';
import { kubernetesYaml } from './generate.js';
import { quantile } from './stats.js';

export interface ReextractFigures {
  medianMs: number;
  p99Ms: number;
  /** the same for an edit that adds a line (every document below moves) */
  addLineMedianMs: number;
  /** the first, full extraction of the document */
  fullMs: number;
  edits: number;
  references: number;
}

type Edit = (text: string, i: number) => { start: number; end: number; text: string };

/** The i-th image value's tag, in a document spread over the text: `nginx:1.27` ↔ `nginx:1.27x`. */
const retag: Edit = (text, i) => {
  const at = text.indexOf('image: ', Math.floor((text.length * ((i * 37) % 100)) / 101));
  const end = text.indexOf('\n', at);
  const value = text.slice(at, end);
  return value.endsWith('x') ? { start: end - 1, end, text: '' } : { start: end, end, text: 'x' };
};

/** A label line added in one document, or removed again. */
const addLine: Edit = (text, i) => {
  const added = text.indexOf('  extra: 1\n');
  if (added >= 0) return { start: added, end: added + '  extra: 1\n'.length, text: '' };
  const at = text.indexOf('\nspec:\n', Math.floor((text.length * ((i * 37) % 100)) / 101)) + 1;
  return { start: at, end: at, text: '  extra: 1\n' };
};

async function timeEdits(edit: Edit, count: number): Promise<{ times: number[]; references: number; fullMs: number }> {
  const uri = 'file:///bench/deploy.yaml';
  let doc = TextDocument.create(uri, 'yaml', 1, kubernetesYaml(10_000));
  const documents = {
    get: (u: string) => (u === uri ? doc : undefined),
    all: () => [doc],
  } as unknown as TextDocuments<TextDocument>;
  const index = new DocumentIndex(documents);
  try {
    const t0 = performance.now();
    const first = await index.references(index.snapshot(doc));
    const fullMs = performance.now() - t0;
    if (first.length !== 10_000) throw new Error(`the document gave ${first.length} references, not 10000`);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const text = doc.getText();
      const e = edit(text, i);
      const lines = new LineIndex(text);
      const t = performance.now();
      doc = TextDocument.update(doc, [{ range: lines.rangeOf(e.start, e.end), text: e.text }], doc.version + 1);
      const refs = await index.references(index.snapshot(doc));
      times.push(performance.now() - t);
      // every tenth edit against a full extraction (outside the timed part)
      if (
        i % 10 === 0 &&
        JSON.stringify(refs) !== JSON.stringify(extractFile(uri, doc.getText(), 'kubernetes').references)
      ) {
        throw new Error(`edit ${i} re-extracted differently from a full extraction`);
      }
    }
    return { times, references: first.length, fullMs };
  } finally {
    index.dispose();
  }
}

export async function measureReextract(opts: { edits: number; warmup: number }): Promise<ReextractFigures> {
  const one = await timeEdits(retag, opts.warmup + opts.edits);
  const add = await timeEdits(addLine, opts.warmup + opts.edits);
  const times = one.times.slice(opts.warmup);
  return {
    medianMs: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    addLineMedianMs: quantile(add.times.slice(opts.warmup), 0.5),
    fullMs: one.fullMs,
    edits: times.length,
    references: one.references,
  };
}
