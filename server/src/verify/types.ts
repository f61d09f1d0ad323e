// What the verification room takes and gives. Inputs are bytes already fetched (the hub's job) and
// trust material already parsed from settings; outputs are SPEC §2 verdicts. Nothing here reaches
// the network or the clock: `now` is an input.
import type { Provenance, SignatureKind, SignatureVerification, Signer } from '../model/facts.js';
import type { SigstoreRoots } from './trustRoots.js';

/** A key from a trust policy: a public key (PEM, SPKI), or a CA certificate (PEM) that anchors
 * Notation certificate chains. */
export interface NamedKey {
  name: string;
  pem: string;
}

/** A keyless identity as cosign's `--certificate-oidc-issuer` + `--certificate-identity-regexp`. */
export interface TrustedIdentity {
  issuer: string;
  identityRegExp: string;
}

/** The keys and identities of every trust policy that names the image (their union). */
export interface PolicyTrust {
  keys: NamedKey[];
  identities: TrustedIdentity[];
}

export interface VerifyTrust {
  /** Sigstore trusted roots: the public-good one shipped with the package, plus configured ones */
  roots: SigstoreRoots;
  /** null: no trust policy names the image (see verdict.ts for what "verified" then means) */
  policy: PolicyTrust | null;
  now: Date;
}

/** One signature artifact, fetched: its manifest and the blobs its layers name. */
export interface SignatureArtifact {
  kind: SignatureKind;
  manifest: Uint8Array;
  blobs: ReadonlyMap<string, Uint8Array>;
}

export interface Verdict {
  verification: SignatureVerification;
  /** set only when verified */
  signer: Signer | null;
  /** why it is invalid or unverified, in words; null when verified */
  reason: string | null;
  /** what the checks showed beyond the verdict, for the hover */
  evidence: Evidence | null;
  /** a SLSA provenance statement that this signature covers (signed provenance) */
  provenance: Provenance | null;
}

export interface Evidence {
  method: 'sigstore' | 'key' | 'notation';
  /** the keyless identity the certificate names (checked against a trusted root), verified or not */
  identity?: { issuer: string; identity: string };
  /** when the transparency log recorded the signature (ISO 8601), when it was checked */
  loggedAt?: string;
  /** Notation: the signing certificate's subject */
  subject?: string;
}
