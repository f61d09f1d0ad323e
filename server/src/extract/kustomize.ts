// kustomization.yaml: every `images[]` entry (`name`, `newName`, `newTag`, `digest`) says what
// kustomize will deploy in place of `name`: newName ?? name, with newTag and/or digest. The
// reference is reported at `newName` when present, else at `name`. Its pin fix edits `digest:`,
// or inserts a `digest:` line after the entry's last line.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { lineBreakAt } from '../model/range.js';
import type { ImageReference, PinSite } from '../model/reference.js';
import { toImageName } from '../model/imageName.js';
import type { ExtractResult } from './types.js';
import { templateResolver } from './variables.js';
import { asNode, getValue, type AnyPair } from './yamlNodes.js';
import { scalarSpan, scalarString, type YamlDocument } from './yamlRanges.js';
import {
  claim,
  extractYamlDocuments,
  referenceFromSpan,
  target,
  unmappable,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

export function extractKustomize(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'kustomize', kustomizationDocument);
}

export function kustomizationDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, templateResolver);
  const images = target(ctx, getValue(root, 'images'));
  if (!isSeq(images)) return [];
  return images.items.map((item) => {
    const entry = target(ctx, asNode(item));
    return isMap(entry) && claim(ctx, entry) ? entryReference(ctx, entry) : null;
  });
}

function entryReference(ctx: YamlContext, entry: YAMLMap): ImageReference | null {
  const str = (name: string) => {
    const n = target(ctx, getValue(entry, name));
    return isScalar(n) ? { node: n as Node, value: scalarString(ctx.text, n) ?? '' } : null;
  };
  const name = str('name');
  const newName = str('newName');
  const newTag = str('newTag');
  const digest = str('digest');
  const at = newName && newName.value !== '' ? newName : name;
  if (!at || at.value === '') return null;
  const span = scalarSpan(ctx.text, at.node);
  if (!span) return unmappable(ctx, at.node);

  // A tag written in `name` (no newTag) would be dropped by kustomize once a digest is set: the
  // pin writes it out as newTag so the pinned entry still says which tag it follows.
  const nameTag = newTag?.value ? null : writtenTag(name?.value ?? '');
  const pinSite = pinSiteOf(ctx, entry, digest?.node ?? null, nameTag);
  const noFix = pinSite ? {} : { noFixReason: 'the digest field cannot be edited safely here' };
  let tag = newTag?.value ?? '';
  if (!tag && !digest?.value) {
    // no newTag/digest: kustomize keeps the tag the resources use; only a tag written in `name` is known
    const written = toImageName(name?.value ?? '');
    if (written.ok && !written.value.tagImplied) tag = written.value.tag ?? '';
    if (!tag) {
      const detail = 'no newTag or digest: the tag comes from the resources that use this image';
      return referenceFromSpan({ ...ctx, resolve: () => ({ kind: 'unresolved', detail }) }, span);
    }
  }
  const repository = stripTagAndDigest(at.value);
  const resolvedText = `${repository}${tag ? `:${tag}` : ''}${digest?.value ? `@${digest.value}` : ''}`;
  return referenceFromSpan(ctx, span, { resolvedText, pinSite, ...noFix });
}

/** `name` may be written with a tag (`nginx:1.2`); kustomize matches and replaces the name part. */
function stripTagAndDigest(ref: string): string {
  const parsed = toImageName(ref);
  if (!parsed.ok) return ref;
  return ref.slice(0, parsed.value.spans.name.end);
}

function writtenTag(ref: string): string | null {
  const parsed = toImageName(ref);
  return parsed.ok && !parsed.value.tagImplied && parsed.value.tag ? parsed.value.tag : null;
}

function pinSiteOf(ctx: YamlContext, entry: YAMLMap, digest: Node | null, nameTag: string | null): PinSite | null {
  if (digest) {
    const r = digest.range;
    if (isScalar(digest) && digest.value === null && r) {
      // `digest:` with nothing after it: insert " <digest>" after the colon
      const space = /[ \t]/.test(ctx.text[r[0] - 1] ?? '') ? '' : ' ';
      return { kind: 'insert-digest-field', range: ctx.index.rangeOf(r[0], r[0]), text: space };
    }
    const span = scalarSpan(ctx.text, digest);
    if (span) return { kind: 'digest-value', range: ctx.index.rangeOf(span.start, span.end), text: span.text };
    return null;
  }
  const first = entry.items[0] as AnyPair | undefined;
  const last = entry.items[entry.items.length - 1] as AnyPair | undefined;
  const keyStart = (first?.key as Node | undefined)?.range?.[0];
  const valueEnd = (asNode(last?.value) ?? (last?.key as Node | undefined))?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return null;
  const tagField = (sep: string) => (nameTag ? `newTag: ${JSON.stringify(nameTag)}${sep}` : '');
  if (entry.flow)
    return {
      kind: 'insert-digest-field',
      range: ctx.index.rangeOf(valueEnd, valueEnd),
      text: `, ${tagField(', ')}digest: `,
    };
  let lineEnd = valueEnd;
  while (lineEnd < ctx.text.length && ctx.text[lineEnd] !== '\n' && ctx.text[lineEnd] !== '\r') lineEnd++;
  const indent = ctx.index.positionAt(keyStart).character;
  const pad = `${lineBreakAt(ctx.text, lineEnd)}${' '.repeat(indent)}`;
  return {
    kind: 'insert-digest-field',
    range: ctx.index.rangeOf(lineEnd, lineEnd),
    text: `${pad}${tagField(pad)}digest: `,
  };
}
