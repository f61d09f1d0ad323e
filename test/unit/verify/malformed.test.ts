// Hostile and broken signature artifacts: every one gives a verdict with a reason, never an
// exception and never `verified`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { SignatureKind } from '../../../server/src/model/facts.js';
import { decode } from '../../../server/src/verify/cbor.js';
import { verifySignature, type SignatureArtifact } from '../../../server/src/verify/index.js';
import { json, MT, referrer, sha256 } from '../../harness/oci.js';
import {
  bundleReferrer,
  cosignSignatureManifest,
  generateSigningKey,
  notationJws,
  notationReferrer,
  sigstoreBundle,
} from '../../harness/signatures.js';
import { notationLeaf } from '../../harness/pki.js';
import { NOW, pki, SIGNED_AT, subjectImage, trust } from './helpers.js';

const subject = subjectImage('malformed subject');
const key = generateSigningKey();
const policy = {
  keys: [
    { name: 'k', pem: key.publicKeyPem },
    { name: 'ca', pem: pki().notationRoot.pem },
  ],
  identities: [],
};

/** A manifest with one layer of `mediaType` holding `bytes` (blob supplied, digest right). */
function oneLayer(
  kind: SignatureKind,
  mediaType: string,
  bytes: Buffer,
  annotations: Record<string, string> = {},
): SignatureArtifact {
  const manifest = json({
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    layers: [{ mediaType, digest: sha256(bytes), size: bytes.length, annotations }],
  });
  return { kind, manifest, blobs: new Map([[sha256(bytes), bytes]]) };
}

const goodBundle = sigstoreBundle(pki(), subject.digest, { signedAt: SIGNED_AT });
const goodJws = notationJws(subject, {
  leaf: notationLeaf(pki(), { notBefore: new Date(NOW - 86_400_000 * 30) }),
  chain: [pki().notationRoot],
  signingTime: SIGNED_AT,
});
const truncate = (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length / 2));
const bundleWith = (edit: (b: Record<string, unknown>) => void): Buffer => {
  const b = JSON.parse(goodBundle.toString()) as Record<string, unknown>;
  edit(b);
  return json(b);
};

