/**
 * From what the checks showed to a SPEC §2 verdict. The rule for `verified`:
 *
 * - **Keyless (Sigstore: cosign `.sig` with a Fulcio certificate, Sigstore bundles).** The
 *   certificate chains to a trusted root (the public-good Sigstore root shipped with the package, or
 *   a configured one), its SCT, its transparency-log entry and the signature check out, and it covers
 *   exactly the image digest. Then the *identity* it names (certificate SAN + OIDC issuer) is proven.
 *   Without a trust policy naming the image that proven identity is the verdict: `verified`, signer
 *   = that identity, and the hover says who it is so a person can judge it. With a policy naming the
 *   image it is `verified` only when one of the policy's identities matches (issuer equal, identity
 *   matching `identityRegExp`, unanchored as cosign's `--certificate-identity-regexp`); otherwise
 *   `unverified`, with a reason naming the identity that signed.
 * - **Key-based (cosign with a key, bundles with a public-key hint).** A key proves nothing unless
 *   someone said whose key it is, and only a trust policy says that. So: `verified` when one of the
 *   keys of a policy naming the image verifies it (signer = that key's name); `unverified` when no
 *   policy names the image ("no key applies") or none of its keys verifies it (another key).
 * - **Notation.** Likewise: `verified` when the certificate chain ends at a CA certificate that a
 *   policy naming the image lists among its keys (signer = that certificate's name).
 *
 * `invalid` is kept for checks that were made and failed: another digest, a signature that does not
 * verify with its own certificate, a broken chain to a trusted CA's name, an expired certificate
 * without a timestamp that proves it signed in time, a log entry that does not match or verify, a
 * malformed artifact. A signature by an unknown CA or key is `unverified`, never `invalid`.
 *
 * What `verified` does not mean: that the image is safe, that the signer is who you think (read the
 * identity), or anything about tags (a signature covers one digest).
 */
import type { Provenance } from '../model/facts.js';
import type { SigstoreCheck } from './sigstore.js';
import type { Evidence, PolicyTrust, Verdict } from './types.js';

export const invalid = (reason: string, evidence: Evidence | null = null): Verdict => ({
  verification: 'invalid',
  signer: null,
  reason,
  evidence,
  provenance: null,
});

export const unverified = (reason: string, evidence: Evidence | null = null): Verdict => ({
  verification: 'unverified',
  signer: null,
  reason,
  evidence,
  provenance: null,
});

const MAX_REGEXP = 1_000;

/** Does a policy identity name this signer? Bad regexps match nothing (settings reports them). */
export function identityMatches(policy: PolicyTrust, issuer: string, identity: string): boolean {
  return policy.identities.some((p) => {
    if (p.issuer !== issuer || p.identityRegExp.length > MAX_REGEXP) return false;
    try {
      return new RegExp(p.identityRegExp, 'u').test(identity);
    } catch {
      return false;
    }
  });
}

export function sigstoreVerdict(
  check: SigstoreCheck,
  policy: PolicyTrust | null,
  provenance: Provenance | null,
): Verdict {
  if (check.status === 'invalid') return invalid(check.reason, { method: 'sigstore' });
  if (check.status === 'unverified') return unverified(check.reason, { method: 'sigstore' });
  const loggedAt = check.loggedAt ? { loggedAt: check.loggedAt } : {};
  if (check.status === 'key') {
    return {
      verification: 'verified',
      signer: { key: check.key },
      reason: null,
      evidence: { method: 'key', ...loggedAt },
      provenance,
    };
  }
  const evidence: Evidence = {
    method: 'sigstore',
    identity: { issuer: check.issuer, identity: check.identity },
    ...loggedAt,
  };
  if (policy && !identityMatches(policy, check.issuer, check.identity)) {
    return unverified(
      `signed by ${check.identity} (issuer ${check.issuer}), an identity the trust policy for this image does not name`,
      evidence,
    );
  }
  return {
    verification: 'verified',
    signer: { issuer: check.issuer, identity: check.identity },
    reason: null,
    evidence,
    provenance,
  };
}
