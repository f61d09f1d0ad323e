// Platforms and BuildKit attestations from an image index. BuildKit stores attestation manifests as
// extra index entries with platform unknown/unknown and annotation
// `vnd.docker.reference.type: attestation-manifest`; they are not platforms. Their kind (provenance,
// sbom) is in the attestation manifest's layer annotation `in-toto.io/predicate-type`; when that
// manifest was not fetched the kind is 'other'.
import type { Attestation, AttestationKind, Platform } from '../model/facts.js';
import { digestOrNull, platformFieldOrNull } from './edge.js';
import { MAX_ATTESTATION_LAYERS, MAX_ATTESTATION_MANIFESTS, MAX_INDEX_ENTRIES, MAX_PLATFORMS } from './limits.js';

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  artifactType?: unknown;
  annotations?: unknown;
  platform?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first `max` descriptors of an index (the rest are not looked at: see limits.ts). */
export function indexEntries(index: unknown, max: number): Descriptor[] {
  if (!isRecord(index) || !Array.isArray(index.manifests)) return [];
  return index.manifests.slice(0, max).filter(isRecord) as Descriptor[];
}

function annotation(d: Descriptor, key: string): string | null {
  const a = d.annotations;
  return isRecord(a) && typeof a[key] === 'string' ? (a[key] as string) : null;
}

export function isAttestationEntry(d: Descriptor): boolean {
  if (annotation(d, 'vnd.docker.reference.type') === 'attestation-manifest') return true;
  const p = isRecord(d.platform) ? d.platform : null;
  return p !== null && p.os === 'unknown' && p.architecture === 'unknown';
}

interface IndexFacts {
  platforms: Platform[];
  /** digests of the attestation manifests, in index order */
  attestationDigests: string[];
}

export function readIndex(index: unknown): IndexFacts {
  const platforms: Platform[] = [];
  const attestationDigests: string[] = [];
  for (const d of indexEntries(index, MAX_INDEX_ENTRIES)) {
    // an invalid digest would reach a platform pin fix: skip the entry
    const digest = digestOrNull(d.digest);
    if (digest === null) continue;
    if (isAttestationEntry(d)) {
      if (attestationDigests.length < MAX_ATTESTATION_MANIFESTS) attestationDigests.push(digest);
      continue;
    }
    if (platforms.length >= MAX_PLATFORMS) continue;
    const p = isRecord(d.platform) ? d.platform : null;
    const os = p ? platformFieldOrNull(p.os) : null;
    const architecture = p ? platformFieldOrNull(p.architecture) : null;
    if (!p || !os || !architecture) continue;
    const variant = platformFieldOrNull(p.variant) ?? undefined;
    platforms.push(variant ? { os, architecture, variant, digest } : { os, architecture, digest });
  }
  return { platforms, attestationDigests };
}

/** in-toto predicate type (or an artifact type) → attestation kind. */
export function kindOfPredicate(predicateType: string): AttestationKind {
  const t = predicateType.toLowerCase();
  if (t.includes('slsa.dev/provenance') || t.includes('provenance')) return 'provenance';
  if (t.includes('spdx') || t.includes('cyclonedx') || t.includes('sbom')) return 'sbom';
  return 'other';
}

/** Kinds named by a BuildKit attestation manifest's layers. */
export function attestationKindsOfManifest(manifest: unknown): AttestationKind[] {
  if (!isRecord(manifest) || !Array.isArray(manifest.layers)) return [];
  const kinds: AttestationKind[] = [];
  for (const layer of manifest.layers.slice(0, MAX_ATTESTATION_LAYERS)) {
    if (!isRecord(layer)) continue;
    const t = annotation(layer as Descriptor, 'in-toto.io/predicate-type');
    kinds.push(t ? kindOfPredicate(t) : 'other');
  }
  return kinds;
}

/** One attestation per kind, in a stable order. */
export function uniqueAttestations(kinds: AttestationKind[]): Attestation[] {
  const order: AttestationKind[] = ['provenance', 'sbom', 'other'];
  const set = new Set(kinds);
  return order.filter((k) => set.has(k)).map((kind) => ({ kind }));
}
