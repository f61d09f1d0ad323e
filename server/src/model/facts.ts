// What the registry and Docker Hub say about an image now. The hub layer produces these; policy
// and the views read them. Null always means "unknown", never "no".

export const BADGES = ['official', 'verified_publisher', 'open_source', 'none'] as const;
export type Badge = (typeof BADGES)[number];

/** What each badge is called on Docker Hub. */
export const BADGE_LABELS: Record<Badge, string> = {
  official: 'Docker Official Image',
  verified_publisher: 'Verified Publisher',
  open_source: 'Sponsored OSS',
  none: 'No badge',
};

export const OCI_INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_LIST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** True for a multi-platform index (OCI index or Docker manifest list); parameters ignored. */
export function isIndexMediaType(mediaType: string | null): boolean {
  const t = (mediaType ?? '').split(';')[0]?.trim();
  return t === OCI_INDEX_MEDIA_TYPE || t === DOCKER_LIST_MEDIA_TYPE;
}

export type ErrorKind =
  'not-found' | 'unauthorized' | 'rate-limited' | 'network' | 'timeout' | 'bad-response' | 'offline';

export interface LookupError {
  kind: ErrorKind;
  message: string;
  /** rate-limited: when the host may be asked again (ISO 8601) */
  retryAt?: string;
  /** not-found: what is missing */
  missing?: 'repository' | 'tag' | 'digest';
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
}

export type SignatureKind = 'cosign' | 'sigstore-bundle' | 'notation';
/** SPEC §2: verified (checks out against a trusted key or root, covers exactly the digest, and a
 * trust policy names the signer or no policy names the image), invalid (checked and does not hold),
 * unverified (not checked, or checks out only against a signer no policy names; `reason` says which). */
export type SignatureVerification = 'verified' | 'invalid' | 'unverified';
/** The trust-policy key that verified a signature, or the keyless identity its certificate names. */
export type Signer = { key: string } | { issuer: string; identity: string };
/** Where and how an image was built (SPEC §2), from a SLSA provenance attestation or OCI annotations. */
export interface Provenance {
  /** https or http URL of the source repository, validated */
  sourceRepository: string | null;
  /** a commit (hex) or a tag-like ref of bounded length, validated */
  revision: string | null;
  builder: string | null;
  from: 'slsa-provenance' | 'oci-annotations';
}
export interface Signature {
  kind: SignatureKind;
  /** the digest of the signature artifact (manifest) */
  digest: string;
  verification: SignatureVerification;
  /** set only when verified */
  signer: Signer | null;
  /** why it is invalid or unverified; "not read" until its payload is read and checked */
  reason: string | null;
  /** beyond SPEC §2 (not serialised): what the check showed, for the hover */
  evidence?: SignatureEvidence;
}

interface SignatureEvidence {
  method: 'sigstore' | 'key' | 'notation';
  /** the keyless identity the certificate names (proven by a trusted root), verified or not */
  identity?: { issuer: string; identity: string };
  /** when the transparency log recorded it (ISO 8601) */
  loggedAt?: string;
  /** Notation: the signing certificate's subject */
  subject?: string;
}

/** What a signature is before its payload is read: found, not checked. */
export const NOT_READ = 'not read';

export function foundSignature(kind: SignatureKind, digest: string): Signature {
  return { kind, digest, verification: 'unverified', signer: null, reason: NOT_READ };
}

export type AttestationKind = 'provenance' | 'sbom' | 'other';
export interface Attestation {
  kind: AttestationKind;
}

export interface Publisher {
  namespace: string;
  /** null: publisher status unknown (the badge lookup failed or the registry has no such notion) */
  badge: Badge | null;
}

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** ISO 8601, when known */
  resetAt: string | null;
}

/** Few enough Docker Hub pulls left to warn before spending more: 10, or a tenth of the limit. */
export function lowPullBudget(r: Pick<RateLimitInfo, 'remaining' | 'limit'> | null | undefined): boolean {
  return typeof r?.remaining === 'number' && r.remaining <= Math.max(10, (r.limit ?? 0) / 10);
}

