// Reading signatures and turning them into verdicts, lazily (issue 11 "Cost"): a signature
// artifact's manifest is one GET — a counted pull on Docker Hub — and its blobs are free GETs. The
// bytes are content-addressed, so they are kept (memory, then disk) for good and read at most once;
// the verdict depends on the trust settings and the time, so it is recomputed from those bytes
// (milliseconds) each time. A signature that could not be read stays `unverified` with the reason.
import { NOT_READ, type ImageFacts, type Signature } from '../model/facts.js';
import type { Settings } from '../model/settings.js';
import { policiesFor } from '../model/trust.js';
import type { PolicyTrust, SignatureArtifact, SigstoreRoots, VerifyTrust } from '../verify/index.js';
import { type ManifestStore, NotFound } from './manifestStore.js';
import type { RegistryClient } from './registryClient.js';
import { findSignatures } from './signatures.js';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_LAYERS = 8;
const MAX_BLOB_BYTES = 4 << 20;

/** The trust that applies to `name` (normalised registry/repository): the union of the policies
 * naming it (null: none does), and the Sigstore roots. */
function trustFor(name: string, settings: Settings, roots: SigstoreRoots, now: number): VerifyTrust {
  const named = policiesFor(name, settings.trust.policies);
  const policy: PolicyTrust | null = named.length
    ? {
        keys: named.flatMap((p) => p.keys.map((k) => ({ name: k.name, pem: k.publicKey }))),
        identities: named.flatMap((p) => p.identities),
      }
    : null;
  return { roots, policy, now: new Date(now) };
}

/** The verifiers, and the Sigstore libraries under them, are loaded when the first signature is
 * verified: a session that verifies none does not hold them (some 4 MB of the server's memory). */
function verifiers(): typeof import('../verify/index.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
  return require('../verify/index.js') as typeof import('../verify/index.js');
}

export class SignatureVerifier {
  private rootsFor: { key: unknown; roots: SigstoreRoots } | null = null;

  constructor(
    private readonly registry: RegistryClient,
    /** signature manifests and blobs, by digest */
    private readonly store: ManifestStore,
    private readonly log: (level: 'debug' | 'warn', message: string) => void,
  ) {}

  /** The public-good root plus the configured ones (parsed once per settings value). */
  roots(settings: Settings): SigstoreRoots {
    if (this.rootsFor?.key === settings.trust.trustedRoots) return this.rootsFor.roots;
    const custom = settings.trust.trustedRoots.flatMap((r, i) => {
      try {
        return [verifiers().parseTrustedRoot(r)];
      } catch (e) {
        this.log('warn', `trust.trustedRoots[${i}]: ${(e as Error).message}; ignored`);
        return [];
      }
    });
    const roots = verifiers().sigstoreRoots(custom);
    this.rootsFor = { key: settings.trust.trustedRoots, roots };
    return roots;
  }

  /** Facts with every signature read and verified (those of the pinned digest and, for a drift
   * fix, of the tag's current one); provenance from a verified SLSA attestation wins. */
  /** `cacheOnly` (offline, or a registry not allowed): signatures come from the artifact cache alone. */
  async verifyFacts(
    registry: string,
    repository: string,
    facts: ImageFacts,
    settings: Settings,
    now: number,
    cacheOnly = false,
  ): Promise<ImageFacts> {
    if (!facts.signedDigest || (facts.error && !facts.stale)) return facts;
    const trust = trustFor(`${registry}/${repository}`, settings, this.roots(settings), now);
    const signatures = await this.verifyAll(
      registry,
      repository,
      facts.signedDigest,
      facts.signatures,
      trust,
      cacheOnly,
    );
    const latestFound = facts.latestSignatures ?? (cacheOnly ? null : await this.latest(registry, repository, facts));
    const latest = latestFound && {
      digest: latestFound.digest,
      signatures: await this.verifyAll(
        registry,
        repository,
        latestFound.digest,
        latestFound.signatures,
        trust,
        cacheOnly,
      ),
    };
    const signed = signatures.map((s) => s.provenance).find((p) => p !== null);
    return {
      ...facts,
      signatures: signatures.map((s) => s.signature),
      latestSignatures: latest && { digest: latest.digest, signatures: latest.signatures.map((s) => s.signature) },
      provenance: signed ?? facts.provenance,
    };
  }

