// Marked-up test inputs: ⟦ and ⟧ surround each expected range in a document. `parseMarkup` removes
// the markers and returns the clean text with the ranges (LSP positions) in order of their openings.
import { LineIndex, type Range } from '../../server/src/model/range.js';

export const OPEN = '⟦';
export const CLOSE = '⟧';

export function parseMarkup(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const opens: number[] = [];
  const spans: Array<{ start: number; end: number; order: number }> = [];
  let order = 0;
  for (const ch of marked) {
    if (ch === OPEN) opens.push(text.length);
    else if (ch === CLOSE) {
      const start = opens.pop();
      if (start === undefined) throw new Error('unbalanced ⟧ in test input');
      spans.push({ start, end: text.length, order: order++ });
    } else text += ch;
  }
  if (opens.length) throw new Error('unbalanced ⟦ in test input');
  const index = new LineIndex(text);
  spans.sort((a, b) => a.start - b.start || a.order - b.order);
  return { text, ranges: spans.map((s) => index.rangeOf(s.start, s.end)) };
}
