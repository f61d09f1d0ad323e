// Signature artifacts in the layouts real tools write, signed for real with node:crypto and the
// sandbox's test PKI (pki.ts): cosign tag-scheme `.sig` manifests (key-based and keyless with a Fulcio
// certificate, an SCT and a Rekor SET), Sigstore bundles v0.3 as OCI 1.1 referrers (DSSE in-toto
// statements, as cosign v3 writes them), and Notation signatures (JWS and COSE envelopes).
import { createHash, sign, constants, type KeyObject } from 'node:crypto';
import { json, MT, sha256, desc, referrer, type Built } from './oci.js';
import {
  dsseRekorBody,
  fulcioLeaf,
  hashedRekordBody,
  legacyRekorBundle,
  rekorEntry,
  testKey,
  type Leaf,
  type TestCa,
  type TestKey,
  type TestPki,
} from './pki.js';
import { toPem } from './x509.js';

export type SigningKey = TestKey & { privateKeyPem: string };

export function generateSigningKey(kind: Parameters<typeof testKey>[0] = 'p256'): SigningKey {
  const key = testKey(kind);
  return { ...key, privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const COSIGN_CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
export const COSIGN_CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
export const COSIGN_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/** cosign "simple signing" payload: what the signature covers. */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return json({
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': digest },
      type: 'cosign container image signature',
    },
    optional: null,
  });
}

/** How cosign signs with each key type: ECDSA/RSA over SHA-256 (DER ECDSA), Ed25519 pure. */
export function keySign(key: KeyObject, data: Buffer, opts: { hash?: string; pss?: boolean } = {}): Buffer {
  if (key.asymmetricKeyType === 'ed25519') return sign(null, data, key);
  if (opts.pss)
    return sign(opts.hash ?? 'sha256', data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  return sign(opts.hash ?? 'sha256', data, key);
}

function sigManifest(layers: Array<{ payload: Buffer; annotations: Record<string, string> }>): Built {
  const descs = layers.map((l) => desc(MT.cosignSimpleSigning, l.payload, { annotations: l.annotations }));
  const config = json({
    architecture: '',
    created: '0001-01-01T00:00:00Z',
    history: [{ created: '0001-01-01T00:00:00Z' }],
    os: '',
    rootfs: { type: 'layers', diff_ids: descs.map((d) => d.digest) },
    config: {},
  });
  const bytes = json({
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    config: desc(MT.ociConfig, config),
    layers: descs,
  });
  const blobs = new Map<string, Buffer>([
    [sha256(config), config],
    ...layers.map((l) => [sha256(l.payload), l.payload] as [string, Buffer]),
  ]);
  return { bytes, mediaType: MT.ociManifest, digest: sha256(bytes), blobs };
}

/** The `sha256-<hex>.sig` manifest cosign writes for `digest`, signed with a key. `signedDigest`
 * lets a test sign another digest than the tag names (a payload for the wrong image). */
export function cosignSignatureManifest(
  key: { privateKey: KeyObject },
  dockerReference: string,
  digest: string,
  opts: { signedDigest?: string; hash?: string; pss?: boolean } = {},
): Built {
  const payload = simpleSigningPayload(dockerReference, opts.signedDigest ?? digest);
  const signature = keySign(key.privateKey, payload, opts).toString('base64');
  return sigManifest([{ payload, annotations: { [COSIGN_SIGNATURE_ANNOTATION]: signature } }]);
}

/** A keyless `.sig` manifest: Fulcio certificate + chain, and a Rekor bundle (SET) over a hashedrekord. */
export function keylessCosignManifest(
  pki: TestPki,
  dockerReference: string,
  digest: string,
  opts: { identity?: string; signedAt: Date; leaf?: Leaf },
): Built {
  const payload = simpleSigningPayload(dockerReference, digest);
  const leaf =
    opts.leaf ?? fulcioLeaf(pki, { identity: opts.identity, notBefore: new Date(opts.signedAt.getTime() - 60_000) });
  const signature = sign('sha256', payload, leaf.key.privateKey);
  const entry = rekorEntry(
    pki,
    hashedRekordBody(signature, createHash('sha256').update(payload).digest('hex'), leaf.pem),
    opts.signedAt,
  );
  return sigManifest([
    {
      payload,
      annotations: {
        [COSIGN_SIGNATURE_ANNOTATION]: signature.toString('base64'),
        [COSIGN_CERTIFICATE_ANNOTATION]: leaf.pem,
        [COSIGN_CHAIN_ANNOTATION]: pki.fulcioIntermediate.pem + pki.fulcioRoot.pem,
        [COSIGN_BUNDLE_ANNOTATION]: legacyRekorBundle(entry),
      },
    },
  ]);
}

// ---- Sigstore bundles -----------------------------------------------------------------------------

export interface BundleOptions {
  signedAt: Date;
  identity?: string;
  /** when the 10-minute certificate starts (default: a minute before signing); earlier: expired */
  leafNotBefore?: Date;
  ca?: TestCa;
  predicateType?: string;
  predicate?: unknown;
  /** sign this digest instead of the subject's */
  statementDigest?: string;
}

const pae = (type: string, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);

/** A Sigstore bundle v0.3 over an in-toto statement about `subjectDigest`, keyless (Fulcio + Rekor). */
export function sigstoreBundle(pki: TestPki, subjectDigest: string, opts: BundleOptions): Buffer {
  const statement = json({
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'image', digest: { sha256: (opts.statementDigest ?? subjectDigest).replace(/^sha256:/, '') } }],
    predicateType: opts.predicateType ?? COSIGN_SIGN_PREDICATE,
    predicate: opts.predicate ?? {},
  });
  const leaf = fulcioLeaf(pki, {
    identity: opts.identity,
    notBefore: opts.leafNotBefore ?? new Date(opts.signedAt.getTime() - 60_000),
    ca: opts.ca,
  });
  const payloadType = 'application/vnd.in-toto+json';
  const sig = sign('sha256', pae(payloadType, statement), leaf.key.privateKey);
  const envelope = {
    payload: statement.toString('base64'),
    payloadType,
    signatures: [{ sig: sig.toString('base64'), keyid: '' }],
  };
  const entry = rekorEntry(pki, dsseRekorBody(json(envelope), statement, sig, leaf.pem), opts.signedAt);
  return json({
    mediaType: MT.sigstoreBundle,
    verificationMaterial: { certificate: { rawBytes: leaf.cert.toString('base64') }, tlogEntries: [entry] },
    dsseEnvelope: envelope,
  });
}