const cases: Array<{
  name: string;
  art: () => SignatureArtifact;
  verification: 'invalid' | 'unverified';
  reason: RegExp;
}> = [
  {
    name: 'manifest is not JSON',
    art: () => ({ kind: 'cosign', manifest: Buffer.from('{"layers": ['), blobs: new Map() }),
    verification: 'invalid',
    reason: /not valid JSON/,
  },
  {
    name: 'manifest over 1 MiB',
    art: () => ({ kind: 'cosign', manifest: Buffer.alloc(2 << 20, 0x20), blobs: new Map() }),
    verification: 'invalid',
    reason: /over the 1048576-byte limit/,
  },
  {
    name: 'manifest without layers',
    art: () => ({ kind: 'notation', manifest: json({ schemaVersion: 2 }), blobs: new Map() }),
    verification: 'invalid',
    reason: /no layers/,
  },
  {
    name: 'layer with an invalid digest',
    art: () => ({
      kind: 'cosign',
      manifest: json({ layers: [{ mediaType: MT.cosignSimpleSigning, digest: 'sha256:zz' }] }),
      blobs: new Map(),
    }),
    verification: 'invalid',
    reason: /no valid media type or digest/,
  },
  {
    name: 'blob that does not hash to its digest',
    art: () => {
      const a = cosignSignatureManifest(key, 'r', subject.digest);
      return {
        kind: 'cosign',
        manifest: a.bytes,
        blobs: new Map([...a.blobs].map(([d]) => [d, Buffer.from('swapped')])),
      };
    },
    verification: 'invalid',
    reason: /does not hash to it/,
  },
  {
    name: 'cosign payload not read',
    art: () => ({
      kind: 'cosign',
      manifest: cosignSignatureManifest(key, 'r', subject.digest).bytes,
      blobs: new Map(),
    }),
    verification: 'unverified',
    reason: /payload was not read/,
  },
  {
    name: 'cosign payload not JSON',
    art: () =>
      oneLayer('cosign', MT.cosignSimpleSigning, Buffer.from('{"critical":'), {
        'dev.cosignproject.cosign/signature': 'AAAA',
      }),
    verification: 'invalid',
    reason: /not valid JSON/,
  },
  {
    name: 'cosign payload without a digest',
    art: () => oneLayer('cosign', MT.cosignSimpleSigning, json({ critical: { image: {} } })),
    verification: 'invalid',
    reason: /names no docker-manifest-digest/,
  },
  {
    name: 'cosign signature not base64',
    art: () =>
      oneLayer(
        'cosign',
        MT.cosignSimpleSigning,
        json({ critical: { image: { 'docker-manifest-digest': subject.digest } } }),
        { 'dev.cosignproject.cosign/signature': '<script>' },
      ),
    verification: 'invalid',
    reason: /not base64/,
  },
  {
    name: 'cosign certificate annotation not a certificate',
    art: () =>
      oneLayer(
        'cosign',
        MT.cosignSimpleSigning,
        json({ critical: { image: { 'docker-manifest-digest': subject.digest } } }),
        {
          'dev.cosignproject.cosign/signature': 'AAAA',
          'dev.sigstore.cosign/certificate': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        },
      ),
    verification: 'invalid',
    reason: /not a PEM certificate/,
  },
  {
    name: 'cosign Rekor bundle annotation truncated',
    art: () =>
      oneLayer(
        'cosign',
        MT.cosignSimpleSigning,
        json({ critical: { image: { 'docker-manifest-digest': subject.digest } } }),
        { 'dev.cosignproject.cosign/signature': 'AAAA', 'dev.sigstore.cosign/bundle': '{"SignedEntryTimestamp":"AA' },
      ),
    verification: 'invalid',
    reason: /not valid JSON/,
  },
  {
    name: '.sig manifest with only other layers',
    art: () => oneLayer('cosign', 'application/octet-stream', Buffer.from('x')),
    verification: 'invalid',
    reason: /no simple-signing layer/,
  },
  {
    name: 'bundle truncated',
    art: () => oneLayer('sigstore-bundle', MT.sigstoreBundle, truncate(goodBundle)),
    verification: 'invalid',
    reason: /not valid JSON/,
  },
  {
    name: 'bundle with a wrong media type',
    art: () =>
      oneLayer(
        'sigstore-bundle',
        MT.sigstoreBundle,
        bundleWith((b) => {
          b.mediaType = 'application/json';
        }),
      ),
    verification: 'invalid',
    reason: /invalid Sigstore bundle \(mediaType/,
  },
  {
    name: 'bundle without verification material',
    art: () =>
      oneLayer(
        'sigstore-bundle',
        MT.sigstoreBundle,
        bundleWith((b) => {
          delete b.verificationMaterial;
        }),
      ),
    verification: 'invalid',
    reason: /malformed/,
  },
  {
    name: 'bundle with a huge field',
    art: () =>
      oneLayer(
        'sigstore-bundle',
        MT.sigstoreBundle,
        bundleWith((b) => {
          b.junk = 'x'.repeat(5 << 20);
        }),
      ),
    verification: 'invalid',
    reason: /over the 4194304-byte limit/,
  },
  {
    name: 'bundle whose DSSE payload is not in-toto',
    art: () =>
      oneLayer(
        'sigstore-bundle',
        MT.sigstoreBundle,
        bundleWith((b) => {
          (b.dsseEnvelope as { payloadType: string }).payloadType = 'text/plain';
        }),
      ),
    verification: 'invalid',
    reason: /not an in-toto statement/,
  },
  {
    name: 'referrer without a bundle layer',
    art: () => oneLayer('sigstore-bundle', 'application/octet-stream', Buffer.from('x')),
    verification: 'invalid',
    reason: /no Sigstore bundle layer/,
  },
  {
    name: 'bundle not read',
    art: () => ({ kind: 'sigstore-bundle', manifest: bundleReferrer(goodBundle, subject).bytes, blobs: new Map() }),
    verification: 'unverified',
    reason: /bundle was not read/,
  },
  {
    name: 'JWS truncated',
    art: () => oneLayer('notation', MT.jose, truncate(goodJws)),
    verification: 'invalid',
    reason: /not valid JSON/,
  },
  {
    name: 'JWS protected header garbage',
    art: () => oneLayer('notation', MT.jose, json({ ...(JSON.parse(goodJws.toString()) as object), protected: 'e30' })),
    verification: 'invalid',
    reason: /no alg/,
  },
  {
    name: 'JWS with 50 certificates',
    art: () =>
      oneLayer(
        'notation',
        MT.jose,
        json({
          ...(JSON.parse(goodJws.toString()) as object),
          header: { x5c: Array.from({ length: 50 }, () => 'AAAA') },
        }),
      ),
    verification: 'invalid',
    reason: /50 certificates/,
  },
  {
    name: 'JWS certificate garbage',
    art: () =>
      oneLayer('notation', MT.jose, json({ ...(JSON.parse(goodJws.toString()) as object), header: { x5c: ['AAAA'] } })),
    verification: 'invalid',
    reason: /malformed/,
  },
  {
    name: 'COSE garbage',
    art: () => oneLayer('notation', MT.cose, Buffer.from([0xd2, 0x84, 0x40])),
    verification: 'invalid',
    reason: /truncated CBOR/,
  },
  {
    name: 'COSE indefinite length',
    art: () => oneLayer('notation', MT.cose, Buffer.from([0x9f, 0xff])),
    verification: 'invalid',
    reason: /indefinite-length/,
  },
  {
    name: 'COSE claiming a 4 GiB byte string',
    art: () => oneLayer('notation', MT.cose, Buffer.from([0x5a, 0xff, 0xff, 0xff, 0xff])),
    verification: 'invalid',
    reason: /truncated CBOR/,
  },
  {
    name: 'notation layer of another media type',
    art: () => ({
      kind: 'notation',
      manifest: referrer({
        artifactType: MT.notarySignature,
        subject,
        layers: [{ mediaType: 'application/pgp-signature', bytes: Buffer.from('x') }],
      }).bytes,
      blobs: new Map(),
    }),
    verification: 'unverified',
    reason: /neither JWS nor COSE/,
  },
  {
    name: 'notation envelope not read',
    art: () => ({ kind: 'notation', manifest: notationReferrer(subject, goodJws).bytes, blobs: new Map() }),
    verification: 'unverified',
    reason: /envelope was not read/,
  },
];

describe('malformed signature artifacts', () => {
  for (const c of cases) {
    test(c.name, () => {
      const v = verifySignature(c.art(), subject.digest, trust(policy));
      assert.equal(v.verification, c.verification, v.reason ?? '');
      assert.equal(v.signer, null);
      assert.match(v.reason ?? '', c.reason);
    });
  }
});

test('any bytes in any layer of any kind: a verdict with a reason, never verified, never a throw', () => {
  const kinds: Array<[SignatureKind, string]> = [
    ['cosign', MT.cosignSimpleSigning],
    ['sigstore-bundle', MT.sigstoreBundle],
    ['notation', MT.jose],
    ['notation', MT.cose],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...kinds), fc.uint8Array({ maxLength: 300 }), ([kind, mediaType], bytes) => {
      const v = verifySignature(oneLayer(kind, mediaType, Buffer.from(bytes)), subject.digest, trust(policy));
      return v.verification !== 'verified' && typeof v.reason === 'string' && v.reason.length > 0;
    }),
    { numRuns: 300 },
  );
});

test('CBOR nested past the depth limit is refused', () => {
  assert.throws(() => decode(Buffer.alloc(40, 0x81)), /nested too deeply/);
});
