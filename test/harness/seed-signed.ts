// `acme/signed`: one single-platform image per verification case, each signed for real by the
// sandbox's test PKI (pki.ts) or keys, so every SPEC §2 verdict has an image that produces it.
// Signatures depend on keys generated per run, so their digests change per run; image digests do not.
import { cosignSigTag, fallbackTag, image, referrersIndex, type Built } from './oci.js';
import { OTHER_IDENTITY, TEST_IDENTITY, TEST_ISSUER, type TestPki } from './pki.js';
import type { PushClient } from './push-client.js';
import {
  bundleReferrer,
  cosignSignatureManifest,
  generateSigningKey,
  keylessCosignManifest,
  notationJws,
  notationReferrer,
  sigstoreBundle,
  type SigningKey,
} from './signatures.js';
import { notationLeaf } from './pki.js';

export const SIGNED_REPOSITORY = 'acme/signed';

/** What each case should verify as, with the sandbox's trusted root and the `release` key named. */
export const SIGNED_CASES = {
  'cosign-good': { kind: 'cosign', expect: 'verified' },
  'cosign-wrong-digest': { kind: 'cosign', expect: 'invalid' },
  'cosign-wrong-key': { kind: 'cosign', expect: 'unverified' },
  'cosign-keyless': { kind: 'cosign', expect: 'verified' },
  'bundle-good': { kind: 'sigstore-bundle', expect: 'verified' },
  'bundle-expired': { kind: 'sigstore-bundle', expect: 'invalid' },
  'bundle-broken-chain': { kind: 'sigstore-bundle', expect: 'invalid' },
  'bundle-other-identity': { kind: 'sigstore-bundle', expect: 'unverified' },
  'notation-good': { kind: 'notation', expect: 'verified' },
  /** a keyless-signed SLSA v1 provenance statement: verified, and the image's provenance */
  'bundle-provenance': { kind: 'sigstore-bundle', expect: 'verified' },
} as const;

/** What `bundle-provenance` states (and the facts' provenance once it is verified). */
export const SIGNED_PROVENANCE = {
  sourceRepository: 'https://github.com/acme/app',
  revision: '3f2a9c1d5e7b8a6f4c2e0d9b7a5c3e1f0a2b4c6d',
  builder: 'https://github.com/actions/runner/github-hosted',
  from: 'slsa-provenance',
} as const;
const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const slsaPredicate = {
  buildDefinition: {
    buildType: 'https://actions.github.io/buildtypes/workflow/v1',
    externalParameters: {
      workflow: {
        ref: 'refs/tags/v1.2.0',
        repository: SIGNED_PROVENANCE.sourceRepository,
        path: '.github/workflows/release.yml',
      },
    },
    resolvedDependencies: [
      {
        uri: `git+${SIGNED_PROVENANCE.sourceRepository}@refs/tags/v1.2.0`,
        digest: { gitCommit: SIGNED_PROVENANCE.revision },
      },
    ],
  },
  runDetails: { builder: { id: SIGNED_PROVENANCE.builder } },
};
export type SignedCase = keyof typeof SIGNED_CASES;

export interface SignedImage {
  tag: SignedCase;
  digest: string;
  /** the signature artifact's digest */
  signature: string;
  kind: (typeof SIGNED_CASES)[SignedCase]['kind'];
  /** referrers: the digest of the fallback index under tag `sha256-<hex>` */
  fallbackIndex: string | null;
}

/** Trust material a test or the sandbox config names to verify the seeded signatures. */
export interface SigningMaterial {
  /** Sigstore trusted root JSON: the test Fulcio CA, CT log and Rekor log */
  trustedRoot: Record<string, unknown>;
  fulcioRootPem: string;
  fulcioIntermediatePem: string;
  ctLogPublicKeyPem: string;
  rekorPublicKeyPem: string;
  notationRootPem: string;
  /** the key `cosign-good`, bitnami/redis and team/app are signed with (also `seed.cosign`) */
  releasePublicKeyPem: string;
  /** the key `cosign-wrong-key` is signed with, which no policy names */
  otherPublicKeyPem: string;
  issuer: string;
  identity: string;
  otherIdentity: string;
}

export interface SignedSeed {
  images: Record<SignedCase, SignedImage>;
  material: SigningMaterial;
  /** `moved` once pointed to `signedDigest` (cosign-signed with the release key) and now points
   * to `digest`, unsigned: a drift fix that would lose trust */
  moved: { tag: 'moved'; signedDigest: string; digest: string };
}

const DOCKER_REFERENCE = `index.docker.io/${SIGNED_REPOSITORY}`;

