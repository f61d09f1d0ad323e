// Turns "this text, at this place, means this image" into an ImageReference. Every extractor goes
// through here so that normalisation, skip reasons and component ranges are decided in one place.
import { toImageName, type ParsedReference } from '../model/imageName.js';
import type { LineIndex, Position, Range } from '../model/range.js';
import type { ComponentRanges, ImageReference, PinSite, ReferenceSource, SkipReason } from '../model/reference.js';

/**
 * Maps an offset inside the parsed reference string to a document position. Give one only when
 * the components are written literally and contiguously (see `literalLocator`); without it,
 * `parts` is empty.
 */
export type Locator = (offsetInReference: number) => Position;

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
  const parsed = toImageName(input.resolvedText ?? input.text);
  if (!parsed.ok) {
    return withDetail({ ...base, skip: skip ?? 'invalid' }, input.skipDetail ?? parsed.error.message);
  }
  const name = parsed.value;
  const ref: ImageReference = {
    ...base,
    image: name.image,
    registry: name.registry,
    repository: name.repository,
    tag: name.tag,
    digest: name.digest,
    skip,
    parts: input.locate ? partsOf(name.spans, input.locate) : {},
    tagImplied: name.tagImplied,
  };
  if (input.skipDetail !== undefined) ref.skipDetail = input.skipDetail;
  const literal = input.resolvedText === undefined || input.resolvedText === input.text;
  if (input.pinSite) ref.pinSite = input.pinSite;
  else if (input.pinSite === undefined && skip === null && literal) {
    ref.pinSite = { kind: 'reference', range: input.range, text: input.text };
  }
  if (input.noFixReason !== undefined && !ref.pinSite) ref.noFixReason = input.noFixReason;
  return ref;
}

export interface VariableReferenceInput {
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
    text: input.text,
    image: null,
    registry: null,
    repository: null,
    tag: null,
    digest: null,
    platform: input.platform ?? null,
    source: input.source,
    skip: null,
    parts: {},
  };
}

function withDetail(ref: ImageReference, detail: string | undefined): ImageReference {
  return detail === undefined ? ref : { ...ref, skipDetail: detail };
}

function partsOf(spans: ParsedReference['spans'], locate: Locator): ComponentRanges {
  const parts: ComponentRanges = {};
  const at = (s: { start: number; end: number }): Range => ({ start: locate(s.start), end: locate(s.end) });
  if (spans.domain) parts.registry = at(spans.domain);
  parts.repository = at(spans.path);
  if (spans.tag) parts.tag = at(spans.tag);
  if (spans.digest) parts.digest = at(spans.digest);
  return parts;
}
