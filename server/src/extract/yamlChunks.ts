// Reading a YAML stream document by document, with what each chunk of the text gave: a chunk runs
// from one `---` line that starts a document to the next (yamlLayout.ts), so that after an edit
// only the chunks it touched are read again (reextract.ts). The whole text and a window of it
// (whole chunks, with what follows it summed up in a sentinel) are read by the same code.
import { comparePositions, LineIndex } from '../model/range.js';
import type { ImageReference, ReferenceSource } from '../model/reference.js';
import { limitYamlNesting } from './nesting.js';
import type { ExtractProblem, ExtractResult } from './types.js';
import {
  combineNesting,
  firstLineBreak,
  lineAt,
  quotesAfter,
  windowSentinel,
  withinNestingLimits,
  yamlLayout,
  type Nesting,
  type YamlLayout,
} from './yamlLayout.js';
import { readListDocument, type ItemsReader } from './yamlList.js';
import { parseYamlDocuments, yamlProblems, type YamlDocument } from './yamlRanges.js';
import type { YamlBase } from './yamlReference.js';

/** A YAML file type's reading of one document: `segment` is the document's text, up to the next one. */
export type DocumentReader = (
  doc: YamlDocument,
  base: YamlBase,
  segment: { start: number; end: number },
) => Array<ImageReference | null>;

/** How a YAML file type is read: document by document, and big list documents in batches. */
export interface YamlReader {
  document: DocumentReader;
  items?: ItemsReader;
}

export interface YamlChunk {
  /** offsets in the text: [start, end) */
  start: number;
  end: number;
  /** the line it starts on, and the line breaks in it */
  line: number;
  lineBreaks: number;
  nesting: Nesting;
  /** null when its documents read without syntax errors; else quotesAfter(text, end) when read:
   * an unterminated quote reads differently once a closing quote after it comes or goes */
  quotes: number | null;
  references: ImageReference[];
  problems: ExtractProblem[];
}

interface ChunkedResult extends ExtractResult {
  /** null when the text cannot be read in parts: a directive, or too deep nesting (the whole
   * text's limits decide), or in a window, a document running past its end */
  chunks: YamlChunk[] | null;
}

interface WindowOptions {
  /** the line the window starts on */
  firstLine: number;
  /** quotesAfter(whole text, end of window); undefined when the window runs to the end */
  quotesAfterEnd: number | undefined;
  /** the whole text's line at the window's end: an error found at the end of the window may
   * reach into it */
  nextLine: string;
}

interface Part {
  start: number;
  line: number;
  nesting: Nesting;
  /** some document starts exactly at `start` (always true for the first part) */
  docStart: boolean;
  /** read together with the part before: a document's syntax error lies across them */
  joined: boolean;
  broken: boolean;
  references: ImageReference[];
  problems: ExtractProblem[];
}

/** The references and problems of every document of a YAML stream (readYamlChunks). */
export function extractYamlDocuments(
  file: string,
  text: string,
  source: ReferenceSource,
  document: DocumentReader,
  items?: ItemsReader,
): ExtractResult {
  const { references, problems } = readYamlChunks(file, text, source, items ? { document, items } : { document });
  return { references, problems };
}

/**
 * Runs `read` over every document of the text (or of a window: `window` given): references from
 * the documents that parsed (and from the parts of broken ones `yaml` could still read), a
 * problem per syntax error, references in document order. Never throws for bad input.
 */
