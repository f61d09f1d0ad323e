// Reading signatures and turning them into verdicts, lazily (issue 11 "Cost"): a signature
// artifact's manifest is one GET — a counted pull on Docker Hub — and its blobs are free GETs. The
// bytes are content-addressed, so they are kept (memory, then disk) for good and read at most once;
// the verdict depends on the trust settings and the time, so it is recomputed from those bytes
// (milliseconds) each time. A signature that could not be read stays `unverified` with the reason.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOT_READ, type ImageFacts, type Signature } from '../model/facts.js';
import type { Settings } from '../model/settings.js';
import { policiesFor } from '../model/trust.js';
import type { PolicyTrust, SignatureArtifact, SigstoreRoots, VerifyTrust } from '../verify/index.js';
import type { RegistryClient } from './registryClient.js';
import { findSignatures } from './signatures.js';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_LAYERS = 8;
const MAX_BLOB_BYTES = 4 << 20;
const MEMORY_ENTRIES = 500;
const DISK_ENTRIES = 2000;
const DISK_MAX_BYTES = 1 << 20;

interface Stored {
  manifest: Buffer;
  blobs: Map<string, Buffer>;
}

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
  private readonly memory = new Map<string, Stored>();
  private readonly inFlight = new Map<string, Promise<Stored | string>>();
  private rootsFor: { key: unknown; roots: SigstoreRoots } | null = null;

  constructor(
    private readonly registry: RegistryClient,
    private readonly dir: string | null,
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

  /** The artifact's bytes, or why they could not be read. */
  private async artifact(
    registry: string,
    repository: string,
    sig: Signature,
    cacheOnly: boolean,
  ): Promise<Omit<SignatureArtifact, 'kind'> | string> {
    if (!DIGEST.test(sig.digest)) return 'its digest is unknown, so it could not be read';
    const hit = this.memory.get(sig.digest);
    if (hit) return hit;
    if (cacheOnly)
      return (await this.fromDisk(sig.digest)) ?? 'it was not read: offline, and it is not in the signature cache';
    let p = this.inFlight.get(sig.digest);
    if (!p) {
      p = this.load(registry, repository, sig.digest).finally(() => this.inFlight.delete(sig.digest));
      this.inFlight.set(sig.digest, p);
    }
    const got = await p;
    if (typeof got !== 'string') this.remember(sig.digest, got);
    return got;
  }

  private async load(registry: string, repository: string, digest: string): Promise<Stored | string> {
    const cached = await this.fromDisk(digest);
    if (cached) return cached;
    try {
      const manifest = await this.registry.getManifestBytes(registry, repository, digest);
      if (!manifest) return 'its manifest is not in the registry';
      const layers = (JSON.parse(manifest.toString('utf8')) as { layers?: Array<{ digest?: unknown }> }).layers;
      const digests = (Array.isArray(layers) ? layers : [])
        .map((l) => l?.digest)
        .filter((d): d is string => typeof d === 'string' && DIGEST.test(d))
        .slice(0, MAX_LAYERS);
      const blobs = new Map<string, Buffer>();
      for (const d of digests) {
        const blob = await this.registry.getBlob(registry, repository, d, MAX_BLOB_BYTES);
        if (blob) blobs.set(d, blob);
      }
      const stored = { manifest, blobs };
      await this.toDisk(digest, stored);
      return stored;
    } catch (e) {
      this.log('debug', `signature ${digest} of ${registry}/${repository} not read: ${(e as Error).message}`);
      return `it could not be read (${(e as Error).message.slice(0, 120)})`;
    }
  }

  private remember(digest: string, s: Stored): void {
    if (this.memory.size >= MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value as string);
    this.memory.set(digest, s);
  }

  private file(digest: string): string | null {
    return this.dir ? join(this.dir, 'signatures', `${digest.slice(7)}.json`) : null;
  }

  private async fromDisk(digest: string): Promise<Stored | null> {
    const f = this.file(digest);
    if (!f) return null;
    try {
      const j = JSON.parse(await readFile(f, 'utf8')) as { manifest: string; blobs: Record<string, string> };
      const stored = {
        manifest: Buffer.from(j.manifest, 'base64'),
        blobs: new Map(Object.entries(j.blobs).map(([d, b]) => [d, Buffer.from(b, 'base64')])),
      };
      // content-addressed: a file that does not hash to its name is ignored (and replaced)
      return `sha256:${createHash('sha256').update(stored.manifest).digest('hex')}` === digest ? stored : null;
    } catch {
      return null;
    }
  }

  private async toDisk(digest: string, s: Stored): Promise<void> {
    const f = this.file(digest);
    const size = s.manifest.length + [...s.blobs.values()].reduce((n, b) => n + b.length, 0);
    if (!f || size > DISK_MAX_BYTES) return;
    try {
      const dir = join(f, '..');
      await mkdir(dir, { recursive: true });
      const names = await readdir(dir);
      // bounded: past the limit, drop a tenth (any: every entry can be read again)
      if (names.length >= DISK_ENTRIES)
        await Promise.all(names.slice(0, DISK_ENTRIES / 10).map((n) => rm(join(dir, n), { force: true })));
      const tmp = `${f}.${process.pid}.tmp`;
      await writeFile(
        tmp,
        JSON.stringify({
          manifest: s.manifest.toString('base64'),
          blobs: Object.fromEntries([...s.blobs].map(([d, b]) => [d, b.toString('base64')])),
        }),
      );
      await rename(tmp, f);
    } catch (e) {
      this.log('debug', `signature cache not written: ${(e as Error).message}`);
    }
  }
}