/** A bundle as cosign v3 attaches it: an OCI 1.1 referrer of `subject`. */
export function bundleReferrer(bundle: Buffer, subject: Built, predicateType = COSIGN_SIGN_PREDICATE): Built {
  return referrer({
    artifactType: MT.sigstoreBundle,
    subject,
    layers: [{ mediaType: MT.sigstoreBundle, bytes: bundle }],
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': predicateType,
      'org.opencontainers.image.created': '2024-01-01T00:00:00Z',
    },
  });
}

// ---- Notation -------------------------------------------------------------------------------------

export interface NotationOptions {
  leaf: Leaf;
  chain: TestCa[];
  signingTime: Date;
  expiry?: Date;
  /** the digest the payload names (default: the subject's) */
  targetDigest?: string;
}

const b64u = (b: Buffer): string => b.toString('base64url');

function notationPayload(subject: Built, targetDigest?: string): Buffer {
  return json({
    targetArtifact: {
      mediaType: subject.mediaType,
      digest: targetDigest ?? subject.digest,
      size: subject.bytes.length,
    },
  });
}

function jwsAlg(key: KeyObject): { alg: string; sign: (data: Buffer) => Buffer } {
  if (key.asymmetricKeyType === 'rsa')
    return {
      alg: 'PS256',
      sign: (d) =>
        sign('sha256', d, {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }),
    };
  return { alg: 'ES256', sign: (d) => sign('sha256', d, { key, dsaEncoding: 'ieee-p1363' }) };
}

