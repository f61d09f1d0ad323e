// Notation signatures (notaryproject.dev, signing scheme notary.x509) in JWS (`application/jose+json`)
// or COSE_Sign1 (`application/cose`) envelopes: the signature over the payload with the leaf
// certificate, the payload's `targetArtifact.digest` equal to the image digest, the X.509 chain to a
// CA certificate a trust policy names, the signing time within every certificate's validity, and —
// since notary.x509 signing times are the signer's own claim and no timestamp countersignature is
// checked here — the certificates valid now as well (Notation's rule without a trusted timestamp).
import { constants, verify, X509Certificate } from 'node:crypto';
import { isRecord, Malformed, MAX_LAYER_BYTES, parseJson, type ArtifactManifest } from './artifact.js';
import { decode, encode, type CborValue } from './cbor.js';
import { parseKeys, type ParsedAnchor } from './keys.js';
import type { VerifyTrust, Verdict } from './types.js';
import { invalid, unverified } from './verdict.js';

const JOSE = 'application/jose+json';
const COSE = 'application/cose';
const PAYLOAD_TYPE = 'application/vnd.cncf.notary.payload.v1+json';
const MAX_CHAIN = 10;

interface Envelope {
  alg: string;
  scheme: unknown;
  contentType: unknown;
  signingTime: Date;
  expiry: Date | null;
  payload: Buffer;
  signedBytes: Buffer;
  signature: Buffer;
  certs: Buffer[];
}

const COSE_ALGS: Record<number, string> = {
  [-37]: 'PS256',
  [-38]: 'PS384',
  [-39]: 'PS512',
  [-7]: 'ES256',
  [-35]: 'ES384',
  [-36]: 'ES512',
};

function date(v: unknown, what: string): Date {
  const t = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v * 1000 : NaN;
  if (!Number.isFinite(t)) throw new Malformed(`${what} is not a time`);
  return new Date(t);
}

function b64url(v: unknown, what: string): Buffer {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]*$/.test(v)) throw new Malformed(`${what} is not base64url`);
  return Buffer.from(v, 'base64url');
}

function certList(v: unknown): Buffer[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  if (!list.length || list.length > MAX_CHAIN)
    throw new Malformed(`the envelope carries ${list.length} certificates (1 to ${MAX_CHAIN} expected)`);
  return list.map((c) => {
    if (c instanceof Uint8Array) return Buffer.from(c);
    if (typeof c === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(c)) return Buffer.from(c, 'base64');
    throw new Malformed('a certificate in the envelope is not DER');
  });
}

function parseJws(bytes: Buffer): Envelope {
  const env = parseJson(bytes, MAX_LAYER_BYTES, 'the JWS envelope');
  if (!isRecord(env) || typeof env.protected !== 'string' || typeof env.payload !== 'string')
    throw new Malformed('not a JWS envelope');
  const header = parseJson(b64url(env.protected, 'the protected header'), 64 * 1024, 'the protected header');
  if (!isRecord(header) || typeof header.alg !== 'string') throw new Malformed('the protected header has no alg');
  return {
    alg: header.alg,
    scheme: header['io.cncf.notary.signingScheme'],
    contentType: header.cty,
    signingTime: date(header['io.cncf.notary.signingTime'], 'the signing time'),
    expiry: header['io.cncf.notary.expiry'] === undefined ? null : date(header['io.cncf.notary.expiry'], 'the expiry'),
    payload: b64url(env.payload, 'the payload'),
    signedBytes: Buffer.from(`${env.protected}.${env.payload}`),
    signature: b64url(env.signature, 'the signature'),
    certs: certList(isRecord(env.header) ? env.header.x5c : undefined),
  };
}

function parseCose(bytes: Buffer): Envelope {
  let v: CborValue = decode(bytes);
  if (isRecord(v) && 'tag' in v && v.tag === 18) v = (v as { value: CborValue }).value;
  if (
    !Array.isArray(v) ||
    v.length !== 4 ||
    !(v[0] instanceof Uint8Array) ||
    !(v[1] instanceof Map) ||
    !(v[2] instanceof Uint8Array) ||
    !(v[3] instanceof Uint8Array)
  ) {
    throw new Malformed('not a COSE_Sign1 envelope');
  }
  const [protectedBytes, unprotected, payload, signature] = v as [
    Uint8Array,
    Map<CborValue, CborValue>,
    Uint8Array,
    Uint8Array,
  ];
  const prot = decode(protectedBytes);
  if (!(prot instanceof Map)) throw new Malformed('the COSE protected header is not a map');
  const time = (k: string): CborValue => {
    const t = prot.get(k);
    return isRecord(t) && 'tag' in t ? (t as { value: CborValue }).value : t;
  };
  const alg = COSE_ALGS[prot.get(1) as number];
  if (!alg) throw new Malformed('the COSE algorithm is not one Notation uses');
  return {
    alg,
    scheme: prot.get('io.cncf.notary.signingScheme'),
    contentType: prot.get(3),
    signingTime: date(time('io.cncf.notary.signingTime'), 'the signing time'),
    expiry: prot.has('io.cncf.notary.expiry') ? date(time('io.cncf.notary.expiry'), 'the expiry') : null,
    payload: Buffer.from(payload),
    signedBytes: encode(['Signature1', protectedBytes, new Uint8Array(0), payload]),
    signature: Buffer.from(signature),
    certs: certList(unprotected.get(33)),
  };
}

