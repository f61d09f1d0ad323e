// Helm values files: under every key named `image` or ending in `image` / `Image` (`initImage`,
// `sidecarImage`, `backup_image`), at any depth, either a string (`image: nginx:1.27`) or the common map
// `{registry, repository, tag, digest}`. A map reference is reported at its `repository` value
// (text/range = that value as written); its image is assembled: registry (default docker.io) /
// repository : tag @ digest. Its pin fix edits the `digest:` value, or inserts a `digest:` line
// after the tag (or repository) line when there is none.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { lineBreakAt } from '../model/range.js';
import type { ImageReference, PinSite } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { templateResolution, templateResolver } from './variables.js';
import { asNode, getPair, keyName, walkPairs, type AnyPair } from './yamlNodes.js';
import { nodeSpan, scalarSpan, scalarString, type SourceSpan, type YamlDocument } from './yamlRanges.js';
import {
  claim,
  extractYamlDocuments,
  referenceAt,
  referenceFromSpan,
  target,
  unmappable,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

const MAP_FIELDS = ['registry', 'repository', 'tag', 'digest'];

export function extractHelmValues(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'helm-values', helmDocument);
}

export function helmDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!root) return [];
  const ctx = yamlContext(base, root, templateResolver);
  const refs: Array<ImageReference | null> = [];
  walkPairs(root, (pair) => {
    const key = keyName(pair);
    if (key === null || !(key.endsWith('image') || key.endsWith('Image'))) return;
    const value = target(ctx, asNode(pair.value));
    if (isMap(value)) refs.push(mapReference(ctx, pair, value));
    else if (isScalar(value)) refs.push(referenceAt(ctx, value));
  });
  return refs;
}

/** A `{registry, repository, tag, digest}` map; maps with none of these keys are not images. */
function mapReference(ctx: YamlContext, pair: AnyPair, map: YAMLMap): ImageReference | null {
  if (!MAP_FIELDS.some((f) => getPair(map, f))) return null;
  if (!claim(ctx, map)) return null;
  const field = (name: string) => fieldOf(ctx, map, name);
  const registry = field('registry');
  const repository = field('repository');
  const tag = field('tag');
  const digest = field('digest');

  if (!repository || repository.value === '') return missingRepository(ctx, pair, repository);
  if (!repository.span) return unmappable(ctx, repository.node);

  const pinSite = digestPinSite(ctx, map, digest, tag ?? repository);
  for (const [label, f] of [
    ['registry', registry],
    ['tag', tag],
    ['digest', digest],
  ] as const) {
    if (f && templateResolution(f.value)) {
      const detail = `the ${label} is a template expression ({{ … }}), known only when rendered`;
      return referenceFromSpan({ ...ctx, resolve: () => ({ kind: 'unresolved', detail }) }, repository.span);
    }
  }
  const tagValue = tag?.value ?? '';
  const digestValue = digest?.value ?? '';
  if (tagValue === '' && digestValue === '') {
    const detail = tag
      ? 'the tag is empty: the chart chooses it when rendered (usually its appVersion)'
      : 'no tag is given: the chart chooses it when rendered (usually its appVersion)';
    return referenceFromSpan({ ...ctx, resolve: () => ({ kind: 'unresolved', detail }) }, repository.span);
  }
  const name = `${registry?.value ? `${registry.value}/` : ''}${repository.value}`;
  const resolvedText = `${name}${tagValue ? `:${tagValue}` : ''}${digestValue ? `@${digestValue}` : ''}`;
  return referenceFromSpan(ctx, repository.span, {
    resolvedText,
    pinSite,
    ...(pinSite ? {} : { noFixReason: 'the digest field cannot be edited safely here' }),
  });
}

interface Field {
  pair: AnyPair;
  /** the value node (an alias followed to what it names) */
  node: Node;
  /** the string as meant (plain scalars as written), '' for null */
  value: string;
  /** exact characters, when mappable */
  span: SourceSpan | null;
}

function fieldOf(ctx: YamlContext, map: YAMLMap, name: string): Field | null {
  const pair = getPair(map, name);
  if (!pair) return null;
  const node = target(ctx, asNode(pair.value));
  if (!isScalar(node)) return null;
  return { pair, node, value: scalarString(ctx.text, node) ?? '', span: scalarSpan(ctx.text, node) };
}

/** Empty or missing repository: reported 'invalid' at the empty value, or at the key. */
function missingRepository(ctx: YamlContext, pair: AnyPair, repository: Field | null): ImageReference | null {
  const at = repository?.span ?? (repository ? null : nodeSpan(ctx.text, pair.key as Node));
  if (!at) return repository ? unmappable(ctx, repository.node) : null;
  return referenceFromSpan({ ...ctx, resolve: () => ({ kind: 'literal' }) }, at, {
    resolvedText: '',
    skip: 'invalid',
    skipDetail: repository ? 'the repository is empty' : 'the image map has no repository',
    pinSite: null,
  });
}

/**
 * Existing `digest:` → its value (inside the quotes, possibly empty); otherwise a new
 * `digest:` line after the tag line (or the repository line), indented like that key. Flow maps
 * get `, digest: ` after the tag value instead of a new line.
 */
function digestPinSite(ctx: YamlContext, map: YAMLMap, digest: Field | null, after: Field): PinSite | null {
  if (digest) {
    if (isScalar(digest.node) && digest.node.value === null && digest.node.range) {
      // `digest:` with nothing after it: insert " <digest>" after the colon
      const at = digest.node.range[0];
      return {
        kind: 'insert-digest-field',
        range: ctx.index.rangeOf(at, at),
        text: needsSpace(ctx.text, at) ? ' ' : '',
      };
    }
    if (digest.span)
      return {
        kind: 'digest-value',
        range: ctx.index.rangeOf(digest.span.start, digest.span.end),
        text: digest.span.text,
      };
    return null;
  }
  // the line to insert after is where the pair's value is written (an alias, not what it names)
  const r = asNode(after.pair.value)?.range;
  const keyStart = (after.pair.key as Node | null)?.range?.[0];
  if (!r || keyStart === undefined) return null;
  if (map.flow) return { kind: 'insert-digest-field', range: ctx.index.rangeOf(r[1], r[1]), text: ', digest: ' };
  const lineEnd = endOfLine(ctx.text, r[1]);
  const indent = ctx.index.positionAt(keyStart).character;
  return {
    kind: 'insert-digest-field',
    range: ctx.index.rangeOf(lineEnd, lineEnd),
    text: `${lineBreakAt(ctx.text, lineEnd)}${' '.repeat(indent)}digest: `,
  };
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function needsSpace(text: string, at: number): boolean {
  return at === 0 || !/[ \t]/.test(text[at - 1] ?? '');
}
