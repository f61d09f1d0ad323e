// digest-not-found: the repository has no manifest with the pinned digest.
import { shortDigest } from '../pinText.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

export const digestNotFound = defineRule({
  code: 'digest-not-found',
  defaultSeverity: 'error',
  meta: {
    title: 'Pinned digest does not exist',
    summary: 'A pinned digest does not exist in the repository.',
    help: 'The repository has no manifest with the pinned digest; a pull will fail.',
  },
  check({ ref, facts }) {
    if (!ref.digest || !usable(facts) || facts.pinnedDigestExists !== false || facts.stale) return null;
    return {
      message: `The pinned digest ${shortDigest(ref.digest)}… does not exist in ${ref.repository}: a pull will fail. Check the digest.`,
      fixes: [],
    };
  },
});
