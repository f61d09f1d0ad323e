// untrusted-signer: a trust policy names the image and no signature verifies against its keys or
// identities. Reported only once signatures were looked for and read (not checked is no verdict).
import { NOT_READ } from '../../model/facts.js';
import { policiesFor } from '../../model/trust.js';
import { shortDigest } from '../pinText.js';
import { display, usable } from './shared.js';
import { defineRule } from './types.js';

export const untrustedSigner = defineRule({
  code: 'untrusted-signer',
  defaultSeverity: 'error',
  meta: {
    title: 'Not signed by a signer the trust policy names',
    summary: 'A trust policy names the image, and no signature verifies against its keys or identities.',
    help: 'A trust policy (`imageTrust.trust.policies`) says who must sign this image. No signature of the digest that would be pulled verifies against its keys or keyless identities: it is unsigned, signed by someone else, or its signature fails. Use a digest the named signer signed, or fix the policy.',
  },
  check({ ref, facts, settings }) {
    if (!ref.registry || !ref.repository || !usable(facts) || !facts.signedDigest) return null;
    const policies = policiesFor(`${ref.registry}/${ref.repository}`, settings.trust.policies);
    if (!policies.length) return null;
    if (facts.signatures.some((s) => s.verification === 'verified')) return null;
    if (facts.signatures.some((s) => s.reason === NOT_READ)) return null;
    const wanted = [
      ...policies.flatMap((p) => p.keys.map((k) => `the key ${k.name}`)),
      ...policies.flatMap((p) =>
        p.identities.map((i) => `an identity matching ${i.identityRegExp} (issuer ${i.issuer})`),
      ),
    ];
    const why = facts.signatures.length
      ? facts.signatures.map((s) => `${s.kind}: ${s.reason ?? 'not verified'}`).join('; ')
      : 'it is unsigned';
    return {
      message: `A trust policy requires ${display(ref)} to be signed by ${wanted.join(' or ') || 'a named signer'}, and no signature of ${shortDigest(facts.signedDigest)}… verifies (${why}).`,
      fixes: [],
    };
  },
});