function signatureHolds(e: Envelope, leaf: X509Certificate): boolean {
  const m = /^(PS|ES)(256|384|512)$/.exec(e.alg);
  if (!m) return false;
  const hash = `sha${m[2]}`;
  const key =
    m[1] === 'PS'
      ? { key: leaf.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { key: leaf.publicKey, dsaEncoding: 'ieee-p1363' as const };
  try {
    return verify(hash, e.signedBytes, key, e.signature);
  } catch {
    return false;
  }
}

const issues = (parent: X509Certificate, child: X509Certificate): boolean =>
  child.checkIssued(parent) && child.verify(parent.publicKey);

type Chain =
  { status: 'anchored'; anchor: ParsedAnchor; path: X509Certificate[] } | { status: 'broken' } | { status: 'unknown' };

/** Leaf → intermediates from the envelope → a trust anchor. */
function buildChain(certs: X509Certificate[], anchors: ParsedAnchor[]): Chain {
  const path = [certs[0]!];
  let broken = false;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const cur = path[path.length - 1]!;
    const anchor = anchors.find((a) => a.cert.raw.equals(cur.raw) || issues(a.cert, cur));
    if (anchor) return { status: 'anchored', anchor, path };
    if (anchors.some((a) => a.cert.subject === cur.issuer)) broken = true;
    const next = certs.find((c) => !path.includes(c) && c.ca && issues(c, cur));
    if (!next) break;
    path.push(next);
  }
  return broken ? { status: 'broken' } : { status: 'unknown' };
}

const validAt = (c: X509Certificate, t: Date): boolean => new Date(c.validFrom) <= t && t <= new Date(c.validTo);

export function verifyNotation(artifact: ArtifactManifest, subject: string, trust: VerifyTrust): Verdict {
  const layer = artifact.layers.find((l) => l.mediaType === JOSE || l.mediaType === COSE);
  if (!layer) return unverified('its envelope is neither JWS nor COSE');
  if (!layer.bytes) return unverified('its envelope was not read');
  let e: Envelope;
  let certs: X509Certificate[];
  try {
    e = layer.mediaType === JOSE ? parseJws(layer.bytes) : parseCose(layer.bytes);
    certs = e.certs.map((c) => new X509Certificate(c));
  } catch (err) {
    return invalid(`malformed: ${(err as Error).message.slice(0, 200)}`);
  }
  const evidence = { method: 'notation' as const, subject: certs[0]!.subject.replace(/\n/g, ', ').slice(0, 200) };
  if (e.scheme !== 'notary.x509') return unverified('its signing scheme is not notary.x509', evidence);
  if (e.contentType !== PAYLOAD_TYPE) return invalid('its payload is not a Notation payload', evidence);
  let target: unknown;
  try {
    const p = parseJson(e.payload, 64 * 1024, 'the payload');
    target = isRecord(p) && isRecord(p.targetArtifact) ? p.targetArtifact.digest : undefined;
  } catch (err) {
    return invalid(`malformed: ${(err as Error).message}`, evidence);
  }
  if (target !== subject) return invalid('it signs another digest, not this image', evidence);
  if (!signatureHolds(e, certs[0]!)) return invalid('the signature does not verify with its own certificate', evidence);
  if (e.expiry && trust.now > e.expiry)
    return invalid(`the signature expired on ${e.expiry.toISOString().slice(0, 10)}`, evidence);
  const anchors = trust.policy ? parseKeys(trust.policy.keys).anchors : [];
  if (!anchors.length) {
    return unverified(
      trust.policy
        ? 'the trust policy for this image names no CA certificate to anchor Notation signatures'
        : 'no trust policy names a CA certificate (Notation trust store) for this image',
      evidence,
    );
  }
  const chain = buildChain(certs, anchors);
  if (chain.status === 'broken')
    return invalid('its certificate chain does not verify up to the trusted CA it names (broken chain)', evidence);
  if (chain.status === 'unknown')
    return unverified('its certificate chain ends at none of the trust policy’s CA certificates', evidence);
  const path = [...chain.path, chain.anchor.cert];
  if (!path.every((c) => validAt(c, e.signingTime)))
    return invalid('a certificate of its chain was not valid at the signing time', evidence);
  const expired = path.find((c) => !validAt(c, trust.now));
  if (expired)
    return invalid(
      `its certificate chain is not valid now (${expired.validTo}), and no trusted timestamp proves it signed in time`,
      evidence,
    );
  return { verification: 'verified', signer: { key: chain.anchor.name }, reason: null, evidence, provenance: null };
}
