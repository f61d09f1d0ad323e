// unpinned-digest: a reference without a digest pulls whatever its tag points to at the time.
import { pinEdit, shortDigest } from '../pinText.js';
import { isMultiArch, platformEntry } from '../platforms.js';
import { display, usable } from './shared.js';
import { defineRule, type Fix } from './types.js';

export const unpinnedDigest = defineRule({
  code: 'unpinned-digest',
  defaultSeverity: 'warning',
  meta: {
    title: 'Image not pinned to a digest',
    summary: 'The reference has no digest, so what it pulls can change under you.',
    help: 'A tag can be moved to different content at any time. Pin the reference to the digest the tag points to now (name:tag@sha256:…); `image-trust fix` does it.',
  },
  check({ ref, facts }) {
    if (ref.digest) return null;
    const digest = usable(facts) ? facts.digest : null;
    const fixes: Fix[] = [];
    const edit = digest ? pinEdit(ref, digest) : null;
    if (facts && digest && edit) {
      const title = isMultiArch(facts)
        ? `Pin to index digest ${shortDigest(digest)}… (every platform; keeps the tag)`
        : `Pin to digest ${shortDigest(digest)}… (keeps the tag)`;
      fixes.push({ title, edit, preferred: true });
      // FROM --platform is constant: its own manifest digest is a second, narrower pin
      const platform = ref.platform && isMultiArch(facts) ? platformEntry(facts, ref.platform) : undefined;
      const platformEdit = platform ? pinEdit(ref, platform.digest) : null;
      if (platform && platformEdit) {
        fixes.push({
          title: `Pin to the ${ref.platform} digest ${shortDigest(platform.digest)}… (only that platform: builds for others will fail)`,
          edit: platformEdit,
          preferred: false,
        });
      }
    }
    const how = digest
      ? `Pin it to ${shortDigest(digest)}…, what the tag points to now.`
      : 'Pin it to a digest (name:tag@sha256:…).';
    const why = edit || !digest || !ref.noFixReason ? '' : ` (${ref.noFixReason})`;
    return {
      message: `${display(ref)} is not pinned to a digest: whoever controls the tag can change what you run. ${how}${why}`,
      fixes,
    };
  },
});
