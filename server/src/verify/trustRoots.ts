// Sigstore trusted roots: the public-good one shipped in the package (data/, never fetched at run
// time: verifying needs no network) plus any configured ones (a private Sigstore, the sandbox's test
// CA). They are merged into one trust material; Sigstore's verifier picks the CA, CT log and Rekor
// log by log ID and validity window, so merging never lets one root vouch for another's entries.
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import publicGood from './data/public-good-trusted-root.json';
import { isRecord } from './artifact.js';

/** Where data/public-good-trusted-root.json comes from; `npm run refresh-trusted-root` renews it. */
export const PUBLIC_GOOD_ROOT_SOURCE =
  'sigstore/root-signing targets/trusted_root.json (TUF target of the Sigstore public-good instance), snapshot of 2026-08-21, last changed 2025-09-22';

export interface SigstoreRoots {
  /** trust material of every root; `publicKey` is replaced per verification */
  material: TrustMaterial;
  /** DER subjects of every CA certificate: tells "issued by a trusted CA's name but does not chain"
   * (invalid) from "issued by a CA we do not know" (unverified) */
  caSubjects: Buffer[];
}

const noKeys = (): never => {
  throw new Error('no key applies');
};

function assertTrustedRootJson(v: unknown): asserts v is Record<string, unknown> {
  if (
    !isRecord(v) ||
    typeof v.mediaType !== 'string' ||
    !v.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')
  ) {
    throw new Error('not a Sigstore trusted root (mediaType application/vnd.dev.sigstore.trustedroot+json)');
  }
  for (const key of ['certificateAuthorities', 'tlogs', 'ctlogs']) {
    if (v[key] !== undefined && !Array.isArray(v[key])) throw new Error(`${key} is not a list`);
  }
}

/** Parses one trusted-root JSON document; throws an Error that says what is wrong. */
export function parseTrustedRoot(json: unknown): TrustedRoot {
  assertTrustedRootJson(json);
  const root = TrustedRoot.fromJSON(json);
  // toTrustMaterial parses every key and certificate: a bad one surfaces here, not mid-verification
  toTrustMaterial(root, noKeys);
  return root;
}

function merge(roots: TrustedRoot[]): TrustedRoot {
  const [first, ...rest] = roots;
  if (!first) throw new Error('no trusted root');
  return rest.reduce(
    (a, b) => ({
      ...a,
      certificateAuthorities: [...a.certificateAuthorities, ...b.certificateAuthorities],
      tlogs: [...a.tlogs, ...b.tlogs],
      ctlogs: [...a.ctlogs, ...b.ctlogs],
      timestampAuthorities: [...a.timestampAuthorities, ...b.timestampAuthorities],
    }),
    first,
  );
}

let publicGoodRoot: TrustedRoot | null = null;
const cache = new Map<string, SigstoreRoots>();
const CACHE_LIMIT = 16;

/** The public-good root plus `custom` (already parsed). Cached by content: building the trust
 * material parses every certificate and key, which a warm verification must not repeat. */
export function sigstoreRoots(custom: TrustedRoot[] = [], opts: { publicGood?: boolean } = {}): SigstoreRoots {
  const withPublic = opts.publicGood ?? true;
  const key = JSON.stringify([withPublic, custom.map((r) => TrustedRoot.toJSON(r))]);
  const hit = cache.get(key);
  if (hit) return hit;
  publicGoodRoot ??= parseTrustedRoot(publicGood);
  const root = merge([...(withPublic ? [publicGoodRoot] : []), ...custom]);
  const caSubjects = root.certificateAuthorities.flatMap(
    (ca) => ca.certChain?.certificates.map((c) => X509Certificate.parse(Buffer.from(c.rawBytes)).subject) ?? [],
  );
  const out = { material: toTrustMaterial(root, noKeys), caSubjects };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, out);
  return out;
}