export function readYamlChunks(
  file: string,
  text: string,
  source: ReferenceSource,
  reader: YamlReader,
  window?: WindowOptions,
): ChunkedResult {
  const read = reader.document;
  const layout = yamlLayout(text);
  const index = new LineIndex(window ? text + window.nextLine : text, window?.firstLine ?? 0);
  // `yaml` breaks lines at LF only; a lone CR (old Mac line ends) becomes LF for the parse. Same
  // length, so every offset still points into the original text; so do blanked too-deep parts.
  let parsed = text.replace(/\r(?!\n)/g, '\n');
  let nestingProblem: ExtractProblem | null = null;
  // a window's limits are checked by the caller, over the whole text
  const limited = !window && !withinNestingLimits(layout.nesting);
  if (limited) {
    const blanked = limitYamlNesting(parsed, index);
    parsed = blanked.text;
    nestingProblem = blanked.problem;
  } else if (reader.items && !layout.directives) {
    const split = readAroundList(file, text, parsed, source, reader, layout, window);
    if (split) return split;
  }
  const parts: Part[] = layout.starts.map((start, i) => ({
    start,
    line: (layout.lines[i] ?? 0) + index.firstLine,
    nesting: layout.nesting[i] as Nesting,
    docStart: i === 0,
    joined: false,
    broken: false,
    references: [],
    problems: [],
  }));
  const base: YamlBase = { file, source, text, index, seen: new Set() };
  let current = 0; // the part the latest document starts in
  const run = (doc: YamlDocument, part: Part, end: number): void => {
    part.problems.push(...yamlProblems(doc, index));
    if (doc.errors.length > 0) part.broken = true;
    // `yaml` gives a syntax error found at the start of a document to the document before
    for (const e of doc.errors) if (e.pos[0] < doc.range[0] || e.pos[0] >= end) join(parts, doc.range[0], e.pos[0]);
    try {
      for (const ref of read(doc, base, { start: doc.range[0], end })) if (ref) part.references.push(ref);
    } catch (e) {
      // a bug in one extractor must not lose the whole file; report it like a syntax problem
      part.problems.push({ message: `could not read this document: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  // One document of look-ahead: a broken document's own range may stop at its first error, so
  // its text runs to the start of the next one.
  let pending: { doc: YamlDocument; part: Part } | undefined;
  let endsWhereWindowEnds = !window || window.quotesAfterEnd === undefined;
  const input = window?.quotesAfterEnd === undefined ? parsed : parsed + windowSentinel(window.quotesAfterEnd);
  // A syntax error before the first document goes to that document, or in a window after the
  // first chunk, to the document before the window; so whether one comes before the first
  // document decides what it reads.
  let strayError = false;
  let firstDocument: number | undefined;
  for (const doc of parseYamlDocuments(input, () => (strayError = true))) {
    const at = doc.range[0];
    firstDocument ??= at;
    if (at >= text.length && !endsWhereWindowEnds) {
      endsWhereWindowEnds = at === text.length;
      break;
    }
    while (current + 1 < parts.length && (parts[current + 1] as Part).start <= at) current++;
    const part = parts[current] as Part;
    if (part.start === at) part.docStart = true;
    if (pending) run(pending.doc, pending.part, at);
    pending = { doc, part };
  }
  if (pending) run(pending.doc, pending.part, text.length);
  if (strayError && firstDocument !== undefined) join(parts, 0, firstDocument);
  const afterFirstChunk = window !== undefined && window.firstLine > 0;
  const chunks = toChunks(parts, text, layout.lineBreaks + index.firstLine, window?.quotesAfterEnd);
  const references = chunks.flatMap((c) => c.references);
  const problems = chunks.flatMap((c) => c.problems);
  const reusable =
    !layout.directives && nestingProblem === null && endsWhereWindowEnds && !(strayError && afterFirstChunk);
  return {
    references,
    problems: nestingProblem ? [nestingProblem, ...problems] : problems,
    chunks: reusable ? chunks : null,
  };
}

/**
 * Whole chunks [from, to) of `text` read on their own as the whole text reads them (a sentinel
 * stands for what follows); their offsets are the text's. Null when that cannot be made sure of.
 */
export function readWindow(
  file: string,
  text: string,
  source: ReferenceSource,
  reader: YamlReader,
  from: number,
  to: number,
  firstLine: number,
): YamlChunk[] | null {
  const window = text.slice(from, to);
  // a pin site after the last line, which has no line break, takes the text's first one (lineBreakAt)
  if (to === text.length && from > 0 && firstLineBreak(window) !== firstLineBreak(text)) return null;
  let read: ChunkedResult;
  try {
    read = readYamlChunks(file, window, source, reader, {
      firstLine,
      quotesAfterEnd: to < text.length ? quotesAfter(text, to) : undefined,
      nextLine: lineAt(text, to),
    });
  } catch {
    return null;
  }
  return read.chunks?.map((c) => ({ ...c, start: c.start + from, end: c.end + from })) ?? null;
}

/**
 * The text read with its first big list document in batches (yamlList.ts), and the text before
 * and after it as windows; null when any of them cannot be read so (then the text is read whole).
 */
function readAroundList(
  file: string,
  text: string,
  parsed: string,
  source: ReferenceSource,
  reader: YamlReader,
  layout: YamlLayout,
  window: WindowOptions | undefined,
): ChunkedResult | null {
  const least = reader.items?.minLength ?? Infinity;
  const i = layout.starts.findIndex((start, k) => (layout.starts[k + 1] ?? text.length) - start >= least);
  if (i < 0 || !reader.items) return null;
  const firstLine = window?.firstLine ?? 0;
  const from = layout.starts[i] as number;
  const to = layout.starts[i + 1] ?? text.length;
  const line = firstLine + (layout.lines[i] as number);
  const refs = readListDocument({ file, source }, text, parsed, { from, to, line }, reader.document, reader.items);
  if (!refs) return null;
  const before =
    from > 0
      ? readYamlChunks(file, text.slice(0, from), source, reader, {
          firstLine,
          quotesAfterEnd: quotesAfter(text, from) | (window?.quotesAfterEnd ?? 0),
          nextLine: lineAt(text, from),
        })
      : null;
  const nextLine = firstLine + (layout.lines[i + 1] ?? layout.lineBreaks);
  const after =
    to < text.length
      ? readYamlChunks(file, text.slice(to), source, reader, {
          firstLine: nextLine,
          quotesAfterEnd: window?.quotesAfterEnd,
          nextLine: window?.nextLine ?? '',
        })
      : null;
  if ((before && !before.chunks) || (after && !after.chunks)) return null;
  const list: YamlChunk = {
    start: from,
    end: to,
    line,
    lineBreaks: nextLine - line,
    nesting: layout.nesting[i] as Nesting,
    quotes: null,
    references: sortReferences(refs),
    problems: [],
  };
  const chunks = [
    ...(before?.chunks ?? []),
    list,
    ...(after?.chunks ?? []).map((c) => ({ ...c, start: c.start + to, end: c.end + to })),
  ];
  return { references: chunks.flatMap((c) => c.references), problems: chunks.flatMap((c) => c.problems), chunks };
}

/** Marks the parts from the one holding offset `a` to the one holding `b` as read together. */
function join(parts: Part[], a: number, b: number): void {
  const [from, to] = a < b ? [a, b] : [b, a];
  for (let i = partAt(parts, from) + 1; i <= partAt(parts, to); i++) (parts[i] as Part).joined = true;
}

function partAt(parts: Part[], offset: number): number {
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((parts[mid] as Part).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Parts where no document starts belong to the chunk before them (a document runs over them). */
function toChunks(parts: Part[], text: string, lastLine: number, quotesAfterEnd: number | undefined): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  let broken = false;
  for (const p of parts) {
    const prev = chunks[chunks.length - 1];
    if (prev && (!p.docStart || p.joined)) {
      prev.nesting = combineNesting(prev.nesting, p.nesting);
      prev.references.push(...p.references);
      prev.problems.push(...p.problems);
      broken ||= p.broken;
      continue;
    }
    if (prev) finish(prev, p.start, p.line, broken);
    chunks.push({
      start: p.start,
      end: text.length,
      line: p.line,
      lineBreaks: 0,
      nesting: p.nesting,
      quotes: null,
      references: p.references,
      problems: p.problems,
    });
    broken = p.broken;
  }
  const last = chunks[chunks.length - 1] as YamlChunk;
  finish(last, text.length, lastLine, broken);
  function finish(c: YamlChunk, end: number, nextLine: number, isBroken: boolean): void {
    c.end = end;
    c.lineBreaks = nextLine - c.line;
    sortReferences(c.references);
    // past the text's end, a window's sentinel stands for what follows it
    if (isBroken) c.quotes = quotesAfter(text, end) | (quotesAfterEnd ?? 0);
  }
  return chunks;
}

function sortReferences(refs: ImageReference[]): ImageReference[] {
  return refs.sort(
    (a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end),
  );
}
