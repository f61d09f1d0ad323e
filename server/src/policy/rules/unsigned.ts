// unsigned: nothing signs the digest that would be pulled (only when signatures were looked for).
import { shortDigest } from '../pinText.js';
import { display, usable } from './shared.js';
import { defineRule } from './types.js';

export const unsigned = defineRule({
  code: 'unsigned',
  defaultSeverity: 'information',
  meta: {
    title: 'No signature for the pulled digest',
    summary: 'No signature (cosign, Sigstore bundle or Notation) was found for the digest that would be pulled.',
    help: 'No cosign, Sigstore bundle or Notation signature was found for the digest that would be pulled.',
  },
  check({ ref, facts }) {
    if (!usable(facts) || !facts.signedDigest || facts.signatures.length > 0) return null;
    return {
      message: `No signature (cosign, Sigstore bundle or Notation) was found for ${shortDigest(facts.signedDigest)}…, the digest ${display(ref)} would pull: you cannot tell who built it.`,
      fixes: [],
    };
  },
});
