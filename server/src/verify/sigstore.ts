// The Sigstore checks, done by Sigstore's own verifier (@sigstore/verify): certificate chain to a
// trusted Fulcio CA at the signing time, SCT against a trusted CT log, transparency-log entry (SET
// or inclusion proof + checkpoint) against a trusted Rekor key and matching this signature, the
// signature itself. Cosign's legacy `.sig` signatures and Sigstore bundles both arrive here as a
// SignedEntity. What this adds: telling an unknown CA (unverified) from a broken chain (invalid),
// trying each trust-policy key for key-based signatures, and plain-words reasons.
import { X509Certificate } from '@sigstore/core';
import { Verifier, VerificationError, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import { keyVerifies, parseKeys } from './keys.js';
import type { SigstoreRoots } from './trustRoots.js';
import type { PolicyTrust } from './types.js';

export type SigstoreCheck =
  | { status: 'keyless'; issuer: string; identity: string; loggedAt: string | null }
  | { status: 'key'; key: string; loggedAt: string | null }
  | { status: 'invalid'; reason: string }
  | { status: 'unverified'; reason: string };

type Content = SignedEntity['signature'];

/** The entity's signature content, verifying with every algorithm cosign signs with (keys.ts)
 * instead of SHA-256 only; the comparisons Sigstore makes against the log entry are unchanged. */
function flexible(content: Content, signedBytes: Uint8Array): Content {
  return {
    signature: content.signature,
    compareSignature: (s) => content.compareSignature(s),
    compareDigest: (d) => content.compareDigest(d),
    compareSignedDigest: (d) => content.compareSignedDigest(d),
    verifySignature: (key) => keyVerifies(key, signedBytes, content.signature),
  };
}

function loggedAt(entity: SignedEntity): string | null {
  const times = entity.tlogEntries.map((e) => Number(e.integratedTime)).filter((t) => Number.isFinite(t) && t > 0);
  return times.length ? new Date(Math.min(...times) * 1000).toISOString() : null;
}

const REASONS: Array<[RegExp, string]> = [
  [/not valid or expired/, 'its certificate was not valid when the signature was logged (expired, or not yet valid)'],
  [/SCT verification failed/, 'its certificate’s SCT does not verify against a trusted certificate-transparency log'],
  [/expected \d+ SCTs/, 'its certificate carries no SCT from a trusted certificate-transparency log'],
  [
    /certificate chain|certificate path|not a CA|name chaining|path length/,
    'its certificate does not chain to the trusted Sigstore CA whose name it gives (broken chain)',
  ],
  [/inclusion promise/, 'its transparency-log SET does not verify against a trusted log key'],
  [
    /checkpoint|root hash|inclusion proof|hash count|invalid index/,
    'its transparency-log inclusion proof does not verify',
  ],
  [
    /expected \d+ tlog entries|inclusion could not be verified/,
    'it has no transparency-log entry that proves it was logged',
  ],
  [/expected \d+ timestamps/, 'nothing trusted (a transparency log or timestamp authority) proves when it was signed'],
  [
    /mismatch|invalid canonicalized body|unsupported/,
    'its transparency-log entry records another signature or payload',
  ],
  [/signature verification failed/, 'the signature does not verify with the key of its own certificate'],
];

function reasonOf(e: unknown): string {
  const text =
    e instanceof VerificationError
      ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ''}`
      : e instanceof Error
        ? e.message
        : String(e);
  for (const [re, reason] of REASONS) if (re.test(text)) return reason;
  return `the Sigstore check failed: ${text.slice(0, 200)}`;
}

function verifier(material: TrustMaterial, keyless: boolean): Verifier {
  // key-based: the key is the trust; a log entry, if present, is still checked
  return new Verifier(material, keyless ? {} : { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
}

function claimsTrustedCa(leaf: X509Certificate, roots: SigstoreRoots): boolean {
  return roots.caSubjects.some((s) => s.equals(leaf.issuer));
}

export function checkSigstore(
  entity: SignedEntity,
  signedBytes: Uint8Array,
  roots: SigstoreRoots,
  policy: PolicyTrust | null,
): SigstoreCheck {
  const e: SignedEntity = { ...entity, signature: flexible(entity.signature, signedBytes) };
  if (e.key.$case === 'certificate') {
    const leaf = e.key.certificate;
    if (!claimsTrustedCa(leaf, roots)) {
      return {
        status: 'unverified',
        reason:
          'its certificate was not issued by a trusted Sigstore CA (the public-good one or a configured trusted root)',
      };
    }
    // only the CAs that could have issued it: the verifier otherwise tries every CA of every root
    const cas = roots.material.certificateAuthorities.filter((ca) =>
      ca.certChain.some((c) => c.subject.equals(leaf.issuer)),
    );
    let signer;
    try {
      signer = verifier({ ...roots.material, certificateAuthorities: cas }, true).verify(e);
    } catch (err) {
      return { status: 'invalid', reason: reasonOf(err) };
    }
    const identity = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (!identity || !issuer)
      return { status: 'unverified', reason: 'its certificate names no identity and OIDC issuer' };
    return { status: 'keyless', issuer, identity, loggedAt: loggedAt(e) };
  }
  const keys = policy ? parseKeys(policy.keys).keys : [];
  if (!keys.length) {
    return {
      status: 'unverified',
      reason: policy
        ? 'it is signed with a key, and the trust policy for this image names no public key'
        : 'it is signed with a key, and no trust policy names a key for this image',
    };
  }
  for (const k of keys) {
    try {
      verifier({ ...roots.material, publicKey: () => ({ publicKey: k.key, validFor: () => true }) }, false).verify(e);
      return { status: 'key', key: k.name, loggedAt: loggedAt(e) };
    } catch (err) {
      // a failed signature means "another key"; a failed log entry holds for every key
      if (!(err instanceof VerificationError && err.code === 'SIGNATURE_ERROR'))
        return { status: 'invalid', reason: reasonOf(err) };
    }
  }
  return { status: 'unverified', reason: 'none of the trust policy’s keys verifies it: it is signed with another key' };
}
