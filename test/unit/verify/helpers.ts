// Shared by the verification tests: artifacts built by the sandbox's signing code (real keys, a
// real test PKI), and trust material the way settings would give it.
import type { SignatureKind } from '../../../server/src/model/facts.js';
import {
  parseTrustedRoot,
  sigstoreRoots,
  type PolicyTrust,
  type SignatureArtifact,
  type VerifyTrust,
} from '../../../server/src/verify/index.js';
import { image, type Built } from '../../harness/oci.js';
import { makeTestPki, TEST_IDENTITY, TEST_ISSUER, type TestPki } from '../../harness/pki.js';

export const NOW = Date.parse('2026-11-23T08:00:00Z');
export const SIGNED_AT = new Date(NOW - 2 * 86_400_000);

let shared: TestPki | null = null;
/** One test PKI for a test file: generating CAs costs tens of milliseconds. */
export const pki = (): TestPki => (shared ??= makeTestPki(NOW));

export const subjectImage = (text = 'verify subject'): Built =>
  image({ platform: { os: 'linux', architecture: 'amd64' }, text });

export const artifactOf = (kind: SignatureKind, b: Built): SignatureArtifact => ({
  kind,
  manifest: b.bytes,
  blobs: b.blobs,
});

/** Trust with the sandbox's trusted root (and the public-good one) unless `testRoot` is false. */
export function trust(policy: PolicyTrust | null, opts: { testRoot?: boolean; now?: number } = {}): VerifyTrust {
  const custom = opts.testRoot === false ? [] : [parseTrustedRoot(pki().trustedRoot)];
  return { roots: sigstoreRoots(custom), policy, now: new Date(opts.now ?? NOW) };
}

export const releaseIdentity = { issuer: TEST_ISSUER, identityRegExp: '^https://github\\.com/acme/' };
export { TEST_IDENTITY, TEST_ISSUER };