/** A Notation JWS envelope (notary.x509 signing scheme). */
export function notationJws(subject: Built, o: NotationOptions): Buffer {
  const { alg, sign: s } = jwsAlg(o.leaf.key.privateKey);
  const protectedHeader = b64u(
    json({
      alg,
      crit: ['io.cncf.notary.signingScheme', ...(o.expiry ? ['io.cncf.notary.expiry'] : [])],
      cty: 'application/vnd.cncf.notary.payload.v1+json',
      'io.cncf.notary.signingScheme': 'notary.x509',
      'io.cncf.notary.signingTime': o.signingTime.toISOString(),
      ...(o.expiry ? { 'io.cncf.notary.expiry': o.expiry.toISOString() } : {}),
    }),
  );
  const payload = b64u(notationPayload(subject, o.targetDigest));
  const signature = b64u(s(Buffer.from(`${protectedHeader}.${payload}`)));
  return json({
    payload,
    protected: protectedHeader,
    header: {
      x5c: [o.leaf.cert, ...o.chain.map((c) => c.cert)].map((c) => c.toString('base64')),
      'io.cncf.notary.signingAgent': 'image-trust sandbox',
    },
    signature,
  });
}

// A tiny CBOR writer for COSE_Sign1 (RFC 9052), independent of the product's reader.
function cbor(v: unknown): Buffer {
  const head = (major: number, n: number): Buffer =>
    n < 24
      ? Buffer.from([(major << 5) | n])
      : n < 0x100
        ? Buffer.from([(major << 5) | 24, n])
        : n < 0x10000
          ? Buffer.from([(major << 5) | 25, n >> 8, n & 0xff])
          : Buffer.from([(major << 5) | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (typeof v === 'string') return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
  if (v instanceof Map) return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
  if (typeof v === 'object' && v !== null && 'tag' in v && 'value' in v)
    return Buffer.concat([head(6, v.tag as number), cbor(v.value)]);
  throw new Error(`cbor: cannot encode ${typeof v}`);
}

/** A Notation COSE_Sign1 envelope (ES256 or PS256). */
export function notationCose(subject: Built, o: NotationOptions): Buffer {
  const rsa = o.leaf.key.privateKey.asymmetricKeyType === 'rsa';
  const prot = cbor(
    new Map<unknown, unknown>([
      [1, rsa ? -37 : -7],
      [2, ['io.cncf.notary.signingScheme', ...(o.expiry ? ['io.cncf.notary.expiry'] : [])]],
      [3, 'application/vnd.cncf.notary.payload.v1+json'],
      ['io.cncf.notary.signingScheme', 'notary.x509'],
      ['io.cncf.notary.signingTime', { tag: 1, value: Math.floor(o.signingTime.getTime() / 1000) }],
      ...(o.expiry
        ? [['io.cncf.notary.expiry', { tag: 1, value: Math.floor(o.expiry.getTime() / 1000) }] as [string, unknown]]
        : []),
    ]),
  );
  const payload = notationPayload(subject, o.targetDigest);
  const toBeSigned = cbor(['Signature1', prot, Buffer.alloc(0), payload]);
  const { sign: s } = jwsAlg(o.leaf.key.privateKey);
  const unprotected = new Map<unknown, unknown>([
    [33, [o.leaf.cert, ...o.chain.map((c) => c.cert)]],
    ['io.cncf.notary.signingAgent', 'image-trust sandbox'],
  ]);
  return cbor({ tag: 18, value: [prot, unprotected, payload, s(toBeSigned)] });
}

/** A Notation signature as an OCI 1.1 referrer of `subject`. */
export function notationReferrer(
  subject: Built,
  envelope: Buffer,
  format: 'jws' | 'cose' = 'jws',
  chain: Buffer[] = [],
): Built {
  const thumbprints = chain.map((c) => createHash('sha256').update(c).digest('hex'));
  return referrer({
    artifactType: MT.notarySignature,
    subject,
    layers: [{ mediaType: format === 'jws' ? MT.jose : MT.cose, bytes: envelope }],
    annotations: { 'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify(thumbprints) },
  });
}

export { toPem };