export interface ImageFacts {
  /** what the tag points to now (index digest for multi-arch); for a digest-only reference, that digest */
  digest: string | null;
  mediaType: string | null;
  /** null: not read (Docker Hub's tag API no longer lists platforms and reading the index costs a
   * counted pull, see `indexUnread`); [] only for a single-platform manifest */
  platforms: Platform[] | null;
  publisher: Publisher | null;
  /** the tag's last push (ISO 8601) */
  lastPushed: string | null;
  /** signatures found for `signedDigest` (the pinned digest, else the tag's current one) */
  signatures: Signature[];
  /** null: unknown, because the index that carries BuildKit's attestations was not read */
  attestations: Attestation[] | null;
  /** where and how the digest that would be pulled (`signedDigest`) was built: signed SLSA
   * provenance, else BuildKit's, else OCI annotations */
  provenance: Provenance | null;
  /** Docker Hub marks the repository archived (read-only, no more updates); null where unknown or
   * not Docker Hub. A namespace its publisher froze is not this (policy/frozen.ts covers it). */
  archived: boolean | null;
  error: LookupError | null;

  // ---- beyond SPEC §2 (not serialised in JSON output) ----
  /** signatures of `digest` (what the tag points to now) when it differs from `signedDigest` (a
   * pinned digest): what a drift fix would move to. null when not looked for */
  latestSignatures?: { digest: string; signatures: Signature[] } | null;
  /** provenance of `digest` when it differs from `signedDigest` (a drift's compare link) */
  latestProvenance?: Provenance;
  /** the digest whose signatures were looked for; null when signatures were not checked */
  signedDigest: string | null;
  /** for a reference with a written digest: whether the repository has it (null: unknown) */
  pinnedDigestExists: boolean | null;
  /** other tags that point to `digest` now, most specific first (for replacing `latest`) */
  tagsForDigest: string[];
  /** repository description from the registry: untrusted text */
  description: string | null;
  /** when these facts were fetched (epoch ms) */
  fetchedAt: number;
  /** true when served from cache after a failed refresh (then `error` says why) */
  stale: boolean;
  rateLimit: RateLimitInfo | null;
  /** set when the image is an index that was not read (dockerHub.readIndexes): what reading it would
   * complete. `attestationKinds` are those the referrers API gave already; `error` says why a read
   * that was asked for failed */
  indexUnread?: { attestationKinds: AttestationKind[]; error?: string };
  /** part of the lookup failed while the rest succeeded (e.g. the Docker Hub API was down but the
   * registry answered): publisher and age may be unknown because of this, not because they are absent */
  partial?: LookupError;
}

/** SPEC §2 JSON form of facts: the SPEC keys only, the error without its extra fields. */
type SignatureJson = Pick<Signature, 'kind' | 'digest' | 'verification' | 'signer' | 'reason'>;
type FactsJson = Pick<
  ImageFacts,
  'digest' | 'mediaType' | 'platforms' | 'publisher' | 'lastPushed' | 'attestations' | 'provenance' | 'archived'
> & {
  signatures: SignatureJson[];
  error: { kind: ErrorKind; message: string } | null;
};

export function toFactsJson(f: ImageFacts): FactsJson {
  return {
    digest: f.digest,
    mediaType: f.mediaType,
    platforms: f.platforms,
    publisher: f.publisher,
    lastPushed: f.lastPushed,
    signatures: f.signatures.map((x) => ({
      kind: x.kind,
      digest: x.digest,
      verification: x.verification,
      signer: x.signer,
      reason: x.reason,
    })),
    attestations: f.attestations,
    provenance: f.provenance ?? null,
    archived: f.archived,
    error: f.error ? { kind: f.error.kind, message: f.error.message } : null,
  };
}

/** Facts that say nothing but why: a lookup that failed without anything cached. */
export function failedFacts(error: LookupError, now = Date.now()): ImageFacts {
  return {
    digest: null,
    mediaType: null,
    platforms: null,
    publisher: null,
    lastPushed: null,
    signatures: [],
    attestations: null,
    provenance: null,
    archived: null,
    error,
    signedDigest: null,
    pinnedDigestExists: null,
    tagsForDigest: [],
    description: null,
    fetchedAt: now,
    stale: false,
    rateLimit: null,
  };
}

/** True when facts came from a successful lookup (fresh or served stale with data). */
export function hasData(f: ImageFacts): boolean {
  return f.error === null || f.stale;
}

/** One tag of a repository, as a tag list says it (for completion and updates). */
export interface TagInfo {
  /** a valid tag (the reference grammar's), checked at the network edge */
  name: string;
  /** what it points to now, when the list says (Docker Hub's tag API does; a registry's does not) */
  digest: string | null;
  /** ISO 8601, when known */
  lastPushed: string | null;
}

/** The tags of a repository, newest first where the source knows push times. */
export interface TagList {
  tags: TagInfo[];
  /** `hub`: Docker Hub's tag API (push times, digests); `registry`: the registry's tag list (names only) */
  source: 'hub' | 'registry';
  /** why the list is missing or incomplete; null when it was read */
  error: LookupError | null;
  fetchedAt: number;
}
