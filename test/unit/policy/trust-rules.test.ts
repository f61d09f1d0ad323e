// signature-invalid, untrusted-signer and trust-downgrade: tables over verdicts and policies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foundSignature, type ImageFacts, type Signature } from '../../../server/src/model/facts.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { evaluate } from '../../../server/src/policy/index.js';
import { trustDowngrade } from '../../../server/src/policy/trustChange.js';
import { D1, D2, NOW, facts, ref } from '../../helpers/facts.js';

const S1 = `sha256:${'a'.repeat(64)}`;
const S2 = `sha256:${'b'.repeat(64)}`;
const ISSUER = 'https://token.actions.githubusercontent.com';
const ACME = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0';
const verified = (digest = S1, signer: Signature['signer'] = { issuer: ISSUER, identity: ACME }): Signature => ({
  kind: 'sigstore-bundle',
  digest,
  verification: 'verified',
  signer,
  reason: null,
});
const invalid = (reason = 'it signs sha256:0000, not this image’s digest'): Signature => ({
  kind: 'cosign',
  digest: S2,
  verification: 'invalid',
  signer: null,
  reason,
});
const unverified = (reason: string): Signature => ({
  kind: 'cosign',
  digest: S2,
  verification: 'unverified',
  signer: null,
  reason,
});
const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n';
const policy = {
  trust: {
    policies: [
      {
        images: ['docker.io/acme/*'],
        keys: [{ name: 'acme-release', publicKey: PEM }],
        identities: [{ issuer: ISSUER, identityRegExp: '^https://github\\.com/acme/' }],
      },
    ],
  },
};
const TRUST_CODES = ['signature-invalid', 'untrusted-signer', 'trust-downgrade'];

const cases: Array<{
  name: string;
  text: string;
  facts: ImageFacts;
  settings?: object;
  codes: string[];
  message?: RegExp;
}> = [
  {
    name: 'an invalid signature → signature-invalid (with its reason)',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [invalid()] }),
    codes: ['signature-invalid'],
    message: /does not hold: it signs sha256:0000/,
  },
  {
    name: 'invalid next to a verified one → still signature-invalid',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [verified(), invalid()] }),
    codes: ['signature-invalid'],
  },
  {
    name: 'policy names the image, a named identity verified → nothing',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [verified()] }),
    settings: policy,
    codes: [],
  },
  {
    name: 'policy names the image, signed by another identity → untrusted-signer',
    text: `acme/app:1@${D1}`,
    facts: facts({
      signatures: [
        unverified(
          'signed by https://github.com/mallory/x (issuer …), an identity the trust policy for this image does not name',
        ),
      ],
    }),
    settings: policy,
    codes: ['untrusted-signer'],
    message:
      /requires acme\/app:1@.* to be signed by the key acme-release or an identity matching \^https:\/\/github\\\.com\/acme\/ \(issuer .*mallory/,
  },
  {
    name: 'policy names the image, unsigned → untrusted-signer',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [] }),
    settings: policy,
    codes: ['unsigned', 'untrusted-signer'],
    message: /it is unsigned/,
  },
  {
    name: 'policy names the image, signatures not read yet → no verdict',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [foundSignature('cosign', S1)] }),
    settings: policy,
    codes: [],
  },
  {
    name: 'policy names the image, signatures not checked (lookup failed there) → nothing',
    text: `acme/app:1@${D1}`,
    facts: facts({ signatures: [], signedDigest: null }),
    settings: policy,
    codes: [],
  },
  {
    name: 'policy names another image → no untrusted-signer',
    text: `other/app:1@${D1}`,
    facts: facts({ signatures: [unverified('no key applies')] }),
    settings: policy,
    codes: [],
  },
  {
    name: 'drift: pinned verified by ACME, the tag now unsigned → trust-downgrade',
    text: `acme/app:1@${D1}`,
    facts: facts({
      digest: D2,
      signatures: [verified()],
      pinnedDigestExists: true,
      latestSignatures: { digest: D2, signatures: [] },
    }),
    codes: ['digest-drift', 'trust-downgrade'],
    message:
      /would lose trust: it is signed by https:\/\/github\.com\/acme\/.* \(verified\); the new digest is unsigned/,
  },
  {
    name: 'drift: verified by ACME → verified by ACME → no downgrade',
    text: `acme/app:1@${D1}`,
    facts: facts({
      digest: D2,
      signatures: [verified()],
      pinnedDigestExists: true,
      latestSignatures: { digest: D2, signatures: [verified(S2)] },
    }),
    codes: ['digest-drift'],
  },
  {
    name: 'drift: new digest’s signatures not read yet → no verdict',
    text: `acme/app:1@${D1}`,
    facts: facts({
      digest: D2,
      signatures: [verified()],
      pinnedDigestExists: true,
      latestSignatures: { digest: D2, signatures: [foundSignature('cosign', S2)] },
    }),
    codes: ['digest-drift'],
  },
];

describe('trust rules', () => {
  for (const c of cases) {
    test(c.name, () => {
      const findings = evaluate(ref(c.text), c.facts, normalizeSettings(c.settings ?? {}), NOW).filter((f) =>
        [...TRUST_CODES, 'digest-drift', 'unsigned'].includes(f.code),
      );
      assert.deepEqual(findings.map((f) => f.code).sort(), [...c.codes].sort());
      const trustFinding = findings.find((f) => TRUST_CODES.includes(f.code));
      if (c.message) assert.match(trustFinding?.message ?? '', c.message);
    });
  }

  test('the drift fix title warns of the downgrade', () => {
    const [drift] = evaluate(
      ref(`acme/app:1@${D1}`),
      facts({
        digest: D2,
        signatures: [verified()],
        pinnedDigestExists: true,
        latestSignatures: { digest: D2, signatures: [] },
      }),
      normalizeSettings({}),
      NOW,
    ).filter((f) => f.code === 'digest-drift');
    assert.match(
      drift?.fixes[0]?.title ?? '',
      /^Update the digest to sha256:2{12}… \(what 1 points to now\) — less trust: it is signed by https:\/\/github\.com\/acme\/.* \(verified\); the new digest is unsigned$/,
    );
  });
});

describe('trustDowngrade', () => {
  const cases: Array<[string, Signature[], Signature[], string | null]> = [
    ['verified → unsigned', [verified()], [], `it is signed by ${ACME} (verified); the new digest is unsigned`],
    [
      'verified key → verified other identity',
      [verified(S1, { key: 'acme-release' })],
      [verified()],
      `it is signed by the key acme-release (verified); the new digest is signed by ${ACME} instead`,
    ],
    [
      'verified → invalid',
      [verified()],
      [invalid()],
      `it is signed by ${ACME} (verified); the new digest has a signature that does not hold`,
    ],
    [
      'verified → unverified',
      [verified()],
      [unverified('no key applies')],
      `it is signed by ${ACME} (verified); the new digest has no signature that verifies`,
    ],
    ['signed, unverified → unsigned', [unverified('no key applies')], [], 'it is signed; the new digest is unsigned'],
    ['unsigned → unsigned', [], [], null],
    ['unverified → unverified', [unverified('x')], [unverified('y')], null],
  ];
  for (const [name, from, to, expected] of cases) test(name, () => assert.equal(trustDowngrade(from, to), expected));
  test('provenance lost', () => {
    const p = {
      sourceRepository: 'https://github.com/acme/app',
      revision: null,
      builder: null,
      from: 'oci-annotations' as const,
    };
    assert.equal(
      trustDowngrade([], [], { from: p, to: null }),
      'its provenance (https://github.com/acme/app) is lost: the new digest states none',
    );
  });
});
