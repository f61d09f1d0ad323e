// "Update to the newest tag in the same track": the fix that moves a reference's tag along its
// version track (policy/tracks.ts) and pins the new tag's digest, so the update is reviewable.
import { hasData, type ImageFacts, type TagList } from '../model/facts.js';
import type { Fix } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import { pinEdit, shortDigest } from './pinText.js';
import { newestInTrack, parseVersionTag } from './tracks.js';
import { trustDowngrade } from './trustChange.js';

/** The tag `ref` could move to, or null (no version tag written, nothing newer, or no site that
 * can be retagged — a Helm or kustomize tag field lives apart from the digest). */
export function updateTag(ref: ImageReference, list: TagList): string | null {
  if (ref.skip || !ref.tag || ref.tagImplied || ref.pinSite?.kind !== 'reference') return null;
  return newestInTrack(
    ref.tag,
    list.tags.map((t) => t.name),
  );
}

/** The update fix to `newTag`, pinned to what it points to now (`facts` of `name:newTag`); its title
 * says so when that digest carries less trust than the current one (`current`: the ref's facts). */
export function updateFix(
  ref: ImageReference,
  newTag: string,
  facts: ImageFacts | undefined,
  current?: ImageFacts,
): Fix | null {
  if (!facts || !hasData(facts) || facts.stale || !facts.digest || !ref.tag) return null;
  const edit = pinEdit(ref, facts.digest, newTag);
  if (!edit) return null;
  const why =
    current && hasData(current) && current.signedDigest && facts.signedDigest === facts.digest
      ? trustDowngrade(current.signatures, facts.signatures, { from: current.provenance, to: facts.provenance })
      : null;
  return {
    title: `Update to ${newTag}, the newest on the ${trackName(ref.tag)} track, pinned to ${shortDigest(facts.digest)}…${why ? ` — less trust: ${why}` : ''}`,
    edit,
    preferred: false,
  };
}

/** `1.27.3` → `1.27.*`, `3.12-slim` → `3.*-slim`. */
function trackName(tag: string): string {
  const v = parseVersionTag(tag);
  if (!v) return tag;
  return `${v.prefix}${[...v.numbers.slice(0, -1), '*'].join('.')}${v.suffix}`;
}
