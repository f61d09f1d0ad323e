// cosign legacy `.sig` signatures, key-based and keyless, with real cryptography: every verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifySignature, type PolicyTrust, type Verdict } from '../../../server/src/verify/index.js';
import type { Built } from '../../harness/oci.js';
import { fulcioLeaf, makeTestPki, OTHER_IDENTITY, testKey } from '../../harness/pki.js';
import {
  COSIGN_BUNDLE_ANNOTATION,
  cosignSignatureManifest,
  generateSigningKey,
  keylessCosignManifest,
} from '../../harness/signatures.js';
import {
  artifactOf,
  NOW,
  pki,
  releaseIdentity,
  SIGNED_AT,
  subjectImage,
  TEST_IDENTITY,
  TEST_ISSUER,
  trust,
} from './helpers.js';

const subject = subjectImage('cosign subject');
const REF = 'index.docker.io/acme/app';
const release = generateSigningKey('p256');
const other = generateSigningKey('p256');
const keyPolicy = (...keys: Array<{ name: string; pem: string }>): PolicyTrust => ({ keys, identities: [] });
const RELEASE = { name: 'acme-release', pem: release.publicKeyPem };

/** Rewrites one layer annotation of a built `.sig` manifest (a tampered copy). */
function tamper(b: Built, key: string, edit: (v: string) => string): Built {
  const m = JSON.parse(b.bytes.toString()) as { layers: Array<{ annotations: Record<string, string> }> };
  m.layers[0]!.annotations[key] = edit(m.layers[0]!.annotations[key] ?? '');
  const bytes = Buffer.from(JSON.stringify(m));
  return { ...b, bytes };
}

function brief(v: Verdict): { verification: string; signer: unknown; reason: RegExp | null } {
  return { verification: v.verification, signer: v.signer, reason: v.reason === null ? null : new RegExp('.') };
}

describe('cosign key-based signatures', () => {
  const cases: Array<{
    name: string;
    sig: () => Built;
    policy: PolicyTrust | null;
    verification: Verdict['verification'];
    signer?: unknown;
    reason?: RegExp;
  }> = [
    {
      name: 'good, the policy names the key',
      sig: () => cosignSignatureManifest(release, REF, subject.digest),
      policy: keyPolicy(RELEASE),
      verification: 'verified',
      signer: { key: 'acme-release' },
    },
    {
      name: 'good, among other policy keys',
      sig: () => cosignSignatureManifest(release, REF, subject.digest),
      policy: keyPolicy({ name: 'other', pem: other.publicKeyPem }, RELEASE),
      verification: 'verified',
      signer: { key: 'acme-release' },
    },
    {
      name: 'good, but no policy names the image: no key applies',
      sig: () => cosignSignatureManifest(release, REF, subject.digest),
      policy: null,
      verification: 'unverified',
      reason: /no trust policy names a key/,
    },
    {
      name: 'wrong key',
      sig: () => cosignSignatureManifest(other, REF, subject.digest),
      policy: keyPolicy(RELEASE),
      verification: 'unverified',
      reason: /signed with another key/,
    },
    {
      name: 'wrong digest',
      sig: () => cosignSignatureManifest(release, REF, subject.digest, { signedDigest: `sha256:${'0'.repeat(64)}` }),
      policy: keyPolicy(RELEASE),
      verification: 'invalid',
      reason: /signs sha256:0{64}, not this image/,
    },
    {
      name: 'signature bytes altered',
      sig: () =>
        tamper(
          cosignSignatureManifest(release, REF, subject.digest),
          'dev.cosignproject.cosign/signature',
          (s) => (s.startsWith('A') ? 'B' : 'A') + s.slice(1),
        ),
      policy: keyPolicy(RELEASE),
      verification: 'unverified',
      reason: /another key/,
    },
    {
      name: 'policy names only a key that is not PEM',
      sig: () => cosignSignatureManifest(release, REF, subject.digest),
      policy: keyPolicy({ name: 'broken', pem: 'not a key' }),
      verification: 'unverified',
      reason: /names no public key/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const v = verifySignature(artifactOf('cosign', c.sig()), subject.digest, trust(c.policy));
      assert.equal(v.verification, c.verification, v.reason ?? '');
      assert.deepEqual(v.signer, c.signer ?? null);
      if (c.reason) assert.match(v.reason ?? '', c.reason);
      else assert.equal(v.reason, null);
    });
  }

  const algorithms: Array<{
    name: string;
    kind: Parameters<typeof generateSigningKey>[0];
    opts?: { hash?: string; pss?: boolean };
  }> = [
    { name: 'ECDSA P-256 / SHA-256', kind: 'p256' },
    { name: 'ECDSA P-384 / SHA-256', kind: 'p384' },
    { name: 'ECDSA P-384 / SHA-384', kind: 'p384', opts: { hash: 'sha384' } },
    { name: 'Ed25519', kind: 'ed25519' },
    { name: 'RSA PKCS#1 v1.5 / SHA-256', kind: 'rsa' },
    { name: 'RSA-PSS / SHA-256', kind: 'rsa', opts: { pss: true } },
  ];
  for (const a of algorithms) {
    test(`key algorithm: ${a.name} verifies; the same signature under another key does not`, () => {
      const key = generateSigningKey(a.kind);
      const sig = artifactOf('cosign', cosignSignatureManifest(key, REF, subject.digest, a.opts));
      assert.deepEqual(
        brief(verifySignature(sig, subject.digest, trust(keyPolicy({ name: 'k', pem: key.publicKeyPem })))),
        { verification: 'verified', signer: { key: 'k' }, reason: null },
      );
      const wrong = testKey(a.kind);
      assert.equal(
        verifySignature(sig, subject.digest, trust(keyPolicy({ name: 'k', pem: wrong.publicKeyPem }))).verification,
        'unverified',
      );
    });
  }
});

