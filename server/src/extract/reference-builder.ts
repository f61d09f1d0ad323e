// Turns "this text, at this place, means this image" into an ImageReference. Every extractor goes
// through here so that normalisation, skip reasons and component ranges are decided in one place.
import { toImageName, type ImageName, type ParseResult, type ParsedReference } from '../model/imageName.js';
import type { LineIndex, Position, Range } from '../model/range.js';
import type { ComponentRanges, ImageReference, PinSite, ReferenceSource, SkipReason } from '../model/reference.js';

/**
 * Maps an offset inside the parsed reference string to a document position. Give one only when
 * the components are written literally and contiguously (see `literalLocator`); without it,
 * `parts` is empty.
 */
type Locator = (offsetInReference: number) => Position;

/** A locator for a reference written literally starting at document offset `start`. */
export function literalLocator(index: LineIndex, start: number): Locator {
  return (i) => index.positionAt(start + i);
}

export interface BuildReferenceInput {
  /** copied into the reference as given */
  file: string;
  source: ReferenceSource;
  /** the text in `range`, exactly as written (e.g. `${BASE}`, `python:${PY}-slim`, `nginx:1.27`) */
  text: string;
  range: Range;
  /** what to parse when it differs from `text` (after variable resolution); default: `text` */
  resolvedText?: string;
  /** maps offsets in the parsed string to positions, for `parts`; omit when not literal */
  locate?: Locator;
  /** e.g. "linux/arm64"; default null */
  platform?: string | null;
  /**
   * A known skip reason. `variable`, `stage` and `scratch` leave image/registry/... null; any
   * other reason (e.g. `built`) still parses the name. Without one, an unparseable name gives
   * skip `invalid` with the grammar's message as `skipDetail`.
   */
  skip?: SkipReason | null;
  skipDetail?: string;
  /**
   * Where a pin fix edits. `undefined`: for a valid, unskipped, literal reference (no
   * `resolvedText`) the reference itself ({kind:'reference', range, text}); otherwise none.
   * `null`: no pin site (then give `noFixReason`).
   */
  pinSite?: PinSite | null;
  noFixReason?: string;
}

/**
 * `buildReference({ file, source, text, range, resolvedText?, locate?, platform?, skip?,
 * skipDetail?, pinSite?, noFixReason? }): ImageReference` — never throws.
 */
export function buildReference(input: BuildReferenceInput): ImageReference {
  const base = skeleton(input);
  const skip = input.skip ?? null;
  if (skip === 'variable' || skip === 'stage' || skip === 'scratch') {
    return withDetail({ ...base, skip }, input.skipDetail);
  }
  const parsed = imageName(input.resolvedText ?? input.text);
  if (!parsed.ok) {
    return withDetail({ ...base, skip: skip ?? 'invalid' }, input.skipDetail ?? parsed.error.message);
  }
  const name = parsed.value;
  const literal = input.resolvedText === undefined || input.resolvedText === input.text;
  if (input.pinSite === undefined && skip === null && literal && input.skipDetail === undefined) {
    // the common case, as one object literal: no property added later (each one would cost a
    // property store of its own, times every reference of a big file)
    const { file, range, text, platform, source } = base;
    const parts = input.locate ? partsOf(name.spans, input.locate, range) : {};
    const { image, registry, repository, tag, digest, tagImplied } = name;
    return {
      file,
      range,
      text,
      image,
      registry,
      repository,
      tag,
      digest,
      platform,
      source,
      skip,
      parts,
      tagImplied,
      pinSite: { kind: 'reference', range, text },
    };
  }
  const ref: ImageReference = {
    ...base,
    image: name.image,
    registry: name.registry,
    repository: name.repository,
    tag: name.tag,
    digest: name.digest,
    skip,
    parts: input.locate ? partsOf(name.spans, input.locate, input.range) : {},
    tagImplied: name.tagImplied,
  };
  if (input.skipDetail !== undefined) ref.skipDetail = oneCopy(input.skipDetail);
  if (input.pinSite) ref.pinSite = input.pinSite;
  else if (input.pinSite === undefined && skip === null && literal) {
    ref.pinSite = { kind: 'reference', range: input.range, text: base.text };
  }
  if (input.noFixReason !== undefined && !ref.pinSite) ref.noFixReason = input.noFixReason;
  return ref;
}

