// signature-invalid: a signature for the digest was checked and does not hold.
import { shortDigest } from '../pinText.js';
import { display, usable } from './shared.js';
import { defineRule } from './types.js';

export const signatureInvalid = defineRule({
  code: 'signature-invalid',
  defaultSeverity: 'error',
  meta: {
    title: 'A signature does not hold',
    summary: 'A signature for the digest was checked and does not hold.',
    help: 'A signature attached to the digest was checked and fails: another digest, a signature that does not verify, a broken certificate chain, an expired certificate without a timestamp, or a transparency-log entry that does not match. Someone pushed it on purpose or by mistake; do not trust the image until its publisher explains.',
  },
  check({ ref, facts }) {
    if (!usable(facts) || !facts.signedDigest) return null;
    const bad = facts.signatures.filter((s) => s.verification === 'invalid');
    const first = bad[0];
    if (!first) return null;
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : '';
    return {
      message: `A ${first.kind} signature of ${shortDigest(facts.signedDigest)}…, the digest ${display(ref)} pulls, does not hold: ${first.reason ?? 'it failed its check'}${more}. Do not trust this image until its publisher explains.`,
      fixes: [],
    };
  },
});
