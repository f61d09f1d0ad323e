// One YAML value node that names an image → one ImageReference, the same way for every YAML file
// type. Aliases are followed to the node they name, and each node yields at most one reference:
// an image written once under an anchor and used through aliases is reported once, where written.
import { isAlias, isScalar, type Node } from 'yaml';
import type { LineIndex } from '../model/range.js';
import type { ImageReference, PinSite, ReferenceSource, SkipReason } from '../model/reference.js';
import { buildReference, literalLocator, variableReference } from './reference-builder.js';
import type { Resolver } from './variables.js';
import { nodeSpan, scalarSpan, scalarString, type SourceSpan } from './yamlRanges.js';
import { AnchorIndex } from './yamlNodes.js';

export { extractYamlDocuments } from './yamlChunks.js';

/** What every YAML extractor carries while it reads one document. */
export interface YamlContext {
  file: string;
  source: ReferenceSource;
  text: string;
  index: LineIndex;
  anchors: AnchorIndex;
  /** nodes already reported (shared across the file's documents) */
  seen: Set<Node>;
  resolve: Resolver;
}

interface NodeReferenceOptions {
  /** a known skip reason (e.g. 'built'); variables still take precedence */
  skip?: SkipReason | null;
  skipDetail?: string;
  platform?: string | null;
  /** a prefix the value must start with and that is not part of the reference (`docker://`) */
  prefix?: string;
}

export function yamlContext(
  base: Pick<YamlContext, 'file' | 'source' | 'text' | 'index' | 'seen'>,
  root: unknown,
  resolve: Resolver,
): YamlContext {
  return { ...base, anchors: new AnchorIndex(root), resolve };
}

/** The node itself, or the node an alias names. */
export function target(ctx: YamlContext, node: Node | null): Node | null {
  if (!node) return null;
  return isAlias(node) ? ctx.anchors.deref(node) : node;
}

/** Claims a node for reporting; false if it was already reported (e.g. through another alias). */
export function claim(ctx: YamlContext, node: Node): boolean {
  if (ctx.seen.has(node)) return false;
  ctx.seen.add(node);
  return true;
}

/**
 * The reference a value node names, or null when it names nothing (null, boolean, empty string,
 * or already reported). A value whose characters cannot be mapped exactly is reported whole as
 * 'invalid'; a template or unresolvable variable as 'variable'.
 */
export function referenceAt(
  ctx: YamlContext,
  valueNode: Node | null,
  opts: NodeReferenceOptions = {},
): ImageReference | null {
  const node = target(ctx, valueNode);
  if (!node || !claim(ctx, node)) return null;
  if (!isScalar(node)) return nonScalarReference(ctx, node, opts);
  const value = scalarString(ctx.text, node);
  if (value === null || value === '') return null;
  if (opts.prefix !== undefined && !value.startsWith(opts.prefix)) return null;
  const span = scalarSpan(ctx.text, node);
  if (!span) return unmappable(ctx, node, opts);
  const written = opts.prefix
    ? { ...span, start: span.start + opts.prefix.length, text: span.text.slice(opts.prefix.length) }
    : span;
  return referenceFromSpan(ctx, written, opts);
}

/** A reference written at `span` (already known to be the exact characters). */
export function referenceFromSpan(
  ctx: Pick<YamlContext, 'file' | 'source' | 'index' | 'resolve'>,
  span: SourceSpan,
  opts: NodeReferenceOptions & { pinSite?: PinSite | null; resolvedText?: string; noFixReason?: string } = {},
): ImageReference {
  const base = {
    file: ctx.file,
    source: ctx.source,
    text: span.text,
    range: ctx.index.rangeOf(span.start, span.end),
    platform: opts.platform ?? null,
  };
  const resolution = ctx.resolve(span.text);
  if (resolution.kind === 'unresolved') return variableReference({ ...base, skipDetail: resolution.detail });
  const extra = {
    ...(opts.skip ? { skip: opts.skip } : {}),
    ...(opts.skipDetail !== undefined ? { skipDetail: opts.skipDetail } : {}),
    ...(opts.pinSite !== undefined ? { pinSite: opts.pinSite } : {}),
    ...(opts.noFixReason !== undefined ? { noFixReason: opts.noFixReason } : {}),
  };
  if (opts.resolvedText !== undefined) return buildReference({ ...base, ...extra, resolvedText: opts.resolvedText });
  if (resolution.kind === 'resolved') return buildReference({ ...base, ...extra, resolvedText: resolution.value });
  return buildReference({ ...base, ...extra, locate: literalLocator(ctx.index, span.start) });
}

/** A value whose source characters differ from its string value: reported whole, 'invalid'. */
export function unmappable(ctx: YamlContext, node: Node, opts: NodeReferenceOptions = {}): ImageReference | null {
  const span = nodeSpan(ctx.text, node);
  if (!span) return null;
  return buildReference({
    file: ctx.file,
    source: ctx.source,
    text: span.text,
    range: ctx.index.rangeOf(span.start, span.end),
    platform: opts.platform ?? null,
    skip: 'invalid',
    skipDetail:
      'the image is written with escapes, line folding or as a multi-line block, so its characters cannot be mapped to a range exactly; write it as a plain or simply quoted string',
    pinSite: null,
    noFixReason: 'the written value cannot be mapped to an exact range',
  });
}

/**
 * A map or sequence where an image string belongs: a `{{ template }}` that YAML read as a flow
 * map is a 'variable' reference; any other collection names no image (the file's own schema
 * check reports it), so it gives none rather than a multi-line guess.
 */
function nonScalarReference(ctx: YamlContext, node: Node, opts: NodeReferenceOptions): ImageReference | null {
  const span = nodeSpan(ctx.text, node);
  if (!span || !span.text.startsWith('{{') || /[\r\n]/.test(span.text)) return null;
  return variableReference({
    file: ctx.file,
    source: ctx.source,
    text: span.text,
    range: ctx.index.rangeOf(span.start, span.end),
    platform: opts.platform ?? null,
    skipDetail: 'the image is a template expression ({{ … }}), known only when rendered',
  });
}

/** What a YAML extractor's per-document function receives. */
export type YamlBase = Pick<YamlContext, 'file' | 'source' | 'text' | 'index' | 'seen'>;
