// Nesting limits for the recursive parsers (`yaml` composes nodes recursively, jsonc-parser parses
// values recursively): text nested past a limit would overflow the stack, at a depth that depends
// on the caller. Such parts are blanked before parsing — replaced by spaces, line breaks kept, so
// the text keeps its length and lines and every offset still points into the original — and
// reported as one problem. Everything outside them is read as usual. Real files stay far below.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { LineIndex } from '../model/range.js';
import type { ExtractProblem } from './types.js';

export const MAX_YAML_INDENT = 400;
export const MAX_YAML_FLOW_DEPTH = 200;
const MAX_JSON_DEPTH = 200;

interface Limited {
  /** the text with the too-deep parts blanked (the input itself when nothing was) */
  text: string;
  /** one problem naming the first blanked part; null when nothing was blanked */
  problem: ExtractProblem | null;
}

/** [start, end) offsets to blank; `comment`: a whole line, blanked to a comment (a line of only
 * spaces would still count toward the indentation of the key after it) */
type Span = [start: number, end: number, comment?: boolean];

/**
 * YAML: lines indented past MAX_YAML_INDENT columns (spaces and the `-` of sequence entries), and
 * the inside of flow collections opened past MAX_YAML_FLOW_DEPTH brackets. Linear; quotes are not
 * tracked, so brackets inside strings count too (harmless at these limits).
 */
export function limitYamlNesting(text: string, index: LineIndex): Limited {
  const spans: Span[] = [];
  let lineStart = 0;
  let indent = 0;
  let atLineStart = true;
  let flow = 0;
  let deepFrom = -1; // offset after the bracket that went past the limit
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = i + 1;
      indent = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && (c === 32 || c === 45) /* space, "-" of a sequence entry */) {
      if (++indent > MAX_YAML_INDENT && deepFrom < 0) {
        const end = endOfLine(text, i);
        spans.push([lineStart, end, true]);
        i = end - 1;
      }
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123 /* [ { */) {
      if (++flow > MAX_YAML_FLOW_DEPTH && deepFrom < 0) deepFrom = i + 1;
    } else if ((c === 93 || c === 125) /* ] } */ && flow > 0) {
      if (flow-- === MAX_YAML_FLOW_DEPTH + 1 && deepFrom >= 0) {
        spans.push([deepFrom, i]);
        deepFrom = -1;
      }
    }
  }
  if (deepFrom >= 0) spans.push([deepFrom, text.length]);
  return limited(
    text,
    index,
    spans,
    `YAML nested too deeply (over ${MAX_YAML_INDENT} columns of indentation or ${MAX_YAML_FLOW_DEPTH} open brackets)`,
  );
}

/** JSON / JSONC: the inside of objects and arrays opened past MAX_JSON_DEPTH levels. */
export function limitJsonNesting(text: string, index: LineIndex): Limited {
  const spans: Span[] = [];
  const scanner = createScanner(text, true);
  let depth = 0;
  let deepFrom = -1;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_JSON_DEPTH && deepFrom < 0) deepFrom = scanner.getTokenOffset() + 1;
    } else if ((token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) && depth > 0) {
      if (depth-- === MAX_JSON_DEPTH + 1 && deepFrom >= 0) {
        spans.push([deepFrom, scanner.getTokenOffset()]);
        deepFrom = -1;
      }
    }
  }
  if (deepFrom >= 0) spans.push([deepFrom, text.length]);
  return limited(text, index, spans, `JSON nested too deeply (over ${MAX_JSON_DEPTH} levels)`);
}

function limited(text: string, index: LineIndex, spans: Span[], what: string): Limited {
  const first = spans[0];
  if (!first) return { text, problem: null };
  let out = '';
  let from = 0;
  let places = 0;
  for (const [start, end, comment] of spans) {
    // parts on consecutive lines are one place
    if (!/^\r?\n?$/.test(text.slice(from, start)) || places === 0) places++;
    const blank = text.slice(start, end).replace(/[^\r\n]/g, ' ');
    out += text.slice(from, start) + (comment && blank ? `#${blank.slice(1)}` : blank);
    from = end;
  }
  out += text.slice(from);
  const range = index.rangeOf(first[0], first[0]);
  const where =
    places > 1 ? `${places} places, the first at line ${range.start.line + 1}` : `line ${range.start.line + 1}`;
  return { text: out, problem: { message: `${what}, ${where}: that part was not read`, range } };
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}
