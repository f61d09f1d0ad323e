// Real Sigstore bundles from the public-good instance (test/fixtures/sigstore/README.md names their
// sources), verified offline against the trusted root shipped in the package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  PUBLIC_GOOD_ROOT_SOURCE,
  sigstoreRoots,
  verifySignature,
  type PolicyTrust,
  type VerifyTrust,
} from '../../../server/src/verify/index.js';
import { sha256, type Built } from '../../harness/oci.js';
import { bundleReferrer } from '../../harness/signatures.js';
import { artifactOf } from './helpers.js';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, '../../fixtures/sigstore', name));
const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';
const A_TXT = fixture('conformance-a.txt');
const aTxt: Built = { bytes: A_TXT, mediaType: 'text/plain', digest: sha256(A_TXT), blobs: new Map() };
const publicGood = (policy: PolicyTrust | null = null): VerifyTrust => ({
  roots: sigstoreRoots([]),
  policy,
  now: new Date('2026-12-01T00:00:00Z'),
});

test('the shipped trusted root names its source', () => {
  assert.match(PUBLIC_GOOD_ROOT_SOURCE, /sigstore\/root-signing/);
});

test('conformance v0.3 message signature over a.txt verifies offline (public-good root)', () => {
  const art = artifactOf('sigstore-bundle', bundleReferrer(fixture('conformance-happy-path-v0.3.sigstore.json'), aTxt));
  const v = verifySignature(art, aTxt.digest, publicGood(), A_TXT);
  assert.deepEqual(
    { verification: v.verification, signer: v.signer, reason: v.reason },
    { verification: 'verified', signer: { issuer: GITHUB, identity: BEACON }, reason: null },
  );
  // without the signed bytes the message signature cannot be checked: unverified, not verified
  assert.equal(verifySignature(art, aTxt.digest, publicGood()).verification, 'unverified');
});

test('conformance in-toto DSSE bundle with SLSA v1 provenance verifies and yields its provenance', () => {
  const digest = 'sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf';
  const art = artifactOf(
    'sigstore-bundle',
    bundleReferrer(fixture('conformance-intoto-in-dsse-v3.sigstore.json'), { ...aTxt, digest }),
  );
  const v = verifySignature(
    art,
    digest,
    publicGood({
      keys: [],
      identities: [{ issuer: GITHUB, identityRegExp: '^https://github\\.com/sigstore-conformance/' }],
    }),
  );
  assert.equal(v.verification, 'verified', v.reason ?? '');
  assert.deepEqual(v.signer, { issuer: GITHUB, identity: BEACON });
  assert.deepEqual(v.provenance, {
    sourceRepository: 'https://github.com/loosebazooka/aa-test',
    revision: 'ebff8dfbd609b7b22237c7719ce07f2dc7934f5f',
    builder: 'https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main',
    from: 'slsa-provenance',
  });
});

test('cosign OCI attestation bundle (keyless, GitHub OAuth) verifies for its image digest only', () => {
  const digest = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4';
  const bytes = fixture('cosign-oci-attestation.sigstore.json');
  const art = artifactOf('sigstore-bundle', bundleReferrer(bytes, { ...aTxt, digest }));
  const v = verifySignature(art, digest, publicGood());
  assert.deepEqual(
    { verification: v.verification, signer: v.signer, loggedAt: v.evidence?.loggedAt },
    {
      verification: 'verified',
      signer: { issuer: 'https://github.com/login/oauth', identity: 'cody@soyland.com' },
      loggedAt: '2025-02-28T19:18:11.000Z',
    },
  );
  assert.equal(verifySignature(art, `sha256:${'3'.repeat(64)}`, publicGood()).verification, 'invalid');
  // the policy names a GitHub workflow: this email identity is not it
  const policy = { keys: [], identities: [{ issuer: GITHUB, identityRegExp: '^https://github\\.com/acme/' }] };
  assert.equal(verifySignature(art, digest, publicGood(policy)).verification, 'unverified');
});

test('a real bundle with one byte of its certificate changed is invalid, not verified', () => {
  const b = JSON.parse(fixture('cosign-oci-attestation.sigstore.json').toString()) as {
    verificationMaterial: { certificate: { rawBytes: string } };
  };
  const cert = Buffer.from(b.verificationMaterial.certificate.rawBytes, 'base64');
  cert[cert.length - 10]! ^= 1; // inside the CA's signature over the certificate
  b.verificationMaterial.certificate.rawBytes = cert.toString('base64');
  const digest = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4';
  const v = verifySignature(
    artifactOf('sigstore-bundle', bundleReferrer(Buffer.from(JSON.stringify(b)), { ...aTxt, digest })),
    digest,
    publicGood(),
  );
  assert.equal(v.verification, 'invalid');
  assert.match(v.reason ?? '', /broken chain|malformed/);
});