  /** Signatures of what the tag points to now, when a pinned digest differs from it: what a drift
   * fix would move to (trust-downgrade compares the two). null: none to look for, or not checked. */
  private async latest(
    registry: string,
    repository: string,
    facts: ImageFacts,
  ): Promise<ImageFacts['latestSignatures']> {
    if (!facts.digest || facts.digest === facts.signedDigest) return null;
    try {
      const found = await findSignatures(this.registry, registry, repository, facts.digest);
      // partly checked is not checked: a trust comparison needs every signature of the new digest
      if (found.unchecked) throw found.unchecked;
      return { digest: facts.digest, signatures: found.signatures };
    } catch (e) {
      this.log('debug', `signatures of ${registry}/${repository}@${facts.digest} not checked: ${(e as Error).message}`);
      return null;
    }
  }

  private async verifyAll(
    registry: string,
    repository: string,
    subject: string,
    sigs: Signature[],
    trust: VerifyTrust,
    cacheOnly: boolean,
  ) {
    return Promise.all(
      sigs.map(async (sig) => {
        if (sig.reason !== NOT_READ) return { signature: sig, provenance: null };
        const artifact = await this.artifact(registry, repository, sig, cacheOnly);
        if (typeof artifact === 'string') return { signature: { ...sig, reason: artifact }, provenance: null };
        const v = verifiers().verifySignature({ kind: sig.kind, ...artifact }, subject, trust);
        const signature: Signature = {
          ...sig,
          verification: v.verification,
          signer: v.signer,
          reason: v.reason,
          ...(v.evidence ? { evidence: v.evidence } : {}),
        };
        return { signature, provenance: v.verification === 'verified' ? v.provenance : null };
      }),
    );
  }

  /** The artifact's bytes, or why they could not be read. Its manifest and blobs are kept by digest
   * in the content-addressed store (memory, then disk), so each is fetched at most once. */
  private async artifact(
    registry: string,
    repository: string,
    sig: Signature,
    cacheOnly: boolean,
  ): Promise<Omit<SignatureArtifact, 'kind'> | string> {
    if (!DIGEST.test(sig.digest)) return 'its digest is unknown, so it could not be read';
    const offline = 'it was not read: offline, and it is not in the signature cache';
    try {
      const manifest = cacheOnly
        ? await this.store.kept(sig.digest)
        : await this.store.get(sig.digest, () => this.registry.getManifestBytes(registry, repository, sig.digest));
      if (!manifest) return offline;
      const blobs = new Map<string, Buffer>();
      for (const d of layerDigests(manifest)) {
        const blob = cacheOnly
          ? await this.store.kept(d)
          : await this.store
              .get(d, () => this.registry.getBlob(registry, repository, d, MAX_BLOB_BYTES))
              .catch((e: unknown) => (e instanceof NotFound ? null : Promise.reject(e)));
        if (blob) blobs.set(d, blob);
        else if (cacheOnly) return offline;
      }
      return { manifest, blobs };
    } catch (e) {
      if (e instanceof NotFound) return 'its manifest is not in the registry';
      this.log('debug', `signature ${sig.digest} of ${registry}/${repository} not read: ${(e as Error).message}`);
      return `it could not be read (${(e as Error).message.slice(0, 120)})`;
    }
  }
}

/** The blobs a signature manifest names (at most MAX_LAYERS); throws when it is not JSON. */
function layerDigests(manifest: Buffer): string[] {
  const layers = (JSON.parse(manifest.toString('utf8')) as { layers?: unknown }).layers;
  return (Array.isArray(layers) ? (layers as Array<{ digest?: unknown }>) : [])
    .map((l) => l?.digest)
    .filter((d): d is string => typeof d === 'string' && DIGEST.test(d))
    .slice(0, MAX_LAYERS);
}
