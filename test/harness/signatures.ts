// Signature artifacts in the layouts real tools write, made with node:crypto (no cosign/notation
// binaries exist on Debian): cosign tag-scheme `.sig` manifests, a Sigstore bundle referrer, a Notation
// signature referrer. Only the cosign ones carry verifiable signatures.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { json, MT, sha256, desc, referrer, type Built } from './oci.js';

export interface SigningKey { privateKey: KeyObject; publicKeyPem: string; privateKeyPem: string }

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';

/** cosign "simple signing" payload: what the signature covers. */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return json({
    critical: { identity: { 'docker-reference': dockerReference }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' },
    optional: null,
  });
}

/** The `sha256-<hex>.sig` manifest cosign writes for `digest` (one signature layer). */
export function cosignSignatureManifest(key: SigningKey, dockerReference: string, digest: string): Built {
  const payload = simpleSigningPayload(dockerReference, digest);
  const signature = sign('sha256', payload, key.privateKey).toString('base64'); // ASN.1 DER, as cosign does
  const layer = desc(MT.cosignSimpleSigning, payload, { annotations: { [COSIGN_SIGNATURE_ANNOTATION]: signature } });
  const config = json({
    architecture: '', created: '0001-01-01T00:00:00Z', history: [{ created: '0001-01-01T00:00:00Z' }], os: '',
    rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {},
  });
  const bytes = json({ schemaVersion: 2, mediaType: MT.ociManifest, config: desc(MT.ociConfig, config), layers: [layer] });
  return { bytes, mediaType: MT.ociManifest, digest: sha256(bytes), blobs: new Map([[sha256(payload), payload], [sha256(config), config]]) };
}

/** A Sigstore bundle v0.3 (message signature over the simple-signing payload) as an OCI 1.1 referrer. */
export function sigstoreBundleReferrer(key: SigningKey, dockerReference: string, subject: Built): Built {
  const payload = simpleSigningPayload(dockerReference, subject.digest);
  const bundle = json({
    mediaType: MT.sigstoreBundle,
    verificationMaterial: {
      publicKey: { hint: createHash('sha256').update(key.publicKeyPem).digest('base64') },
      tlogEntries: [],
    },
    messageSignature: {
      messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(payload).digest('base64') },
      signature: sign('sha256', payload, key.privateKey).toString('base64'),
    },
  });
  return referrer({
    artifactType: MT.sigstoreBundle, subject,
    layers: [{ mediaType: MT.sigstoreBundle, bytes: bundle }],
    annotations: { 'dev.sigstore.bundle.content': 'message-signature', 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
  });
}

/** A Notation signature referrer (JWS envelope; the signature bytes are placeholders, not verifiable). */
export function notationReferrer(subject: Built): Built {
  const b64u = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const envelope = json({
    payload: b64u({ targetArtifact: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.length } }),
    protected: b64u({ alg: 'PS256', crit: ['io.cncf.notary.signingScheme'], cty: 'application/vnd.cncf.notary.payload.v1+json', 'io.cncf.notary.signingScheme': 'notary.x509', 'io.cncf.notary.signingTime': '2024-01-01T00:00:00Z' }),
    header: { x5c: [Buffer.from('image-trust sandbox placeholder certificate').toString('base64')] },
    signature: Buffer.from('image-trust sandbox placeholder signature').toString('base64url'),
  });
  const thumbprint = createHash('sha256').update('image-trust sandbox placeholder certificate').digest('hex').toUpperCase();
  return referrer({
    artifactType: MT.notarySignature, subject,
    layers: [{ mediaType: MT.jose, bytes: envelope }],
    annotations: { 'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify([thumbprint]) },
  });
}
