// Reading an image index for what only it says: the platforms with their digests (the platform pin),
// the BuildKit attestation manifests among its entries and their kinds, and the provenance it states
// (the SLSA layer of its attestation manifest, a free blob GET, else the index's OCI annotations;
// unsigned claims of whoever pushed). Docker Hub's tag API no longer lists platforms (`images: []` since 2025-08-11,
// docker/hub-feedback#2484), and there every manifest GET is a counted pull: the index and the first
// attestation manifest are read through the manifest store (manifestStore.ts), so each costs at most
// one pull per machine, ever. Throws HubFailures when the index cannot be read.
import type { AttestationKind, ImageFacts, Platform, Provenance } from '../model/facts.js';
import { provenanceFromAnnotations, provenanceFromAttestation } from '../verify/provenance.js';
import { attestationKindsOfManifest, readIndex, uniqueAttestations } from './attestations.js';
import { failure, toLookupError } from './errors.js';
import { parseJson } from './http.js';
import { type ManifestStore, NotFound } from './manifestStore.js';
import type { RegistryClient } from './registryClient.js';

interface IndexRead {
  platforms: Platform[];
  /** kinds named by the first attestation manifest (all platforms carry the same in practice);
   * ['other'] when it could not be read; [] when the index has none */
  attestationKinds: AttestationKind[];
  /** the index as parsed (its annotations are the publisher's claims) */
  index: unknown;
  /** the first attestation manifest as parsed, when there is one and it was read */
  attestationManifest: unknown;
  provenance: Provenance | null;
}

export interface IndexDeps {
  registry: RegistryClient;
  store: ManifestStore;
}

/** The index `digest` of `registry/repository`, read once and kept. */
export async function readIndexOf(
  d: IndexDeps,
  registry: string,
  repository: string,
  digest: string,
): Promise<IndexRead> {
  const bytes = await manifest(d, registry, repository, digest);
  if (bytes === null) throw failure('not-found', `index ${digest.slice(0, 19)}… is not in ${registry}/${repository}`);
  const index = json(bytes, registry);
  const { platforms, attestationDigests } = readIndex(index);
  const annotated = provenanceFromAnnotations((index as { annotations?: unknown } | null)?.annotations);
  const first = attestationDigests[0];
  if (!first) return { platforms, attestationKinds: [], index, attestationManifest: null, provenance: annotated };
  let attestationManifest: unknown = null;
  let kinds: AttestationKind[] = [];
  try {
    const att = await manifest(d, registry, repository, first);
    attestationManifest = att ? json(att, registry) : null;
    kinds = attestationKindsOfManifest(attestationManifest);
  } catch {
    // the index said there are attestations; of what kind, unknown
  }
  const attested = attestationManifest ? await attestedProvenance(d, registry, repository, attestationManifest) : null;
  return {
    platforms,
    attestationKinds: kinds.length > 0 ? kinds : ['other'],
    index,
    attestationManifest,
    provenance: attested ?? annotated,
  };
}

const MAX_STATEMENT_BYTES = 4 << 20;

/** The provenance an attestation manifest's SLSA layer states (a blob GET: free on Docker Hub). */
async function attestedProvenance(
  d: IndexDeps,
  registry: string,
  repository: string,
  manifest: unknown,
): Promise<Provenance | null> {
  const layers = (manifest as { layers?: Array<{ digest?: unknown; annotations?: Record<string, unknown> }> } | null)
    ?.layers;
  const slsa = Array.isArray(layers)
    ? layers.find((l) =>
        String(l?.annotations?.['in-toto.io/predicate-type'] ?? '').startsWith('https://slsa.dev/provenance/'),
      )
    : undefined;
  if (!slsa || typeof slsa.digest !== 'string') return null;
  try {
    const blob = await d.registry.getBlob(registry, repository, slsa.digest, MAX_STATEMENT_BYTES);
    return blob
      ? provenanceFromAttestation(Buffer.from(JSON.stringify(manifest)), new Map([[slsa.digest, blob]]))
      : null;
  } catch {
    return null;
  }
}

/** Facts whose index was not read, completed from it: exact platforms, attestations from the index
 * and the referrers together. When the read fails the facts say why (`indexUnread.error`). */
export async function completeIndex(
  d: IndexDeps,
  registry: string,
  repository: string,
  f: ImageFacts,
): Promise<ImageFacts> {
  if (!f.indexUnread || !f.digest) return f;
  const { indexUnread, ...rest } = f;
  try {
    const read = await readIndexOf(d, registry, repository, f.digest);
    // the index is the tag's: its provenance is the pulled digest's only when they agree (a pin moved away keeps its own)
    const provenance =
      f.provenance ?? (f.signedDigest === null || f.signedDigest === f.digest ? read.provenance : null);
    const latest =
      f.signedDigest !== null && f.signedDigest !== f.digest && read.provenance
        ? { latestProvenance: read.provenance }
        : {};
    return {
      ...rest,
      ...latest,
      provenance,
      platforms: read.platforms,
      attestations: uniqueAttestations([...read.attestationKinds, ...indexUnread.attestationKinds]),
    };
  } catch (e) {
    return { ...f, indexUnread: { ...indexUnread, error: toLookupError(e).message } };
  }
}

async function manifest(d: IndexDeps, registry: string, repository: string, digest: string): Promise<Buffer | null> {
  try {
    return await d.store.get(digest, () => d.registry.getManifestBytes(registry, repository, digest));
  } catch (e) {
    if (e instanceof NotFound) return null;
    throw e;
  }
}

function json(bytes: Buffer, registry: string): unknown {
  return parseJson({ status: 200, url: new URL(`https://${registry}/`), header: () => null, body: bytes }, 'manifest');
}