interface VariableReferenceInput {
  file: string;
  source: ReferenceSource;
  text: string;
  range: Range;
  /** for people: which variable could not be resolved, e.g. "BASE has no default value" */
  skipDetail: string;
  platform?: string | null;
}

/**
 * `variableReference({ file, source, text, range, skipDetail, platform? }): ImageReference` — a
 * reference that cannot be resolved: skip `variable`, image and components null, no pin site.
 */
export function variableReference(input: VariableReferenceInput): ImageReference {
  return buildReference({ ...input, skip: 'variable' });
}

function skeleton(input: BuildReferenceInput): ImageReference {
  return {
    file: input.file,
    range: input.range,
    text: oneCopy(input.text),
    image: null,
    registry: null,
    repository: null,
    tag: null,
    digest: null,
    platform: input.platform === undefined || input.platform === null ? null : oneCopy(input.platform),
    source: input.source,
    skip: null,
    parts: {},
  };
}

function withDetail(ref: ImageReference, detail: string | undefined): ImageReference {
  return detail === undefined ? ref : { ...ref, skipDetail: oneCopy(detail) };
}

// A file names the same images, tags and registries many times over (a 400,000-reference list may
// hold a few hundred distinct ones): each distinct string is kept once, parsed once, and as its
// own copy, never a slice that would keep a whole document's text alive. Bounded: emptied when full.
const COPIES_MAX = 8192;
const copies = new Map<string, string>();
const names = new Map<string, ParseResult<ImageName>>();

/** The one kept copy of `s`. */
function oneCopy(s: string): string {
  let kept = copies.get(s);
  if (kept === undefined) {
    if (copies.size >= COPIES_MAX) copies.clear();
    kept = s.length < 13 ? s : ` ${s}`.slice(1); // V8 copies short slices; longer ones it shares
    copies.set(kept, kept);
  }
  return kept;
}

/** toImageName, its strings kept once; the result is shared, never changed. */
function imageName(s: string): ParseResult<ImageName> {
  let parsed = names.get(s);
  if (parsed === undefined) {
    if (names.size >= COPIES_MAX) names.clear();
    const r = toImageName(s);
    parsed = r.ok
      ? {
          ok: true,
          value: {
            ...r.value,
            registry: oneCopy(r.value.registry),
            repository: oneCopy(r.value.repository),
            tag: r.value.tag === null ? null : oneCopy(r.value.tag),
            digest: r.value.digest === null ? null : oneCopy(r.value.digest),
            image: oneCopy(r.value.image),
          },
        }
      : r;
    names.set(oneCopy(s), parsed);
  }
  return parsed;
}

/** The component ranges; a position where the reference starts or ends is the range's own. */
function partsOf(spans: ParsedReference['spans'], locate: Locator, range: Range): ComponentRanges {
  const parts: ComponentRanges = {};
  const same = (p: Position, q: Position): boolean => p.line === q.line && p.character === q.character;
  const position = (offset: number): Position => {
    const p = locate(offset);
    return same(p, range.start) ? range.start : same(p, range.end) ? range.end : p;
  };
  const at = (s: { start: number; end: number }): Range => {
    const r = { start: position(s.start), end: position(s.end) };
    return r.start === range.start && r.end === range.end ? range : r;
  };
  if (spans.domain) parts.registry = at(spans.domain);
  parts.repository = at(spans.path);
  if (spans.tag) parts.tag = at(spans.tag);
  if (spans.digest) parts.digest = at(spans.digest);
  return parts;
}
