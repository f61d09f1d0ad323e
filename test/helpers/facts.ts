// Builders for test data: references and facts with sensible defaults, overridden per case.
import { buildReference } from '../../server/src/extract/reference-builder.js';
import { failedFacts, foundSignature, type ImageFacts, type LookupError } from '../../server/src/model/facts.js';
import { range } from '../../server/src/model/range.js';
import type { ImageReference } from '../../server/src/model/reference.js';

export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const D1 = `sha256:${'1'.repeat(64)}`;
export const D2 = `sha256:${'2'.repeat(64)}`;
export const D3 = `sha256:${'3'.repeat(64)}`;

/** A literal reference written on line 0 from character 5 (as in `FROM <text>`). */
export function ref(text: string, extra: Partial<ImageReference> = {}): ImageReference {
  const r = buildReference({ file: 'Dockerfile', source: 'dockerfile', text, range: range(0, 5, 0, 5 + text.length) });
  return { ...r, ...extra };
}

export function facts(extra: Partial<ImageFacts> = {}): ImageFacts {
  return {
    digest: D1,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [
      { os: 'linux', architecture: 'amd64', digest: D2 },
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: D3 },
    ],
    publisher: { namespace: 'library', badge: 'official' },
    lastPushed: '2026-11-20T08:15:00Z',
    signatures: [foundSignature('cosign', `sha256:${'9'.repeat(64)}`)],
    attestations: [{ kind: 'provenance' }],
    provenance: null,
    archived: false,
    error: null,
    signedDigest: D1,
    pinnedDigestExists: null,
    tagsForDigest: [],
    description: null,
    fetchedAt: NOW - 60_000,
    stale: false,
    rateLimit: null,
    ...extra,
  };
}

export function failed(error: LookupError): ImageFacts {
  return failedFacts(error, NOW);
}
