// Signatures and referrer attestations for one digest:
//  - cosign's tag scheme: HEAD /v2/<repo>/manifests/sha256-<hex>.sig (free on Docker Hub);
//  - the OCI 1.1 referrers API: GET /v2/<repo>/referrers/<digest>;
//  - on 404 from it (a registry without the API: many private registries, docker.io mirrors and
//    pull-through caches), the referrers fallback tag `sha256-<hex>`: a HEAD first, which is free on
//    Docker Hub and its mirrors, and a GET (a counted pull there) only when the tag exists and is an
//    index (SPEC §2 "Counted pulls").
// A method that could not be tried never becomes "no signature": when one fails, what the other
// found is kept with the failure beside it (the lookup is then partial, and a CI check incomplete);
// when nothing was found, or both failed, the signatures are "not checked".
// Docker Content Trust (Notary v1) is deliberately not queried: Docker shuts it down on
// 2026-12-08. The hover says so (policy/hover.ts DCT_NOTE).
import {
  foundSignature,
  isIndexMediaType,
  type AttestationKind,
  type Signature,
  type SignatureKind,
} from '../model/facts.js';
import { indexEntries, isAttestationEntry, kindOfPredicate } from './attestations.js';
import { digestOrNull } from './edge.js';
import { failure, HubFailure } from './errors.js';
import { MAX_REFERRERS, MAX_SIGNATURES } from './limits.js';
import type { RegistryClient } from './registryClient.js';

interface SignatureFacts {
  signatures: Signature[];
  attestationKinds: AttestationKind[];
}

/** artifactType → signature kind, or null when it is not a signature. */
function signatureKindOf(artifactType: string): SignatureKind | null {
  const t = artifactType.toLowerCase();
  if (t.startsWith('application/vnd.dev.sigstore.bundle')) return 'sigstore-bundle';
  if (t === 'application/vnd.cncf.notary.signature') return 'notation';
  if (t === 'application/vnd.dev.cosign.artifact.sig.v1+json') return 'cosign';
  return null;
}

/** artifactType → attestation kind for in-toto / SPDX / CycloneDX artifacts, else null. */
function attestationKindOf(artifactType: string, predicateType: string | null): AttestationKind | null {
  const t = artifactType.toLowerCase();
  if (t.includes('in-toto') || t.includes('dsse')) return predicateType ? kindOfPredicate(predicateType) : 'other';
  if (t.includes('spdx') || t.includes('cyclonedx') || t.includes('sbom')) return 'sbom';
  return null;
}

/** Classifies the descriptors of a referrers index (API answer or fallback tag). */
export function classifyReferrers(index: unknown): SignatureFacts {
  const out: SignatureFacts = { signatures: [], attestationKinds: [] };
  for (const d of indexEntries(index, MAX_REFERRERS)) {
    const digest = digestOrNull(d.digest);
    if (digest === null || isAttestationEntry(d)) continue;
    const config = (d as { config?: { mediaType?: unknown } }).config;
    const artifactType =
      typeof d.artifactType === 'string'
        ? d.artifactType
        : typeof config?.mediaType === 'string'
          ? config.mediaType
          : '';
    const ann =
      typeof d.annotations === 'object' && d.annotations !== null ? (d.annotations as Record<string, unknown>) : {};
    const predicate =
      typeof ann['dev.sigstore.bundle.predicateType'] === 'string'
        ? (ann['dev.sigstore.bundle.predicateType'] as string)
        : typeof ann['in-toto.io/predicate-type'] === 'string'
          ? (ann['in-toto.io/predicate-type'] as string)
          : null;
    const sig = signatureKindOf(artifactType);
    if (sig) {
      if (out.signatures.length < MAX_SIGNATURES) out.signatures.push(foundSignature(sig, digest));
      // a Sigstore bundle over an attestation (predicate ≠ plain signing) is also an attestation
      if (sig === 'sigstore-bundle' && predicate && predicate !== 'https://sigstore.dev/cosign/sign/v1') {
        out.attestationKinds.push(kindOfPredicate(predicate));
      }
      continue;
    }
    const att = attestationKindOf(artifactType, predicate);
    if (att) out.attestationKinds.push(att);
  }
  return out;
}

/** Looks for signatures of `digest`. `unchecked`: a method that could not be tried while the other
 * found something. Throws a HubFailure when nothing was found and any method could not be tried
 * (so the caller reports "not checked" rather than "unsigned"). */
export async function findSignatures(
  client: RegistryClient,
  registry: string,
  repository: string,
  digest: string,
): Promise<SignatureFacts & { unchecked: HubFailure | null }> {
  const tagBase = digest.replace(':', '-');
  const [sig, refs] = await Promise.allSettled([
    client.headManifest(registry, repository, `${tagBase}.sig`).then((head) => {
      if (head.status === 200) return foundSignature('cosign', head.digest ?? '');
      if (head.status === 404) return null;
      throw answered('cosign signature tag', head.status);
    }),
    referrerIndex(client, registry, repository, digest, tagBase),
  ]);
  const out: SignatureFacts =
    refs.status === 'fulfilled' && refs.value
      ? classifyReferrers(refs.value)
      : { signatures: [], attestationKinds: [] };
  if (sig.status === 'fulfilled' && sig.value) out.signatures.unshift(sig.value);
  const failed = [sig, refs].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return { ...out, unchecked: null };
  if (out.signatures.length === 0) throw failed.reason;
  return {
    ...out,
    unchecked: failed.reason instanceof HubFailure ? failed.reason : failure('bad-response', String(failed.reason)),
  };
}

async function referrerIndex(
  client: RegistryClient,
  registry: string,
  repository: string,
  digest: string,
  tagBase: string,
): Promise<unknown> {
  const api = await client.referrers(registry, repository, digest);
  if (api.status === 200) return api.json;
  if (api.status !== 404) throw answered('referrers API', api.status);
  const head = await client.headManifest(registry, repository, tagBase);
  if (head.status === 404) return null;
  if (head.status !== 200) throw answered('referrers fallback tag', head.status);
  // some registries resolve `sha256-<hex>` to the subject itself: that is not a referrers index
  if (head.digest === digest || !isIndexMediaType(head.mediaType)) return null;
  const fallback = await client.getManifest(registry, repository, tagBase, head.digest);
  if (fallback.status === 404) return null;
  if (fallback.status !== 200) throw answered('referrers fallback tag', fallback.status);
  if (fallback.digest === digest || !isIndexMediaType(fallback.mediaType)) return null;
  return fallback.json;
}

function answered(what: string, status: number): HubFailure {
  const kind = status === 401 || status === 403 ? 'unauthorized' : status >= 500 ? 'network' : 'bad-response';
  return failure(kind, `${what} answered HTTP ${status}`);
}