describe('cosign keyless signatures (Fulcio certificate, SCT, Rekor SET)', () => {
  const good = (): Built => keylessCosignManifest(pki(), REF, subject.digest, { signedAt: SIGNED_AT });
  const otherPki = makeTestPki(NOW);
  const cases: Array<{
    name: string;
    sig: () => Built;
    policy: PolicyTrust | null;
    testRoot?: boolean;
    verification: Verdict['verification'];
    identity?: string;
    reason?: RegExp;
  }> = [
    {
      name: 'good, no policy: the proven identity is the verdict',
      sig: good,
      policy: null,
      verification: 'verified',
      identity: TEST_IDENTITY,
    },
    {
      name: 'good, the policy names the identity',
      sig: good,
      policy: { keys: [], identities: [releaseIdentity] },
      verification: 'verified',
      identity: TEST_IDENTITY,
    },
    {
      name: 'good, the policy names another identity',
      sig: () => keylessCosignManifest(pki(), REF, subject.digest, { signedAt: SIGNED_AT, identity: OTHER_IDENTITY }),
      policy: { keys: [], identities: [releaseIdentity] },
      verification: 'unverified',
      reason: /signed by https:\/\/github\.com\/mallory\/.* does not name/,
    },
    {
      name: 'good, the policy names the identity under another issuer',
      sig: good,
      policy: { keys: [], identities: [{ ...releaseIdentity, issuer: 'https://accounts.google.com' }] },
      verification: 'unverified',
      reason: /does not name/,
    },
    {
      name: 'issued by a CA no trusted root has',
      sig: good,
      policy: null,
      testRoot: false,
      verification: 'unverified',
      reason: /not issued by a trusted Sigstore CA/,
    },
    {
      name: 'SET altered',
      sig: () =>
        tamper(good(), COSIGN_BUNDLE_ANNOTATION, (s) =>
          s.replace(
            /"SignedEntryTimestamp":"(.)/,
            (_m, c: string) => `"SignedEntryTimestamp":"${c === 'M' ? 'N' : 'M'}`,
          ),
        ),
      policy: null,
      verification: 'invalid',
      reason: /SET does not verify/,
    },
    {
      name: 'Rekor entry of another signature',
      sig: () => {
        const a = good();
        const b = keylessCosignManifest(pki(), REF, subject.digest, { signedAt: SIGNED_AT });
        const bundle = (JSON.parse(b.bytes.toString()) as { layers: Array<{ annotations: Record<string, string> }> })
          .layers[0]!.annotations[COSIGN_BUNDLE_ANNOTATION]!;
        return tamper(a, COSIGN_BUNDLE_ANNOTATION, () => bundle);
      },
      policy: null,
      verification: 'invalid',
      reason: /records another signature/,
    },
    {
      name: 'SCT from a CT log the root does not trust',
      sig: () =>
        keylessCosignManifest(pki(), REF, subject.digest, {
          signedAt: SIGNED_AT,
          leaf: fulcioLeaf({ ...pki(), ctLog: otherPki.ctLog }, { notBefore: new Date(SIGNED_AT.getTime() - 60_000) }),
        }),
      policy: null,
      verification: 'invalid',
      reason: /SCT does not verify/,
    },
    {
      name: 'certificate expired before the signature was logged',
      sig: () =>
        keylessCosignManifest(pki(), REF, subject.digest, {
          signedAt: SIGNED_AT,
          leaf: fulcioLeaf(pki(), { notBefore: new Date(SIGNED_AT.getTime() - 3_600_000) }),
        }),
      policy: null,
      verification: 'invalid',
      reason: /not valid when the signature was logged/,
    },
    {
      name: 'no Rekor bundle: nothing proves when it was signed',
      sig: () => tamper(good(), COSIGN_BUNDLE_ANNOTATION, () => ''),
      policy: null,
      verification: 'invalid',
      reason: /proves when it was signed|no transparency-log entry/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const v = verifySignature(
        artifactOf('cosign', c.sig()),
        subject.digest,
        trust(c.policy, { testRoot: c.testRoot }),
      );
      assert.equal(v.verification, c.verification, v.reason ?? '');
      if (c.identity) {
        assert.deepEqual(v.signer, { issuer: TEST_ISSUER, identity: c.identity });
        assert.equal(v.evidence?.loggedAt, SIGNED_AT.toISOString());
      } else {
        assert.equal(v.signer, null);
        assert.match(v.reason ?? '', c.reason ?? /./);
      }
    });
  }
});
