// The sandbox's own signing infrastructure, generated at start with node:crypto (no network): a
// Fulcio-like CA (root + intermediate), a CT log key that issues SCTs, a Rekor-like transparency log
// key that signs SETs and checkpoints, a rogue CA that copies the intermediate's name (broken chains),
// and a Notation CA. `trustedRoot` is the Sigstore trusted-root JSON naming the Fulcio CA, the CT log
// and the Rekor log, as `cosign trusted-root create` would write it.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { certificate, der, ext, name, tbs, signCertificate, toPem, OID, extension } from './x509.js';

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  spki: Buffer;
  publicKeyPem: string;
}
export interface TestCa extends TestKey {
  cert: Buffer;
  pem: string;
  name: Buffer;
}
export interface TestLog extends TestKey {
  logId: Buffer;
  baseUrl: string;
}

export const TEST_ISSUER = 'https://token.actions.githubusercontent.com';
export const TEST_IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0';
export const OTHER_IDENTITY = 'https://github.com/mallory/app/.github/workflows/release.yml@refs/heads/main';

export interface TestPki {
  fulcioRoot: TestCa;
  fulcioIntermediate: TestCa;
  /** same subject name as the intermediate, another key: what it issues does not chain */
  rogueIntermediate: TestCa;
  ctLog: TestLog;
  rekor: TestLog;
  notationRoot: TestCa;
  /** Sigstore trusted root (protobuf JSON) for the CA and logs above */
  trustedRoot: Record<string, unknown>;
  /** when the CAs and logs start (keys are valid from then on) */
  since: Date;
}

export function testKey(kind: 'p256' | 'p384' | 'ed25519' | 'rsa' = 'p256'): TestKey {
  const pair =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: kind === 'p384' ? 'secp384r1' : 'prime256v1' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  return { ...pair, spki, publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

let serial = 1000n;
const nextSerial = (): bigint => ++serial;

/** A CA certificate: self-signed without `issuer`. */
export function ca(
  commonName: string,
  key: TestKey,
  issuer: { key: KeyObject; spki: Buffer; name: Buffer } | null,
  since: Date,
  pathLen?: number,
): TestCa {
  const subject = name(commonName);
  const cert = certificate(
    {
      serial: nextSerial(),
      issuer: issuer?.name ?? subject,
      subject,
      notBefore: since,
      notAfter: new Date(since.getTime() + 20 * 365 * 86_400_000),
      spki: key.spki,
      extensions: [
        ext.ca(pathLen),
        ext.caKeyUsage(),
        ext.subjectKeyId(key.spki),
        ...(issuer ? [ext.authorityKeyId(issuer.spki)] : []),
      ],
    },
    issuer?.key ?? key.privateKey,
  );
  return { ...key, cert, pem: toPem(cert), name: subject };
}

function log(baseUrl: string): TestLog {
  const key = testKey('p256');
  return { ...key, logId: createHash('sha256').update(key.spki).digest(), baseUrl };
}

export function makeTestPki(now = Date.now()): TestPki {
  const since = new Date(now - 400 * 86_400_000);
  const rootKey = testKey('p384');
  const fulcioRoot = ca('sandbox-fulcio-root', rootKey, null, since, 1);
  const parent = { key: fulcioRoot.privateKey, spki: fulcioRoot.spki, name: fulcioRoot.name };
  const fulcioIntermediate = ca('sandbox-fulcio-intermediate', testKey('p384'), parent, since, 0);
  const rogueIntermediate = ca('sandbox-fulcio-intermediate', testKey('p384'), null, since, 0);
  const notationRoot = ca('sandbox-notation-root', testKey('p256'), null, since);
  const ctLog = log('https://ctfe.sandbox.image-trust.test');
  const rekor = log('https://rekor.sandbox.image-trust.test');
  const logJson = (l: TestLog): Record<string, unknown> => ({
    baseUrl: l.baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: l.spki.toString('base64'),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start: since.toISOString() },
    },
    logId: { keyId: l.logId.toString('base64') },
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logJson(rekor)],
    certificateAuthorities: [
      {
        subject: { organization: 'image-trust sandbox', commonName: 'sandbox-fulcio' },
        uri: 'https://fulcio.sandbox.image-trust.test',
        certChain: {
          certificates: [
            { rawBytes: fulcioIntermediate.cert.toString('base64') },
            { rawBytes: fulcioRoot.cert.toString('base64') },
          ],
        },
        validFor: { start: since.toISOString() },
      },
    ],
    ctlogs: [logJson(ctLog)],
    timestampAuthorities: [],
  };
  return { fulcioRoot, fulcioIntermediate, rogueIntermediate, ctLog, rekor, notationRoot, trustedRoot, since };
}

// ---- Fulcio-like leaf certificates ----------------------------------------------------------------

export interface Leaf {
  key: TestKey;
  cert: Buffer;
  pem: string;
}

