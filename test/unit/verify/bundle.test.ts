// Sigstore bundles v0.3 as cosign v3 attaches them (OCI 1.1 referrers, DSSE in-toto statements),
// under the sandbox's trusted root, with real cryptography: every verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifySignature, type PolicyTrust, type Verdict } from '../../../server/src/verify/index.js';
import { makeTestPki, OTHER_IDENTITY } from '../../harness/pki.js';
import { bundleReferrer, sigstoreBundle, type BundleOptions } from '../../harness/signatures.js';
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

const subject = subjectImage('bundle subject');
const identities: PolicyTrust = { keys: [], identities: [releaseIdentity] };

function bundle(opts: Partial<BundleOptions> = {}, edit?: (b: Record<string, unknown>) => void): Buffer {
  const b = sigstoreBundle(pki(), subject.digest, { signedAt: SIGNED_AT, ...opts });
  if (!edit) return b;
  const json = JSON.parse(b.toString()) as Record<string, unknown>;
  edit(json);
  return Buffer.from(JSON.stringify(json));
}

const entry = (b: Record<string, unknown>): Record<string, unknown> =>
  (b.verificationMaterial as { tlogEntries: Array<Record<string, unknown>> }).tlogEntries[0]!;

describe('Sigstore bundles (DSSE, keyless, v0.3)', () => {
  const otherLog = makeTestPki(NOW);
  const cases: Array<{
    name: string;
    bundle: () => Buffer;
    policy: PolicyTrust | null;
    testRoot?: boolean;
    verification: Verdict['verification'];
    identity?: string;
    reason?: RegExp;
  }> = [
    {
      name: 'good, no policy',
      bundle: () => bundle(),
      policy: null,
      verification: 'verified',
      identity: TEST_IDENTITY,
    },
    {
      name: 'good, the policy names the identity',
      bundle: () => bundle(),
      policy: identities,
      verification: 'verified',
      identity: TEST_IDENTITY,
    },
    {
      name: 'other identity, no policy: verified as that identity',
      bundle: () => bundle({ identity: OTHER_IDENTITY }),
      policy: null,
      verification: 'verified',
      identity: OTHER_IDENTITY,
    },
    {
      name: 'other identity, the policy names another',
      bundle: () => bundle({ identity: OTHER_IDENTITY }),
      policy: identities,
      verification: 'unverified',
      reason:
        /signed by https:\/\/github\.com\/mallory\/app\/\.github\/workflows\/release\.yml@refs\/heads\/main \(issuer https:\/\/token\.actions\.githubusercontent\.com\), an identity the trust policy for this image does not name/,
    },
    {
      name: 'policy with keys only, keyless signature',
      bundle: () => bundle(),
      policy: { keys: [{ name: 'k', pem: otherLog.rekor.publicKeyPem }], identities: [] },
      verification: 'unverified',
      reason: /does not name/,
    },
    {
      name: 'certificate expired before signing',
      bundle: () => bundle({ leafNotBefore: new Date(SIGNED_AT.getTime() - 86_400_000) }),
      policy: null,
      verification: 'invalid',
      reason: /expired, or not yet valid/,
    },
    {
      name: 'broken chain: issued under the trusted intermediate’s name by another key',
      bundle: () => bundle({ ca: pki().rogueIntermediate }),
      policy: null,
      verification: 'invalid',
      reason: /broken chain/,
    },
    {
      name: 'unknown CA (not in any trusted root)',
      bundle: () => bundle(),
      policy: null,
      testRoot: false,
      verification: 'unverified',
      reason: /not issued by a trusted Sigstore CA/,
    },
    {
      name: 'statement about another digest',
      bundle: () => bundle({ statementDigest: `sha256:${'1'.repeat(64)}` }),
      policy: null,
      verification: 'invalid',
      reason: /about another digest/,
    },
    {
      name: 'DSSE signature altered',
      bundle: () =>
        bundle({}, (b) => {
          const env = b.dsseEnvelope as { signatures: Array<{ sig: string }> };
          const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
          sig[sig.length - 1]! ^= 1;
          env.signatures[0]!.sig = sig.toString('base64');
        }),
      policy: null,
      verification: 'invalid',
      reason: /records another signature|does not verify/,
    },
    {
      name: 'checkpoint altered (another tree root)',
      bundle: () =>
        bundle({}, (b) => {
          const checkpoint = (entry(b).inclusionProof as { checkpoint: { envelope: string } }).checkpoint;
          checkpoint.envelope = checkpoint.envelope.replace(
            /\n1\n[^\n]+\n/,
            `\n1\n${Buffer.alloc(32, 7).toString('base64')}\n`,
          );
        }),
      policy: null,
      verification: 'invalid',
      reason: /inclusion proof does not verify/,
    },
    {
      name: 'logged in a log no trusted root has',
      bundle: () =>
        bundle({}, (b) => {
          entry(b).logId = { keyId: otherLog.rekor.logId.toString('base64') };
        }),
      policy: null,
      verification: 'invalid',
      reason: /SET does not verify|inclusion proof/,
    },
    {
      name: 'no transparency-log entry',
      bundle: () =>
        bundle({}, (b) => {
          (b.verificationMaterial as { tlogEntries: unknown[] }).tlogEntries = [];
        }),
      policy: null,
      verification: 'invalid',
      reason: /proves when it was signed|no transparency-log entry/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const v = verifySignature(
        artifactOf('sigstore-bundle', bundleReferrer(c.bundle(), subject)),
        subject.digest,
        trust(c.policy, { testRoot: c.testRoot }),
      );
      assert.equal(v.verification, c.verification, v.reason ?? '');
      if (c.identity) {
        assert.deepEqual(v.signer, { issuer: TEST_ISSUER, identity: c.identity });
        assert.equal(v.reason, null);
        assert.deepEqual(v.evidence, {
          method: 'sigstore',
          identity: { issuer: TEST_ISSUER, identity: c.identity },
          loggedAt: SIGNED_AT.toISOString(),
        });
      } else {
        assert.equal(v.signer, null);
        assert.match(v.reason ?? '', c.reason ?? /./);
      }
    });
  }

  test('a verified bundle over SLSA provenance carries that provenance; an unverified one does not', () => {
    const predicate = {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        resolvedDependencies: [
          { uri: 'git+https://github.com/acme/app@refs/tags/v1.2.0', digest: { gitCommit: 'a'.repeat(40) } },
        ],
      },
      runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' } },
    };
    const b = bundleReferrer(
      bundle({ predicateType: 'https://slsa.dev/provenance/v1', predicate }),
      subject,
      'https://slsa.dev/provenance/v1',
    );
    const expected = {
      sourceRepository: 'https://github.com/acme/app',
      revision: 'a'.repeat(40),
      builder: 'https://github.com/actions/runner/github-hosted',
      from: 'slsa-provenance',
    };
    assert.deepEqual(
      verifySignature(artifactOf('sigstore-bundle', b), subject.digest, trust(null)).provenance,
      expected,
    );
    assert.equal(
      verifySignature(artifactOf('sigstore-bundle', b), subject.digest, trust(null, { testRoot: false })).provenance,
      null,
    );
  });
});
