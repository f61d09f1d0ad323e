// Re-extraction after an edit: the YAML chunks (yamlChunks.ts) the edit touched are read again,
// the others are kept, moved by the lines the edit added or removed. The result equals a full
// extraction of the new text (test/unit/extract/reextract.test.ts checks it over random edits in
// every file type); where that cannot be made sure of cheaply, reextract says so (null) and the
// caller extracts in full. Other file types are small, or read as a whole (a Dockerfile's stages
// share ARGs, stage names and the use counts that decide pin sites): they are always read in full.
import type { Position, Range } from '../model/range.js';
import type { ImageReference, ReferenceSource } from '../model/reference.js';
import { detectFileKind, extractFile, isBinary } from './index.js';
import type { ExtractProblem, ExtractResult } from './types.js';
import { readYamlChunks, type YamlChunk } from './yamlChunks.js';
import { lineAt, quotesAfter, withinNestingLimits } from './yamlLayout.js';
import { yamlReaderFor } from './yamlReaders.js';
import { atLine } from './yamlRanges.js';

/** Windows longer than this (UTF-16 units) are not re-read: the whole text is, where a caller
 * does that off its thread (the language server's extraction worker). */
const REREAD_MAX = 256 * 1024;

/** An extraction and what a re-extraction after an edit reuses. */
export interface Extraction extends ExtractResult {
  readonly file: string;
  readonly kind: ReferenceSource | null;
  readonly text: string;
  /** null: the next edit re-reads the whole text */
  readonly chunks: readonly YamlChunk[] | null;
}

/** extractFile, keeping what reextract needs. */
export function extractReusable(file: string, text: string, kind: ReferenceSource | null = detectFileKind(file, text)): Extraction {
  const read = kind ? yamlReaderFor(kind, file) : null;
  if (kind && read && !isBinary(text)) {
    try {
      const r = readYamlChunks(file, text, kind, read);
      return { file, kind, text, references: r.references, problems: r.problems, chunks: r.chunks };
    } catch {
      // as extractFile reports it, below
    }
  }
  const r = extractFile(file, text, kind);
  return { file, kind, text, references: r.references, problems: r.problems, chunks: null };
}

/** The extraction of `text`, an edited `previous.text`, from the chunks the edit left alone; null
 * when the whole text must be read (then extractReusable). Cost: the edited chunks, plus a
 * look at each chunk's summary. */
export function reextract(previous: Extraction, text: string): Extraction | null {
  const { chunks, kind, file } = previous;
  const read = kind ? yamlReaderFor(kind, file) : null;
  if (!chunks || !kind || !read || isBinary(text)) return null;
  const edit = editRegion(previous.text, text);
  if (edit.start === edit.oldEnd && edit.start === edit.newEnd) return { ...previous, text };
  // the chunks whose text or whose bounding `---` lines (the line break before, the marker and
  // the character after it) the edit touches
  const first = Math.max(0, lastChunk(chunks, (c) => c.start + 4 <= edit.start));
  const last = Math.min(chunks.length - 1, Math.max(first, lastChunk(chunks, (c) => c.end - 1 < edit.oldEnd) + 1));
  const from = chunks[first] as YamlChunk;
  const to = chunks[last] as YamlChunk;
  const shift = text.length - previous.text.length;
  const windowEnd = to.end + shift;
  // a chunk before with an unterminated quote reads as it did only while the quotes after it do
  for (let i = 0; i < first; i++) {
    const c = chunks[i] as YamlChunk;
    if (c.quotes !== null && quotesAfter(text, c.end) !== c.quotes) return null;
  }
  // a pin site inserted after the last line, which has no line break, takes the text's first one
  // (lineBreakAt): the last chunk reads as it did only while that stays, and as a window, only
  // when its own first line break is the same
  // a big chunk (a list document) is read in full, off the caller's thread
  if (windowEnd - from.start > REREAD_MAX) return null;
  const windowText = text.slice(from.start, windowEnd);
  const lineBreak = firstLineBreak(text);
  if (last < chunks.length - 1 ? lineBreak !== firstLineBreak(previous.text) : from.start > 0 && firstLineBreak(windowText) !== lineBreak) return null;
  let window;
  try {
    window = readYamlChunks(file, windowText, kind, read, {
      firstLine: from.line,
      quotesAfterEnd: windowEnd < text.length ? quotesAfter(text, windowEnd) : undefined,
      nextLine: lineAt(text, windowEnd),
    });
  } catch {
    return null;
  }
  if (!window.chunks) return null;
  const lineShift = window.chunks.reduce((n, c) => n + c.lineBreaks, 0) - (to.line + to.lineBreaks - from.line);
  const next: YamlChunk[] = [
    ...chunks.slice(0, first),
    ...window.chunks.map((c) => ({ ...c, start: c.start + from.start, end: c.end + from.start })),
    ...chunks.slice(last + 1).map((c) => moved(c, shift, lineShift)),
  ];
  if (!withinNestingLimits(nestingOf(next))) return null;
  return { file, kind, text, references: next.flatMap((c) => c.references), problems: next.flatMap((c) => c.problems), chunks: next };
}

