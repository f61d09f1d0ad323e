// `image-trust fix --update`: each reference whose tag has a newer one on its track (policy/tracks.ts)
// moves to it, pinned to what that tag points to now. The tag lists and the new tags' facts come
// from the hub like every other lookup (no counted pull on Docker Hub).
import { lookupMany } from '../hub/index.js';
import type { FactsService } from '../hub/types.js';
import type { ImageFacts } from '../model/facts.js';
import type { Fix } from '../model/finding.js';
import { lookupKey, type ImageReference } from '../model/reference.js';
import { updateFix, updateTag } from '../policy/update.js';

export interface Update {
  ref: ImageReference;
  from: string;
  to: string;
  fix: Fix;
}

export async function findUpdates(
  service: FactsService,
  refs: readonly ImageReference[],
  factsFor: (ref: ImageReference) => ImageFacts | undefined,
): Promise<Update[]> {
  if (!service.tags) return [];
  const candidates = refs.filter((r) => !r.skip && r.registry && r.repository && r.tag && !r.tagImplied);
  const lists = new Map<string, Promise<Awaited<ReturnType<NonNullable<FactsService['tags']>>>>>();
  const moves: Array<{ ref: ImageReference; to: string }> = [];
  for (const ref of candidates) {
    const repo = `${ref.registry}/${ref.repository}`;
    if (!lists.has(repo)) lists.set(repo, service.tags(ref));
    const list = await lists.get(repo);
    const to = list ? updateTag(ref, list) : null;
    if (to) moves.push({ ref, to });
  }
  const next = await lookupMany(
    service,
    moves.map(({ ref, to }) => ({ ...ref, tag: to, digest: null })),
  );
  const out: Update[] = [];
  for (const { ref, to } of moves) {
    const fix = updateFix(ref, to, next.get(lookupKey({ ...ref, tag: to, digest: null })), factsFor(ref));
    if (fix && ref.tag) out.push({ ref, from: ref.tag, to, fix });
  }
  return out;
}
