// A Kubernetes `kind: List` (as `kubectl get -o yaml` writes it) is one YAML document, often tens
// of megabytes: composed whole, its node tree takes about thirty times the text. A big document
// whose top-level `items:` is a block sequence is read in batches of its entries instead, each
// parsed on its own and dropped before the next, and the rest of the document with `items:` left
// empty. That reads as the whole document does only when nothing reaches across a batch: so it is
// taken only when the rest parses without error into a map whose `items` is empty, and every batch
// parses without error into a block sequence of exactly the entries its lines start; otherwise
// the document is read whole.
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { LineIndex, type Position } from '../model/range.js';
import type { ImageReference } from '../model/reference.js';
import { keyName } from './yamlNodes.js';
import { parseYamlDocuments, type YamlDocument } from './yamlRanges.js';
import type { DocumentReader } from './yamlChunks.js';
import type { YamlBase } from './yamlReference.js';

/** Documents at least this long (UTF-16 units) are read in batches when they can be: a megabyte
 * of text composes into some thirty of node tree. */
export const LIST_SPLIT_MIN = 1 << 20;
/** About this much text per batch (at least one entry): its node tree dies young, before the
 * collector would move it to the old generation, where garbage grows the heap (measured: 64 KB
 * batches peaked at twice the memory of 4 KB ones, and took longer). */
const BATCH_LENGTH = 4 * 1024;

/** How a file type reads the entries of a list document. */
export interface ItemsReader {
  /** documents at least this long are read in batches (LIST_SPLIT_MIN; tests make it small) */
  minLength: number;
  /** whether the document (with its items left out) is one whose items name images */
  admits(head: YamlDocument): boolean;
  /** the references in a sequence of some of its entries */
  read(batch: YamlDocument, base: YamlBase): Array<ImageReference | null>;
}

/** Offsets in the text: the `items:` line, the entries [start, end), where each batch starts. */
interface Shape {
  key: number;
  start: number;
  end: number;
  batches: Array<{ start: number; line: number; entries: number }>;
  /** line breaks before `start` and in [start, end), counted from `from` */
  linesBefore: number;
  lines: number;
}

/**
 * The references of the document at [from, to) of `parsed` (the text as parsed: lone CRs as LFs;
 * `text` is the same as written), read in batches; null when it cannot be read that way.
 */
export function readListDocument(
  base: Omit<YamlBase, 'text' | 'index' | 'seen'>,
  text: string,
  parsed: string,
  range: { from: number; to: number; line: number },
  read: DocumentReader,
  items: ItemsReader,
): ImageReference[] | null {
  const shape = listShape(parsed, range.from, range.to);
  if (!shape) return null;
  const { from, to } = range;
  const head = `${text.slice(from, shape.start)}${text.slice(shape.end, to)}`;
  const headDoc = onlyDocument(`${parsed.slice(from, shape.start)}${parsed.slice(shape.end, to)}`);
  if (!headDoc || !emptyItems(headDoc, shape.key - from)) return null;
  const headIndex = new GappedLineIndex(head, range.line, shape.start - from, shape.lines);
  const refs: Array<ImageReference | null> = read(
    headDoc,
    { ...base, text: head, index: headIndex, seen: new Set() },
    { start: 0, end: head.length },
  );
  // the batches are parsed even when their references are not read: an error in one is the
  // document's, and decides how it is read
  const admitted = items.admits(headDoc);
  for (let i = 0; i < shape.batches.length; i++) {
    const batch = shape.batches[i] as Shape['batches'][number];
    const end = shape.batches[i + 1]?.start ?? shape.end;
    const doc = onlyDocument(parsed.slice(batch.start, end));
    const seq = doc?.contents;
    if (!doc || !isSeq(seq) || seq.flow || seq.items.length !== batch.entries) return null;
    if (!admitted) continue;
    const batchText = text.slice(batch.start, end);
    // each batch its own nodes: none of them is seen again
    refs.push(
      ...items.read(doc, {
        ...base,
        text: batchText,
        index: new LineIndex(batchText, range.line + batch.line),
        seen: new Set(),
      }),
    );
  }
  return refs.filter((r): r is ImageReference => r !== null);
}

/** The one document of a text, when it parses without errors. */
function onlyDocument(text: string): YamlDocument | null {
  let only: YamlDocument | null = null;
  for (const doc of parseYamlDocuments(text)) {
    if (only || doc.errors.length > 0) return null;
    only = doc;
  }
  return only;
}

/** The root is a map whose `items` key is the one at `key`, with nothing after it. */
function emptyItems(doc: YamlDocument, key: number): boolean {
  const root = doc.contents;
  if (!isMap(root)) return false;
  const pair = (root.items as Array<Pair<unknown, unknown>>).find(
    (p) => keyName(p) === 'items' && isScalar(p.key) && p.key.range?.[0] === key,
  );
  return pair !== undefined && isScalar(pair.value) && pair.value.value === null && pair.value.source === '';
}

/**
 * Finds a top-level `items:` line followed by a block sequence: entries are the lines that start
 * with `-` at the first entry's indentation; the sequence ends at the first other line indented
 * no deeper (blank lines and comments belong to the entry before). Tabs in indentation: none.
 */
function listShape(text: string, from: number, to: number): Shape | null {
  const keyLine = /^items:[ \t]*(?:#[^\n]*)?\n/gm;
  keyLine.lastIndex = from;
  const m = keyLine.exec(text);
  if (!m || m.index + m[0].length > to) return null;
  let lines = countBreaks(text, from, m.index) + 1;
  let indent = -1;
  let start = -1;
  let end = to;
  let linesBefore = lines;
  const starts: Array<{ at: number; line: number }> = [];
  for (let at = m.index + m[0].length; at < to; lines++) {
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 || next >= to ? to : next;
    let i = at;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c === 9) return null;
    const blank = i >= lineEnd || c === 13 || c === 35; /* # */
    if (!blank) {
      const entry = c === 45 && (i + 1 >= lineEnd || [32, 13].includes(text.charCodeAt(i + 1)));
      const depth = i - at;
      if (indent < 0) {
        if (!entry) return null;
        indent = depth;
        start = at;
        linesBefore = lines;
      }
      if (entry && depth === indent) starts.push({ at, line: lines - linesBefore });
      else if (depth <= indent) {
        end = at;
        break;
      }
    }
    at = lineEnd + 1;
  }
  if (starts.length === 0) return null;
  const batches: Shape['batches'] = [];
  for (const s of starts) {
    const open = batches[batches.length - 1];
    if (open && s.at - open.start < BATCH_LENGTH) open.entries++;
    else batches.push({ start: s.at, line: linesBefore + s.line, entries: 1 });
  }
  return { key: m.index, start, end, batches, linesBefore, lines: countBreaks(text, start, end) };
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Positions in a text that had `lines` whole lines taken out at offset `gap`: after it, lines
 * count as in the text they were taken from. */
class GappedLineIndex extends LineIndex {
  constructor(
    text: string,
    firstLine: number,
    private readonly gap: number,
    private readonly lines: number,
  ) {
    super(text, firstLine);
  }

  override positionAt(offset: number): Position {
    const p = super.positionAt(offset);
    return offset >= this.gap ? { line: p.line + this.lines, character: p.character } : p;
  }

  override offsetAt(p: Position): number {
    const gapLine = super.positionAt(this.gap).line;
    return super.offsetAt(p.line >= gapLine + this.lines ? { line: p.line - this.lines, character: p.character } : p);
  }
}
