// Exact source spans of YAML values, and the parse every YAML extractor shares. A reference's
// `text` must be exactly the characters at its `range`, so a value is only given a span when its
// characters in the file are its characters as a string: plain scalars on one line, quoted
// scalars without escapes or line folding, block scalars whose content is one line. Everything
// else gets `null` here and the caller reports the whole node as 'invalid' — never a guessed range.
import { Composer, Parser, isScalar, type CST, type Document, type Node, type Scalar } from 'yaml';

type Token = CST.Token;
import type { LineIndex } from '../model/range.js';
import type { ExtractProblem } from './types.js';

/** A half-open [start, end) offset span of the file's text, with the characters it covers. */
export interface SourceSpan {
  start: number;
  end: number;
  text: string;
}

export type YamlDocument = Document.Parsed;

/**
 * Parses the documents of a YAML stream one at a time (a generator: each document can be read and
 * dropped before the next is built, so memory stays bounded by the largest document, not the file).
 * Never throws. Options chosen for linear time on huge files: duplicate-key checks (quadratic per
 * map in `yaml`) are off, and aliases are never expanded (callers walk the node tree and treat
 * Alias nodes as leaves), so alias bombs cost nothing.
 */
export function* parseYamlDocuments(text: string, onErrorBeforeDocuments?: () => void): Generator<YamlDocument> {
  try {
    const composer = new Composer({ uniqueKeys: false });
    const tokens = new Parser().parse(text);
    for (const doc of composer.compose(onErrorBeforeDocuments ? watched(tokens, onErrorBeforeDocuments) : tokens))
      yield doc as YamlDocument;
  } catch {
    // `yaml` reports errors as values; this only guards against a library bug on odd input
  }
}

/** The tokens, calling `call` for a syntax error that comes before any document: `yaml` gives
 * it to the first document, or in a longer text, to the document before (a window's caller must
 * know). */
function* watched(tokens: Generator<Token>, call: () => void): Generator<Token> {
  let documents = false;
  for (const token of tokens) {
    if (token.type === 'document') documents = true;
    else if (token.type === 'error' && !documents) call();
    yield token;
  }
}

/** Syntax errors reported per document; after the first ones, YAML errors mostly cascade
 * (a Helm template gives one per token), so the rest is summed up in one more problem. */
export const MAX_PROBLEMS_PER_DOCUMENT = 20;

/** How a problem message ends: where it is, for people (1-based). */
export const atLine = (line: number): string => ` (line ${line + 1})`;

/** One problem per syntax error, named "YAML syntax error: … (line N)". */
export function yamlProblems(doc: YamlDocument, index: LineIndex): ExtractProblem[] {
  const problems: ExtractProblem[] = doc.errors.slice(0, MAX_PROBLEMS_PER_DOCUMENT).map((e) => {
    const [start, end] = e.pos;
    const range = index.rangeOf(start, Math.max(start, end));
    const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
    return { message: `YAML syntax error: ${first}${atLine(range.start.line)}`, range };
  });
  const more = doc.errors.length - MAX_PROBLEMS_PER_DOCUMENT;
  if (more > 0) {
    const last = problems[problems.length - 1]?.range;
    problems.push({
      message: `YAML syntax error: ${more} more errors in this document, probably following from the ones above`,
      ...(last ? { range: last } : {}),
    });
  }
  return problems;
}

/** The source span of a node's value (quotes and block headers included), or null if unparsed. */
export function nodeSpan(text: string, node: Node): SourceSpan | null {
  const r = node.range;
  if (!r) return null;
  return { start: r[0], end: r[1], text: text.slice(r[0], r[1]) };
}

/**
 * The string a scalar stands for when it names something: the source characters for plain
 * scalars (so `tag: 1.10` stays "1.10", not the number 1.1), the value for quoted and block
 * scalars. Null for null and boolean scalars, which never name an image.
 */
export function scalarString(text: string, node: Scalar): string | null {
  if (node.value === null || node.value === undefined || typeof node.value === 'boolean') return null;
  if (node.type === 'PLAIN' && node.range) return text.slice(node.range[0], node.range[1]);
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/**
 * The exact span of a scalar's characters as a string (inside the quotes for quoted scalars), or
 * null when the source characters differ from the value (escapes, `''`, folded lines, multi-line
 * block content) or when the node has no range. A quoted empty string gives a zero-width span
 * between its quotes.
 */
export function scalarSpan(text: string, node: Node): SourceSpan | null {
  if (!isScalar(node) || !node.range) return null;
  const [start, end] = node.range;
  const raw = text.slice(start, end);
  switch (node.type) {
    case 'PLAIN':
      return /[\r\n]/.test(raw) ? null : { start, end, text: raw };
    case 'QUOTE_DOUBLE': {
      const inner = raw.slice(1, -1);
      if (raw.length < 2 || /[\\\r\n]/.test(inner) || inner !== node.value) return null;
      return { start: start + 1, end: end - 1, text: inner };
    }
    case 'QUOTE_SINGLE': {
      const inner = raw.slice(1, -1);
      if (raw.length < 2 || /[\r\n]/.test(inner) || inner.includes("''") || inner !== node.value) return null;
      return { start: start + 1, end: end - 1, text: inner };
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockScalarSpan(raw, start, node.value);
    default:
      return null;
  }
}

/** A block scalar maps exactly only when its content is a single line equal to the value. */
function blockScalarSpan(raw: string, start: number, value: unknown): SourceSpan | null {
  if (typeof value !== 'string') return null;
  const content = value.replace(/\n+$/, '');
  if (content === '' || /[\r\n]/.test(content)) return null;
  const headerEnd = raw.indexOf('\n');
  if (headerEnd < 0) return null;
  const lines = raw.slice(headerEnd + 1).split('\n');
  let offset = headerEnd + 1;
  let found: SourceSpan | null = null;
  for (const line of lines) {
    const body = line.replace(/\r$/, '');
    if (body.trim() !== '') {
      if (found) return null; // a second content line: the value was folded or joined
      const lead = body.length - body.trimStart().length;
      if (body.slice(lead).trimEnd() !== content || body.slice(lead) !== content) return null;
      found = { start: start + offset + lead, end: start + offset + lead + content.length, text: content };
    }
    offset += line.length + 1;
  }
  return found;
}