/** A short-lived code-signing certificate for `identity`, with an SCT from the test CT log. */
export function fulcioLeaf(
  pki: TestPki,
  opts: { identity?: string; issuer?: string; notBefore: Date; minutes?: number; ca?: TestCa },
): Leaf {
  const key = testKey('p256');
  const issuingCa = opts.ca ?? pki.fulcioIntermediate;
  const identity = opts.identity ?? TEST_IDENTITY;
  const spec = {
    serial: nextSerial(),
    issuer: issuingCa.name,
    subject: der.seq(),
    notBefore: opts.notBefore,
    notAfter: new Date(opts.notBefore.getTime() + (opts.minutes ?? 10) * 60_000),
    spki: key.spki,
    extensions: [
      ext.signingKeyUsage(),
      ext.codeSigning(),
      ext.subjectKeyId(key.spki),
      ext.authorityKeyId(issuingCa.spki),
      identity.includes('@') && !identity.includes('://') ? ext.sanEmail(identity) : ext.sanUri(identity),
      ...ext.fulcioIssuer(opts.issuer ?? TEST_ISSUER),
    ],
  };
  // RFC 6962 §3.2: the SCT signs the TBS without the SCT extension, bound to the issuer's key
  const pre = tbs(spec, issuingCa.privateKey);
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(opts.notBefore.getTime()));
  const issuerKeyHash = createHash('sha256').update(issuingCa.spki).digest();
  const len24 = Buffer.from([pre.length >> 16, (pre.length >> 8) & 0xff, pre.length & 0xff]);
  const signed = Buffer.concat([
    Buffer.from([0, 0]),
    timestamp,
    Buffer.from([0, 1]),
    issuerKeyHash,
    len24,
    pre,
    Buffer.from([0, 0]),
  ]);
  const sig = sign('sha256', signed, pki.ctLog.privateKey);
  const sct = Buffer.concat([
    Buffer.from([0]),
    pki.ctLog.logId,
    timestamp,
    Buffer.from([0, 0, 4, 3]),
    u16(sig.length),
    sig,
  ]);
  const list = Buffer.concat([u16(sct.length + 2), u16(sct.length), sct]);
  spec.extensions.push(extension(OID.sct, der.octet(list)));
  const cert = signCertificate(tbs(spec, issuingCa.privateKey), issuingCa.privateKey);
  return { key, cert, pem: toPem(cert) };
}

/** A Notation signing certificate issued by the Notation test CA. */
export function notationLeaf(
  pki: TestPki,
  opts: { notBefore: Date; days?: number; kind?: 'p256' | 'rsa'; ca?: TestCa },
): Leaf {
  const key = testKey(opts.kind ?? 'p256');
  const issuingCa = opts.ca ?? pki.notationRoot;
  const cert = certificate(
    {
      serial: nextSerial(),
      issuer: issuingCa.name,
      subject: name('acme release signing', 'ACME Corp'),
      notBefore: opts.notBefore,
      notAfter: new Date(opts.notBefore.getTime() + (opts.days ?? 365) * 86_400_000),
      spki: key.spki,
      extensions: [ext.signingKeyUsage(), ext.codeSigning(), ext.authorityKeyId(issuingCa.spki)],
    },
    issuingCa.privateKey,
  );
  return { key, cert, pem: toPem(cert) };
}

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);

// ---- the transparency log ---------------------------------------------------------------------------

let logIndex = 0;

/** A Rekor entry for `body` as a Sigstore bundle carries it: a SET (inclusion promise) and an
 * inclusion proof in a one-leaf tree with a signed checkpoint. */
export function rekorEntry(pki: TestPki, body: Record<string, unknown>, integratedTime: Date): Record<string, unknown> {
  const canonical = Buffer.from(JSON.stringify(body));
  const index = logIndex++;
  const time = Math.floor(integratedTime.getTime() / 1000);
  const setPayload = JSON.stringify({
    body: canonical.toString('base64'),
    integratedTime: time,
    logID: pki.rekor.logId.toString('hex'),
    logIndex: index,
  });
  const set = sign('sha256', Buffer.from(setPayload), pki.rekor.privateKey);
  const root = createHash('sha256')
    .update(Buffer.concat([Buffer.from([0]), canonical]))
    .digest();
  const origin = new URL(pki.rekor.baseUrl).host;
  const note = `${origin} - 1\n1\n${root.toString('base64')}\n`;
  const noteSig = Buffer.concat([
    pki.rekor.logId.subarray(0, 4),
    sign('sha256', Buffer.from(note), pki.rekor.privateKey),
  ]);
  return {
    logIndex: String(index),
    logId: { keyId: pki.rekor.logId.toString('base64') },
    kindVersion: { kind: body.kind, version: body.apiVersion },
    integratedTime: String(time),
    inclusionPromise: { signedEntryTimestamp: set.toString('base64') },
    inclusionProof: {
      logIndex: '0',
      rootHash: root.toString('base64'),
      treeSize: '1',
      hashes: [],
      checkpoint: { envelope: `${note}\n\u2014 ${origin} ${noteSig.toString('base64')}\n` },
    },
    canonicalizedBody: canonical.toString('base64'),
  };
}

/** cosign's legacy `dev.sigstore.cosign/bundle` annotation for the same entry (SET only). */
export function legacyRekorBundle(entry: Record<string, unknown>): string {
  const logId = Buffer.from((entry.logId as { keyId: string }).keyId, 'base64').toString('hex');
  return JSON.stringify({
    SignedEntryTimestamp: (entry.inclusionPromise as { signedEntryTimestamp: string }).signedEntryTimestamp,
    Payload: {
      body: entry.canonicalizedBody,
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logID: logId,
    },
  });
}

export function hashedRekordBody(
  signature: Buffer,
  payloadSha256Hex: string,
  publicKeyOrCertPem: string,
): Record<string, unknown> {
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: payloadSha256Hex } },
      signature: {
        content: signature.toString('base64'),
        publicKey: { content: Buffer.from(publicKeyOrCertPem).toString('base64') },
      },
    },
  };
}

export function dsseRekorBody(
  envelopeJson: Buffer,
  payload: Buffer,
  signature: Buffer,
  verifierPem: string,
): Record<string, unknown> {
  const hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: hex(envelopeJson) },
      payloadHash: { algorithm: 'sha256', value: hex(payload) },
      signatures: [{ signature: signature.toString('base64'), verifier: Buffer.from(verifierPem).toString('base64') }],
    },
  };
}
