// digest-drift: the tag moved away from the pinned digest (rebuilt or replaced).
import { pinEdit, shortDigest } from '../pinText.js';
import { trustDowngrade } from '../trustChange.js';
import type { ImageFacts } from '../../model/facts.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

export const digestDrift = defineRule({
  code: 'digest-drift',
  defaultSeverity: 'information',
  meta: {
    title: 'Pinned digest differs from the tag',
    summary: 'A pinned digest is no longer what its tag points to.',
    help: 'The tag now points to another digest than the one pinned. Review the change and update the digest.',
  },
  check({ ref, facts }) {
    if (!ref.digest || !ref.tag || ref.tagImplied || !usable(facts) || !facts.digest) return null;
    if (facts.digest === ref.digest || facts.pinnedDigestExists === false) return null;
    const edit = pinEdit(ref, facts.digest);
    return {
      message: `The tag ${ref.tag} now points to ${shortDigest(facts.digest)}…, not the pinned ${shortDigest(ref.digest)}…: the image was rebuilt or moved. Review the change, then update the digest.`,
      fixes: edit
        ? [
            {
              title: `Update the digest to ${shortDigest(facts.digest)}… (what ${ref.tag} points to now)${lessTrust(facts)}`,
              edit,
              preferred: false,
            },
          ]
        : [],
    };
  },
});

/** The trust-downgrade warning a drift fix's title carries, when the new digest is less trusted. */
function lessTrust(facts: ImageFacts): string {
  const why =
    facts.latestSignatures && facts.latestSignatures.digest === facts.digest
      ? trustDowngrade(facts.signatures, facts.latestSignatures.signatures)
      : null;
  return why ? ` — less trust: ${why}` : '';
}
