// Where a YAML stream may be cut into parts that each read alone as they read in the whole text,
// found in one linear pass: before every line that starts with `---` (a document start marker,
// which `yaml` never reads as part of a scalar or collection that began above it, except a quoted
// scalar whose closing quote never comes: see quotesAfter). The same pass measures what
// nesting.ts limits, per part, so that an edit to one part can be checked against the limits
// without reading the other parts again.
import { MAX_YAML_FLOW_DEPTH, MAX_YAML_INDENT } from './nesting.js';

/**
 * What limitYamlNesting counts, for one part: its brackets as an unclamped walk (net change,
 * lowest and highest point, from 0) and its deepest line-start indentation (spaces and `-`).
 */
export interface Nesting {
  net: number;
  low: number;
  high: number;
  indent: number;
}

export interface YamlLayout {
  /** offsets where parts start: 0, then every line start holding a `---` marker */
  starts: number[];
  /** the line each part starts on (0-based, in the text) */
  lines: number[];
  nesting: Nesting[];
  /** line breaks in the text (CRLF, LF, or a lone CR, as LineIndex counts them) */
  lineBreaks: number;
  /** a line starts with `%`: a directive, whose effect `yaml` carries into later documents */
  directives: boolean;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** One pass over the text (a lone CR is a line break, as the YAML extractors read it). */
export function yamlLayout(text: string): YamlLayout {
  const n = text.length;
  const starts = [0];
  const lines = [0];
  const nesting: Nesting[] = [];
  let lineBreaks = 0;
  let directives = text.charCodeAt(0) === 37 || (text.charCodeAt(0) === 0xfeff && text.charCodeAt(1) === 37);
  let net = 0;
  let low = 0;
  let high = 0;
  let indent = 0;
  let run = 0;
  let atLineStart = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      lineBreaks++;
      atLineStart = true;
      run = 0;
      const j = i + 1;
      const first = text.charCodeAt(j);
      if (
        first === 45 &&
        text.charCodeAt(j + 1) === 45 &&
        text.charCodeAt(j + 2) === 45 &&
        (j + 3 >= n || isBlank(text.charCodeAt(j + 3)))
      ) {
        nesting.push({ net, low, high, indent });
        net = low = high = indent = 0;
        starts.push(j);
        lines.push(lineBreaks);
      } else if (first === 37) directives = true;
      continue;
    }
    if (atLineStart && (c === 32 || c === 45)) {
      if (++run > indent) indent = run;
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123) {
      if (++net > high) high = net;
    } else if ((c === 93 || c === 125) && --net < low) low = net;
  }
  nesting.push({ net, low, high, indent });
  return { starts, lines, nesting, lineBreaks, directives };
}

/** The nesting of two consecutive parts read as one. */
export function combineNesting(a: Nesting, b: Nesting): Nesting {
  return {
    net: a.net + b.net,
    low: Math.min(a.low, a.net + b.low),
    high: Math.max(a.high, a.net + b.high),
    indent: Math.max(a.indent, b.indent),
  };
}

/**
 * True when limitYamlNesting would blank nothing in the parts read in order. Its bracket depth
 * never goes below 0, so a part entered at depth d leaves at net + max(d, -low) and stays at or
 * below high + max(d, -low); false may be a false alarm (then the exact pass decides).
 */
export function withinNestingLimits(parts: Iterable<Nesting>): boolean {
  let depth = 0;
  for (const p of parts) {
    const floor = Math.max(depth, -p.low);
    if (p.indent > MAX_YAML_INDENT || p.high + floor > MAX_YAML_FLOW_DEPTH) return false;
    depth = p.net + floor;
  }
  return true;
}

/** quotesAfter bits */
const DOUBLE_QUOTE = 1;
const SINGLE_QUOTE = 2;

/**
 * Whether a quote that `yaml` would take for the closing one of an unterminated quoted scalar
 * comes at or after `from` (a part start): a `"` after an even run of backslashes, a `'` not
 * doubled. `yaml` looks for it through the whole rest of the text; when there is one, the scalar
 * stops at the `---` line, else it runs to the end of the text.
 */
export function quotesAfter(text: string, from: number): number {
  let bits = 0;
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let slashes = 0;
    while (i - 1 - slashes >= from && text.charCodeAt(i - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) {
      bits |= DOUBLE_QUOTE;
      break;
    }
  }
  let q = text.indexOf("'", from);
  while (q >= 0 && text.charCodeAt(q + 1) === 39) q = text.indexOf("'", q + 2);
  if (q >= 0) bits |= SINGLE_QUOTE;
  return bits;
}

/** What follows a window of a longer text, so that `yaml` reads the window as in the whole:
 * the `---` line that starts the next part, and the quotes that come after it. */
export function windowSentinel(quotes: number): string {
  return `---\n${quotes & DOUBLE_QUOTE ? '"' : ''}${quotes & SINGLE_QUOTE ? "'" : ''}`;
}

/** The line starting at `at`, with its line break. */
export function lineAt(text: string, at: number): string {
  const end = text.slice(at).search(/\r\n?|\n/);
  return text.slice(at, end < 0 ? text.length : at + end + (text.startsWith('\r\n', at + end) ? 2 : 1));
}

/** The first line break of a text (CRLF, CR or LF), if any. */
export const firstLineBreak = (text: string): string | undefined => /\r\n|\r|\n/.exec(text)?.[0];
