// Applying fix edits (UTF-16 ranges in the decoded text) to the text, or — what `fix` writes — to
// the original bytes, so that nothing but the references' own bytes changes.
import type { TextEdit } from '../model/finding.js';
import { LineIndex } from '../model/range.js';
import { byteOffsets } from './utf8.js';

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Offsets of non-overlapping edits, in order; of overlapping ones the first is kept (an overlap
 * would corrupt the file). */
function spans(text: string, edits: readonly TextEdit[]): Span[] {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: Span[] = [];
  for (const s of sorted) if (!kept.length || s.start >= (kept[kept.length - 1] as Span).end) kept.push(s);
  return kept;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const s of spans(text, edits)) {
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** The edits spliced into `bytes`, of which `text` is the decoding. */
export function spliceEdits(bytes: Buffer, text: string, edits: readonly TextEdit[]): Buffer {
  const list = spans(text, edits);
  const at = byteOffsets(
    bytes,
    text,
    list.flatMap((s) => [s.start, s.end]),
  );
  const parts: Buffer[] = [];
  let pos = 0;
  for (const s of list) {
    parts.push(bytes.subarray(pos, at.get(s.start)), Buffer.from(s.text, 'utf8'));
    pos = at.get(s.end) as number;
  }
  parts.push(bytes.subarray(pos));
  return Buffer.concat(parts);
}
