// trust-downgrade: the digest a drift fix would move to carries less trust than the pinned one
// (a verified signer lost, signed → unsigned). Known once both digests' signatures were read: on
// hover, for images a trust policy names, and with `check --verify`. The drift fix's title says so too.
import { shortDigest } from '../pinText.js';
import { trustDowngrade } from '../trustChange.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

export const trustDowngradeRule = defineRule({
  code: 'trust-downgrade',
  defaultSeverity: 'warning',
  meta: {
    title: 'The fix on offer would lose trust',
    summary:
      'The fix or update on offer would pull a digest with less trust than the current one (signed by X → unsigned or signed by Y; provenance lost).',
    help: 'The digest a fix would move to is not signed by the signer that verifies the current one, or is unsigned. Before moving, find out why the publisher stopped signing, or whether someone else pushed the tag.',
  },
  check({ ref, facts }) {
    if (!ref.digest || !usable(facts) || !facts.latestSignatures || facts.signedDigest !== ref.digest) return null;
    const why = trustDowngrade(facts.signatures, facts.latestSignatures.signatures);
    if (!why) return null;
    return {
      message: `Moving the pin to ${shortDigest(facts.latestSignatures.digest)}…, what ${ref.tag ?? 'the tag'} points to now, would lose trust: ${why}. Find out why before updating.`,
      fixes: [],
    };
  },
});
