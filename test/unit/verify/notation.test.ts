// Notation signatures (JWS and COSE envelopes) under the sandbox's Notation CA: every verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifySignature, type PolicyTrust, type Verdict } from '../../../server/src/verify/index.js';
import { ca, makeTestPki, notationLeaf, testKey, type Leaf } from '../../harness/pki.js';
import { notationCose, notationJws, notationReferrer, type NotationOptions } from '../../harness/signatures.js';
import { artifactOf, NOW, pki, subjectImage, trust } from './helpers.js';

const subject = subjectImage('notation subject');
const DAY = 86_400_000;
const leaf = notationLeaf(pki(), { notBefore: new Date(NOW - 30 * DAY) });
const rsaLeaf = notationLeaf(pki(), { notBefore: new Date(NOW - 30 * DAY), kind: 'rsa' });
const anchor: PolicyTrust = { keys: [{ name: 'acme-ca', pem: pki().notationRoot.pem }], identities: [] };
const stranger = makeTestPki(NOW);
const signingTime = new Date(NOW - 7 * DAY);
const otherCa = ca('another notation root', testKey('p256'), null, new Date(NOW - 400 * DAY));

type Envelope = 'jws' | 'cose';
const envelope = (format: Envelope, o: Partial<NotationOptions> & { leaf?: Leaf } = {}): Buffer => {
  const opts: NotationOptions = {
    leaf: o.leaf ?? leaf,
    chain: o.chain ?? [pki().notationRoot],
    signingTime: o.signingTime ?? signingTime,
    ...(o.expiry ? { expiry: o.expiry } : {}),
    ...(o.targetDigest ? { targetDigest: o.targetDigest } : {}),
  };
  return format === 'jws' ? notationJws(subject, opts) : notationCose(subject, opts);
};

function flipLastSignatureByte(format: Envelope, b: Buffer): Buffer {
  if (format === 'cose') {
    const out = Buffer.from(b);
    out[out.length - 1]! ^= 1; // the signature is the envelope's last byte string
    return out;
  }
  const j = JSON.parse(b.toString()) as { signature: string };
  const sig = Buffer.from(j.signature, 'base64url');
  sig[sig.length - 1]! ^= 1;
  return Buffer.from(JSON.stringify({ ...j, signature: sig.toString('base64url') }));
}

for (const format of ['jws', 'cose'] as const) {
  describe(`Notation ${format.toUpperCase()} envelopes`, () => {
    const cases: Array<{
      name: string;
      env: () => Buffer;
      policy: PolicyTrust | null;
      now?: number;
      verification: Verdict['verification'];
      reason?: RegExp;
    }> = [
      {
        name: 'good (ECDSA P-256), the policy names the CA',
        env: () => envelope(format),
        policy: anchor,
        verification: 'verified',
      },
      {
        name: 'good (RSA-PSS), the policy names the CA',
        env: () => envelope(format, { leaf: rsaLeaf }),
        policy: anchor,
        verification: 'verified',
      },
      {
        name: 'good, root not in the envelope (only the leaf)',
        env: () => envelope(format, { chain: [] }),
        policy: anchor,
        verification: 'verified',
      },
      {
        name: 'good, but no policy names a trust store',
        env: () => envelope(format),
        policy: null,
        verification: 'unverified',
        reason: /no trust policy names a CA certificate/,
      },
      {
        name: 'policy names only public keys',
        env: () => envelope(format),
        policy: { keys: [{ name: 'k', pem: stranger.rekor.publicKeyPem }], identities: [] },
        verification: 'unverified',
        reason: /names no CA certificate/,
      },
      {
        name: 'chain ends at another CA',
        env: () =>
          envelope(format, {
            leaf: notationLeaf(pki(), { notBefore: new Date(NOW - 30 * DAY), ca: otherCa }),
            chain: [otherCa],
          }),
        policy: anchor,
        verification: 'unverified',
        reason: /ends at none of the trust policy’s CA certificates/,
      },
      {
        name: 'another digest',
        env: () => envelope(format, { targetDigest: `sha256:${'2'.repeat(64)}` }),
        policy: anchor,
        verification: 'invalid',
        reason: /signs another digest/,
      },
      {
        name: 'signature altered',
        env: () => flipLastSignatureByte(format, envelope(format)),
        policy: anchor,
        verification: 'invalid',
        reason: /does not verify with its own certificate/,
      },
      {
        name: 'signing time before the certificate',
        env: () => envelope(format, { signingTime: new Date(NOW - 60 * DAY) }),
        policy: anchor,
        verification: 'invalid',
        reason: /not valid at the signing time/,
      },
      {
        name: 'certificate expired since, no timestamp',
        env: () => envelope(format),
        policy: anchor,
        now: NOW + 400 * DAY,
        verification: 'invalid',
        reason: /not valid now .* no trusted timestamp/,
      },
      {
        name: 'signature expiry passed',
        env: () => envelope(format, { expiry: new Date(NOW - DAY) }),
        policy: anchor,
        verification: 'invalid',
        reason: /signature expired on/,
      },
    ];
    for (const c of cases) {
      test(c.name, () => {
        const art = notationReferrer(subject, c.env(), format);
        const v = verifySignature(artifactOf('notation', art), subject.digest, trust(c.policy, { now: c.now }));
        assert.equal(v.verification, c.verification, v.reason ?? '');
        if (c.verification === 'verified') {
          assert.deepEqual(v.signer, { key: 'acme-ca' });
          assert.equal(v.reason, null);
          assert.match(v.evidence?.subject ?? '', /CN=acme release signing/);
        } else {
          assert.equal(v.signer, null);
          assert.match(v.reason ?? '', c.reason ?? /./);
        }
      });
    }
  });
}

test('Notation broken chain: the leaf names the trusted CA but another key signed it', () => {
  // the rogue root copies the trusted root's subject name; the leaf it issues claims that issuer
  const rogue = { ...stranger.notationRoot, name: pki().notationRoot.name };
  const forged = notationLeaf(pki(), { notBefore: new Date(NOW - 30 * DAY), ca: rogue });
  const art = notationReferrer(subject, envelope('jws', { leaf: forged, chain: [] }), 'jws');
  const v = verifySignature(artifactOf('notation', art), subject.digest, trust(anchor));
  assert.equal(v.verification, 'invalid');
  assert.match(v.reason ?? '', /broken chain/);
});