/** Where two texts differ: [start, oldEnd) of `before` became [start, newEnd) of `after`. */
export function editRegion(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const most = Math.min(before.length, after.length);
  // whole blocks first: comparing strings is a memcmp, a character loop is not
  const BLOCK = 1024;
  let start = 0;
  while (start + BLOCK <= most && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let same = 0; // characters equal at both ends, not overlapping the start
  const room = most - start;
  while (same + BLOCK <= room && before.slice(before.length - same - BLOCK, before.length - same) === after.slice(after.length - same - BLOCK, after.length - same)) same += BLOCK;
  while (same < room && before.charCodeAt(before.length - 1 - same) === after.charCodeAt(after.length - 1 - same)) same++;
  return { start, oldEnd: before.length - same, newEnd: after.length - same };
}

/** The index of the last chunk that `before` holds for (it holds for a first run of them); -1 if none. */
function lastChunk(chunks: readonly YamlChunk[], before: (c: YamlChunk) => boolean): number {
  let low = -1;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (before(chunks[mid] as YamlChunk)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function* nestingOf(chunks: YamlChunk[]): Generator<YamlChunk['nesting']> {
  for (const c of chunks) yield c.nesting;
}

const firstLineBreak = (text: string): string | undefined => /\r\n|\r|\n/.exec(text)?.[0];

function moved(c: YamlChunk, shift: number, lines: number): YamlChunk {
  if (lines === 0) return { ...c, start: c.start + shift, end: c.end + shift };
  return {
    ...c,
    start: c.start + shift,
    end: c.end + shift,
    line: c.line + lines,
    references: c.references.map((r) => movedReference(r, lines)),
    problems: c.problems.map((p) => movedProblem(p, lines)),
  };
}

const movedPosition = (p: Position, lines: number): Position => ({ line: p.line + lines, character: p.character });
const movedRange = (r: Range, lines: number): Range => ({ start: movedPosition(r.start, lines), end: movedPosition(r.end, lines) });

function movedReference(ref: ImageReference, lines: number): ImageReference {
  const range = movedRange(ref.range, lines);
  const parts: ImageReference['parts'] = {};
  for (const [k, r] of Object.entries(ref.parts) as Array<[keyof ImageReference['parts'], Range]>) parts[k] = movedRange(r, lines);
  const out: ImageReference = { ...ref, range, parts };
  if (ref.pinSite) out.pinSite = { ...ref.pinSite, range: ref.pinSite.range === ref.range ? range : movedRange(ref.pinSite.range, lines) };
  return out;
}

/** A problem moved, and its message's line number with it (yamlProblems writes it at the end). */
function movedProblem(p: ExtractProblem, lines: number): ExtractProblem {
  if (!p.range) return p;
  const range = movedRange(p.range, lines);
  const was = atLine(p.range.start.line);
  const message = p.message.endsWith(was) ? `${p.message.slice(0, -was.length)}${atLine(range.start.line)}` : p.message;
  return { ...p, message, range };
}
