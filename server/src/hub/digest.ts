// Digests from the network are untrusted: a registry header or a manifest could carry any text,
// and a digest ends up in the user's files through a pin fix. Only digests that the reference
// grammar accepts (algorithm + hex of its exact length) get past this edge.
import { validateDigest } from '../model/imageName.js';

/** The value when it is a valid digest, else null. */
export function digestOrNull(v: unknown): string | null {
  return typeof v === 'string' && validateDigest(v) === null ? v : null;
}