export async function seedSigned(
  client: PushClient,
  pki: TestPki,
  release: SigningKey,
  now: number,
): Promise<SignedSeed> {
  const other = generateSigningKey('p256');
  const signedAt = new Date(now - 2 * 86_400_000);
  const leafForNotation = notationLeaf(pki, { notBefore: new Date(now - 30 * 86_400_000) });
  const sign: Record<SignedCase, (img: Built) => { artifact: Built; tag: string }> = {
    'cosign-good': (img) => sigTag(img, cosignSignatureManifest(release, DOCKER_REFERENCE, img.digest)),
    'cosign-wrong-digest': (img) =>
      sigTag(
        img,
        cosignSignatureManifest(release, DOCKER_REFERENCE, img.digest, { signedDigest: `sha256:${'0'.repeat(64)}` }),
      ),
    'cosign-wrong-key': (img) => sigTag(img, cosignSignatureManifest(other, DOCKER_REFERENCE, img.digest)),
    'cosign-keyless': (img) => sigTag(img, keylessCosignManifest(pki, DOCKER_REFERENCE, img.digest, { signedAt })),
    'bundle-good': (img) => referrerOf(img, bundleReferrer(sigstoreBundle(pki, img.digest, { signedAt }), img)),
    'bundle-expired': (img) =>
      referrerOf(
        img,
        bundleReferrer(
          sigstoreBundle(pki, img.digest, { signedAt, leafNotBefore: new Date(signedAt.getTime() - 86_400_000) }),
          img,
        ),
      ),
    'bundle-broken-chain': (img) =>
      referrerOf(img, bundleReferrer(sigstoreBundle(pki, img.digest, { signedAt, ca: pki.rogueIntermediate }), img)),
    'bundle-other-identity': (img) =>
      referrerOf(img, bundleReferrer(sigstoreBundle(pki, img.digest, { signedAt, identity: OTHER_IDENTITY }), img)),
    'bundle-provenance': (img) =>
      referrerOf(
        img,
        bundleReferrer(
          sigstoreBundle(pki, img.digest, { signedAt, predicateType: SLSA_V1, predicate: slsaPredicate }),
          img,
          SLSA_V1,
        ),
      ),
    'notation-good': (img) =>
      referrerOf(
        img,
        notationReferrer(
          img,
          notationJws(img, { leaf: leafForNotation, chain: [pki.notationRoot], signingTime: signedAt }),
          'jws',
          [leafForNotation.cert, pki.notationRoot.cert],
        ),
      ),
  };
  const entries = await Promise.all(
    (Object.keys(SIGNED_CASES) as SignedCase[]).map(async (tag) => {
      const img = image({ platform: { os: 'linux', architecture: 'amd64' }, text: `acme signed ${tag}` });
      await client.push(SIGNED_REPOSITORY, img, tag);
      const { artifact, tag: artifactTag } = sign[tag](img);
      const signature = await client.push(
        SIGNED_REPOSITORY,
        artifact,
        artifactTag === 'referrer' ? artifact.digest : artifactTag,
      );
      const fallbackIndex =
        artifactTag === 'referrer'
          ? await client.push(SIGNED_REPOSITORY, referrersIndex([artifact]), fallbackTag(img.digest))
          : null;
      return [tag, { tag, digest: img.digest, signature, kind: SIGNED_CASES[tag].kind, fallbackIndex }] as const;
    }),
  );
  const before = image({ platform: { os: 'linux', architecture: 'amd64' }, text: 'acme signed moved 1' });
  const after = image({ platform: { os: 'linux', architecture: 'amd64' }, text: 'acme signed moved 2' });
  await client.push(SIGNED_REPOSITORY, before);
  await client.push(
    SIGNED_REPOSITORY,
    cosignSignatureManifest(release, DOCKER_REFERENCE, before.digest),
    cosignSigTag(before.digest),
  );
  await client.push(SIGNED_REPOSITORY, after, 'moved');
  return {
    moved: { tag: 'moved', signedDigest: before.digest, digest: after.digest },
    images: Object.fromEntries(entries) as Record<SignedCase, SignedImage>,
    material: {
      trustedRoot: pki.trustedRoot,
      fulcioRootPem: pki.fulcioRoot.pem,
      fulcioIntermediatePem: pki.fulcioIntermediate.pem,
      ctLogPublicKeyPem: pki.ctLog.publicKeyPem,
      rekorPublicKeyPem: pki.rekor.publicKeyPem,
      notationRootPem: pki.notationRoot.pem,
      releasePublicKeyPem: release.publicKeyPem,
      otherPublicKeyPem: other.publicKeyPem,
      issuer: TEST_ISSUER,
      identity: TEST_IDENTITY,
      otherIdentity: OTHER_IDENTITY,
    },
  };
}

const sigTag = (img: Built, artifact: Built): { artifact: Built; tag: string } => ({
  artifact,
  tag: cosignSigTag(img.digest),
});
const referrerOf = (_img: Built, artifact: Built): { artifact: Built; tag: string } => ({ artifact, tag: 'referrer' });

/** The `trust` settings that verify the seeded signatures: the sandbox's trusted root, and a policy
 * naming acme/* with the release key, the Notation CA and the acme GitHub workflows. */
export function sandboxTrustConfig(m: SigningMaterial): { trustedRoots: unknown[]; policies: unknown[] } {
  return {
    trustedRoots: [m.trustedRoot],
    policies: [
      {
        images: [`docker.io/${SIGNED_REPOSITORY.split('/')[0]}/*`],
        keys: [
          { name: 'acme-release', publicKey: m.releasePublicKeyPem },
          { name: 'acme-notation-ca', publicKey: m.notationRootPem },
        ],
        identities: [{ issuer: m.issuer, identityRegExp: '^https://github\\.com/acme/' }],
      },
    ],
  };
}
