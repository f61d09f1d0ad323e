// ImageReference: one place in one file where an image is named. Extraction produces these; every
// other part of the product reads them. The JSON form is SPEC §2's `Reference`.
import type { Range } from './range.js';

export type ReferenceSource =
  | 'dockerfile'
  | 'compose'
  | 'kubernetes'
  | 'helm-values'
  | 'github-actions'
  | 'gitlab-ci'
  | 'devcontainer'
  | 'kustomize'
  | 'circleci'
  | 'bitbucket-pipelines'
  | 'azure-pipelines'
  | 'drone'
  | 'cloudbuild'
  | 'quadlet';

/** Why a reference cannot be looked up (SPEC §2). */
export type SkipReason = 'variable' | 'stage' | 'scratch' | 'built' | 'invalid';

/** Ranges of the components as written in the file; absent when not written (e.g. an implied
 * registry) or when the reference is assembled from several places (a Helm map, an ARG). */
export interface ComponentRanges {
  registry?: Range;
  repository?: Range;
  tag?: Range;
  digest?: Range;
}

/**
 * Where a pin fix edits, when it is not simply "replace `range` by name:tag@digest":
 * - `reference`: the text at `range` is a whole reference (possibly an ARG default or a map
 *   `name`) and is replaced by the pinned reference;
 * - `digest-value`: the text at `range` is a bare digest value (Helm/kustomize `digest:` field);
 * - `insert-digest-field`: no digest field exists; `text` is inserted at `range.start`
 *   (already indented, e.g. "\n    digest: "), followed by the digest.
 */
export type PinSite =
  | { kind: 'reference'; range: Range; text: string }
  | { kind: 'digest-value'; range: Range; text: string }
  | { kind: 'insert-digest-field'; range: Range; text: string };

export interface ImageReference {
  /** as given by the caller: a path relative to the current folder (CLI) or a URI (LSP) */
  file: string;
  /** covers the reference text as written */
  range: Range;
  /** the text in `range`, as written */
  text: string;
  /** fully normalised, after variable resolution; null when unresolvable or invalid */
  image: string | null;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  /** e.g. "linux/arm64" from a constant FROM --platform */
  platform: string | null;
  source: ReferenceSource;
  skip: SkipReason | null;
  /** a sentence for people on why the reference is skipped (e.g. which variable has no default) */
  skipDetail?: string;
  /** ranges of the components as written */
  parts: ComponentRanges;
  /** where a pin fix edits; absent when no safe fix exists (then `noFixReason` says why) */
  pinSite?: PinSite;
  noFixReason?: string;
  /** true when the tag was not written and `latest` is implied */
  tagImplied?: boolean;
}

/** The keys of SPEC §2's `Reference`, in its order; the JSON form has exactly these. */
const REFERENCE_JSON_KEYS = [
  'file',
  'range',
  'text',
  'image',
  'registry',
  'repository',
  'tag',
  'digest',
  'platform',
  'source',
  'skip',
] as const;

/** SPEC §2 JSON form of a reference. */
export type ReferenceJson = Pick<ImageReference, (typeof REFERENCE_JSON_KEYS)[number]>;

export function toReferenceJson(ref: ImageReference): ReferenceJson {
  return Object.fromEntries(REFERENCE_JSON_KEYS.map((k) => [k, ref[k]])) as ReferenceJson;
}

/** The identity of what a lookup fetches: same key → one lookup, however many references. */
export function lookupKey(ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  return `${ref.registry ?? ''}/${ref.repository ?? ''}:${ref.tag ?? ''}@${ref.digest ?? ''}`;
}
