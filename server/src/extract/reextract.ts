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
import { readWindow, readYamlChunks, type YamlChunk } from './yamlChunks.js';
import { firstLineBreak, quotesAfter, withinNestingLimits, yamlLayout } from './yamlLayout.js';
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
export function extractReusable(
  file: string,
  text: string,
  kind: ReferenceSource | null = detectFileKind(file, text),
): Extraction {
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

/**
 * extractReusable for a big YAML text, a few chunks at a time with `pause()` between them, so that
 * a caller's thread keeps answering meanwhile (a language server's, without a second one holding
 * another heap); null when the text cannot be read so (then extractReusable, off the thread).
 */
export async function extractInSlices(
  file: string,
  text: string,
  kind: ReferenceSource,
  pause: () => Promise<void>,
  sliceLength = SLICE_LENGTH,
): Promise<Extraction | null> {
  const read = yamlReaderFor(kind, file);
  if (!read || isBinary(text)) return null;
  const layout = yamlLayout(text);
  const { starts, lines } = layout;
  const longest = starts.reduce((most, start, i) => Math.max(most, (starts[i + 1] ?? text.length) - start), 0);
  // a list document big enough to be read in batches is one slice too long for a thread's turn
  if (layout.directives || !withinNestingLimits(layout.nesting) || longest >= (read.items?.minLength ?? Infinity))
    return null;
  const chunks: YamlChunk[] = [];
  for (let i = 0; i < starts.length;) {
    let j = i + 1;
    while (j < starts.length && (starts[j] as number) - (starts[i] as number) < sliceLength) j++;
    const window = readWindow(
      file,
      text,
      kind,
      read,
      starts[i] as number,
      starts[j] ?? text.length,
      lines[i] as number,
    );
    if (!window) return null;
    chunks.push(...window);
    i = j;
    if (i < starts.length) await pause();
  }
  return {
    file,
    kind,
    text,
    references: chunks.flatMap((c) => c.references),
    problems: chunks.flatMap((c) => c.problems),
    chunks,
  };
}

/** About this much text per slice: some 10 ms of reading. */
const SLICE_LENGTH = 32 * 1024;

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
  const first = Math.max(
    0,
    lastChunk(chunks, (c) => c.start + 4 <= edit.start),
  );
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
  // a big chunk (a list document) is read in full, off the caller's thread
  if (windowEnd - from.start > REREAD_MAX) return null;
  // a pin site after the last line, which has no line break, takes the text's first one
  // (lineBreakAt): a last chunk kept reads as it did only while that stays
  if (last < chunks.length - 1 && firstLineBreak(text) !== firstLineBreak(previous.text)) return null;
  const window = readWindow(file, text, kind, read, from.start, windowEnd, from.line);
  if (!window) return null;
  const lineShift = window.reduce((n, c) => n + c.lineBreaks, 0) - (to.line + to.lineBreaks - from.line);
  const next: YamlChunk[] = [
    ...chunks.slice(0, first),
    ...window,
    ...chunks.slice(last + 1).map((c) => moved(c, shift, lineShift)),
  ];
  if (!withinNestingLimits(nestingOf(next))) return null;
  return {
    file,
    kind,
    text,
    references: next.flatMap((c) => c.references),
    problems: next.flatMap((c) => c.problems),
    chunks: next,
  };
}

/** Where two texts differ: [start, oldEnd) of `before` became [start, newEnd) of `after`. */
export function editRegion(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const most = Math.min(before.length, after.length);
  // whole blocks first: comparing strings is a memcmp, a character loop is not
  const BLOCK = 1024;
  let start = 0;
  while (start + BLOCK <= most && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK))
    start += BLOCK;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let same = 0; // characters equal at both ends, not overlapping the start
  const room = most - start;
  while (
    same + BLOCK <= room &&
    before.slice(before.length - same - BLOCK, before.length - same) ===
      after.slice(after.length - same - BLOCK, after.length - same)
  )
    same += BLOCK;
  while (same < room && before.charCodeAt(before.length - 1 - same) === after.charCodeAt(after.length - 1 - same))
    same++;
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
const movedRange = (r: Range, lines: number): Range => ({
  start: movedPosition(r.start, lines),
  end: movedPosition(r.end, lines),
});

function movedReference(ref: ImageReference, lines: number): ImageReference {
  const range = movedRange(ref.range, lines);
  const parts: ImageReference['parts'] = {};
  for (const [k, r] of Object.entries(ref.parts) as Array<[keyof ImageReference['parts'], Range]>)
    parts[k] = movedRange(r, lines);
  const out: ImageReference = { ...ref, range, parts };
  if (ref.pinSite)
    out.pinSite = {
      ...ref.pinSite,
      range: ref.pinSite.range === ref.range ? range : movedRange(ref.pinSite.range, lines),
    };
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
