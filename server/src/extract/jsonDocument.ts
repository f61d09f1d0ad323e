// The JSONC parse that devcontainer.json and cloudbuild.json share (comments and trailing commas
// allowed, a byte order mark ignored, nesting past a limit blanked and reported), and the
// reference a JSON string node names.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { LineIndex } from '../model/range.js';
import type { ImageReference, ReferenceSource } from '../model/reference.js';
import { limitJsonNesting } from './nesting.js';
import { buildReference } from './reference-builder.js';
import type { ExtractProblem } from './types.js';
import { MAX_PROBLEMS_PER_DOCUMENT } from './yamlRanges.js';
import type { Resolver } from './variables.js';
import { referenceFromSpan } from './yamlReference.js';

interface JsonDocument {
  root: Node | undefined;
  problems: ExtractProblem[];
}

export function parseJsonc(text: string, index: LineIndex): JsonDocument {
  // a byte order mark is not content; a space keeps every offset
  const unmarked = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const limited = limitJsonNesting(unmarked, index);
  const errors: ParseError[] = [];
  const root = parseTree(limited.text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  const problems: ExtractProblem[] = limited.problem ? [limited.problem] : [];
  for (const e of errors.slice(0, MAX_PROBLEMS_PER_DOCUMENT)) {
    const range = index.rangeOf(e.offset, e.offset + e.length);
    problems.push({
      message: `JSON syntax error: ${printParseErrorCode(e.error)} (line ${range.start.line + 1})`,
      range,
    });
  }
  // after the first ones, errors mostly follow from them (one per unclosed bracket)
  const more = errors.length - MAX_PROBLEMS_PER_DOCUMENT;
  if (more > 0)
    problems.push({ message: `JSON syntax error: ${more} more errors, probably following from the ones above` });
  return { root, problems };
}

interface JsonContext {
  file: string;
  source: ReferenceSource;
  index: LineIndex;
  resolve: Resolver;
}

/** The reference a JSON string names; null for other values and the empty string. A string
 * written with escapes is reported whole as 'invalid' (its characters cannot be mapped). */
export function jsonStringReference(ctx: JsonContext, node: Node | undefined): ImageReference | null {
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || node.value === '') return null;
  const raw = ctx.index.text.slice(node.offset, node.offset + node.length);
  const inner = raw.slice(1, -1);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && inner === node.value) {
    return referenceFromSpan(ctx, { start: node.offset + 1, end: node.offset + node.length - 1, text: inner });
  }
  return buildReference({
    file: ctx.file,
    source: ctx.source,
    text: raw,
    range: ctx.index.rangeOf(node.offset, node.offset + node.length),
    skip: 'invalid',
    skipDetail: 'the image is written with escapes, so its characters cannot be mapped to a range exactly',
    pinSite: null,
    noFixReason: 'the written value cannot be mapped to an exact range',
  });
}
