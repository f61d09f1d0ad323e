// Platforms and BuildKit attestations from an image index. BuildKit stores attestation manifests as
// extra index entries with platform unknown/unknown and annotation
// `vnd.docker.reference.type: attestation-manifest`; they are not platforms. Their kind (provenance,
// sbom) is in the attestation manifest's layer annotation `in-toto.io/predicate-type`; when that
// manifest was not fetched the kind is 'other'.
import type { Attestation, AttestationKind, Platform } from '../model/facts.js';
import { digestOrNull } from './digest.js';

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

export function indexEntries(index: unknown): Descriptor[] {
  if (!isRecord(index) || !Array.isArray(index.manifests)) return [];
  return index.manifests.filter(isRecord) as Descriptor[];
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

export interface IndexFacts {
  platforms: Platform[];
  /** digests of the attestation manifests, in index order */
  attestationDigests: string[];
}

export function readIndex(index: unknown): IndexFacts {
  const platforms: Platform[] = [];
  const attestationDigests: string[] = [];
  for (const d of indexEntries(index)) {
    // an invalid digest would reach a platform pin fix: skip the entry
    if (digestOrNull(d.digest) === null) continue;
    if (typeof d.digest !== 'string') continue;
    if (isAttestationEntry(d)) {
      attestationDigests.push(d.digest);
      continue;
    }
    const p = isRecord(d.platform) ? d.platform : null;
    if (!p || typeof p.os !== 'string' || typeof p.architecture !== 'string') continue;
    const variant = typeof p.variant === 'string' && p.variant !== '' ? p.variant : undefined;
    platforms.push(variant ? { os: p.os, architecture: p.architecture, variant, digest: d.digest }
      : { os: p.os, architecture: p.architecture, digest: d.digest });
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
  for (const layer of manifest.layers) {
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
