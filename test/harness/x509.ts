// X.509 certificates for the sandbox's test PKI, written as DER by hand (node:crypto signs but has no
// certificate builder; openssl cannot embed an SCT over the precertificate). Only what a Fulcio-like
// CA, a Notation CA and their leaves need: names, validity, SPKI and a handful of extensions.
import { createHash, sign, type KeyObject } from 'node:crypto';

// ---- DER ------------------------------------------------------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

export const der = {
  seq: (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items)),
  int(value: bigint | number | Buffer): Buffer {
    const hex = Buffer.isBuffer(value) ? '' : BigInt(value).toString(16);
    let b = Buffer.isBuffer(value) ? value : Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    while (b.length > 1 && b[0] === 0 && (b[1] ?? 0) < 0x80) b = b.subarray(1);
    if ((b[0] ?? 0) >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
  },
  bool: (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0])),
  oid(dotted: string): Buffer {
    const parts = dotted.split('.').map(Number);
    const out = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
    for (const p of parts.slice(2)) {
      const bytes = [p & 0x7f];
      for (let v = p >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
      out.push(...bytes);
    }
    return tlv(0x06, Buffer.from(out));
  },
  utf8: (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8')),
  octet: (b: Buffer): Buffer => tlv(0x04, b),
  bits: (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unused]), b])),
  time(d: Date): Buffer {
    const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
    return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
  },
  /** context-specific [n]: constructed (explicit) or primitive (implicit) */
  ctx: (n: number, content: Buffer, constructed = true): Buffer => tlv((constructed ? 0xa0 : 0x80) | n, content),
};

// ---- certificates ----------------------------------------------------------------------------------

export const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  rsaPssSha256: '1.2.840.113549.1.1.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  fulcioIssuerV1: '1.3.6.1.4.1.57264.1.1',
  fulcioIssuerV2: '1.3.6.1.4.1.57264.1.8',
  sct: '1.3.6.1.4.1.11129.2.4.2',
} as const;

export function name(commonName: string, organization = 'image-trust sandbox'): Buffer {
  return der.seq(
    der.set(der.seq(der.oid(OID.organization), der.utf8(organization))),
    der.set(der.seq(der.oid(OID.commonName), der.utf8(commonName))),
  );
}

export const extension = (oid: string, value: Buffer, critical = false): Buffer =>
  der.seq(der.oid(oid), ...(critical ? [der.bool(true)] : []), der.octet(value));

export const ext = {
  ca: (pathLen?: number): Buffer =>
    extension(
      OID.basicConstraints,
      der.seq(der.bool(true), ...(pathLen === undefined ? [] : [der.int(pathLen)])),
      true,
    ),
  /** keyCertSign + cRLSign (bits 5, 6) */
  caKeyUsage: (): Buffer => extension(OID.keyUsage, der.bits(Buffer.from([0x06]), 1), true),
  /** digitalSignature (bit 0) */
  signingKeyUsage: (): Buffer => extension(OID.keyUsage, der.bits(Buffer.from([0x80]), 7), true),
  codeSigning: (): Buffer => extension(OID.extKeyUsage, der.seq(der.oid(OID.codeSigning))),
  subjectKeyId: (spki: Buffer): Buffer => extension(OID.subjectKeyId, der.octet(keyId(spki))),
  authorityKeyId: (issuerSpki: Buffer): Buffer =>
    extension(OID.authorityKeyId, der.seq(der.ctx(0, keyId(issuerSpki), false))),
  sanUri: (uri: string): Buffer => extension(OID.subjectAltName, der.seq(der.ctx(6, Buffer.from(uri), false)), true),
  sanEmail: (email: string): Buffer =>
    extension(OID.subjectAltName, der.seq(der.ctx(1, Buffer.from(email), false)), true),
  fulcioIssuer: (issuer: string): Buffer[] => [
    extension(OID.fulcioIssuerV1, Buffer.from(issuer)),
    extension(OID.fulcioIssuerV2, der.utf8(issuer)),
  ],
};

/** RFC 5280 key identifier: SHA-1 of the subjectPublicKey bits (method 1), here over the whole SPKI. */
const keyId = (spki: Buffer): Buffer => createHash('sha1').update(spki).digest();

export interface CertSpec {
  serial: bigint;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** the subject's public key, SPKI DER */
  spki: Buffer;
  extensions: Buffer[];
}

function algorithm(key: KeyObject): { oid: string; hash: string; params: Buffer[] } {
  if (key.asymmetricKeyType === 'ec') {
    const p384 = key.asymmetricKeyDetails?.namedCurve === 'secp384r1';
    return { oid: p384 ? OID.ecdsaSha384 : OID.ecdsaSha256, hash: p384 ? 'sha384' : 'sha256', params: [] };
  }
  return { oid: OID.sha256WithRsa, hash: 'sha256', params: [tlv(0x05, Buffer.alloc(0))] };
}

/** TBSCertificate DER (signed with the issuer's key's algorithm). */
export function tbs(spec: CertSpec, issuerKey: KeyObject): Buffer {
  const alg = algorithm(issuerKey);
  return der.seq(
    der.ctx(0, der.int(2)),
    der.int(spec.serial),
    der.seq(der.oid(alg.oid), ...alg.params),
    spec.issuer,
    der.seq(der.time(spec.notBefore), der.time(spec.notAfter)),
    spec.subject,
    spec.spki,
    ...(spec.extensions.length ? [der.ctx(3, der.seq(...spec.extensions))] : []),
  );
}

export function signCertificate(tbsDer: Buffer, issuerKey: KeyObject): Buffer {
  const alg = algorithm(issuerKey);
  return der.seq(tbsDer, der.seq(der.oid(alg.oid), ...alg.params), der.bits(sign(alg.hash, tbsDer, issuerKey)));
}

export const certificate = (spec: CertSpec, issuerKey: KeyObject): Buffer =>
  signCertificate(tbs(spec, issuerKey), issuerKey);

export const toPem = (cert: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${cert
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
