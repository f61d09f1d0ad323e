// The verification room: pure functions from a signature artifact's bytes, the image digest and
// trust material to a SPEC §2 verdict. Imports only model/, node:crypto and Sigstore's libraries;
// no network, no LSP. Never throws: whatever the bytes are, the answer is a verdict with a reason.
import type { ArtifactManifest } from './artifact.js';
import { readArtifact } from './artifact.js';
import { verifyCosign } from './cosign.js';
import { verifyNotation } from './notation.js';
import { verifyBundle } from './sigstoreBundle.js';
import type { SignatureArtifact, Verdict, VerifyTrust } from './types.js';
import { invalid } from './verdict.js';

export type {
  NamedKey,
  PolicyTrust,
  SignatureArtifact,
  TrustedIdentity,
  Verdict,
  VerifyTrust,
  Evidence,
} from './types.js';
export { parseTrustedRoot, sigstoreRoots, PUBLIC_GOOD_ROOT_SOURCE, type SigstoreRoots } from './trustRoots.js';
export { parseKeys } from './keys.js';
export { identityMatches } from './verdict.js';
export {
  provenanceFromAnnotations,
  provenanceFromAttestation,
  provenanceFromStatement,
  repositoryUrl,
} from './provenance.js';

/** Verifies one signature artifact for `subjectDigest`. `subjectManifest`: the image manifest's
 * bytes when they are at hand (only a Sigstore message signature needs them). */
export function verifySignature(
  artifact: SignatureArtifact,
  subjectDigest: string,
  trust: VerifyTrust,
  subjectManifest?: Uint8Array,
): Verdict {
  let manifest: ArtifactManifest;
  try {
    manifest = readArtifact(artifact.manifest, artifact.blobs);
  } catch (e) {
    return invalid(`malformed: ${(e as Error).message.slice(0, 200)}`);
  }
  try {
    switch (artifact.kind) {
      case 'cosign':
        return verifyCosign(manifest, subjectDigest, trust);
      case 'sigstore-bundle':
        return verifyBundle(manifest, subjectDigest, trust, subjectManifest);
      case 'notation':
        return verifyNotation(manifest, subjectDigest, trust);
    }
  } catch (e) {
    // a library threw on input it should have refused: still a verdict, never an exception
    return invalid(`malformed: ${(e as Error).message.slice(0, 200)}`);
  }
}
