// How much trust a set of signatures carries, and whether moving from one digest to another loses
// some (SPEC §5 trust-downgrade). Ranked: a verified signer > signatures found but not verified >
// nothing. Moving is a downgrade when a verified signer of the current digest does not verify the
// new one, or when the current digest is signed and the new one is not. Signatures not read yet
// decide nothing (not checked is not "unsigned").
import { NOT_READ, type Provenance, type Signature, type Signer } from '../model/facts.js';

export function signerText(s: Signer): string {
  return 'key' in s ? `the key ${s.key}` : s.identity;
}

const sameSigner = (a: Signer, b: Signer): boolean =>
  'key' in a ? 'key' in b && a.key === b.key : !('key' in b) && a.issuer === b.issuer && a.identity === b.identity;

/** Words for what the new digest has, e.g. "is unsigned", "is signed by https://…", "has signatures that do not verify". */
function describe(to: Signature[]): string {
  const verified = to.filter((s) => s.signer).map((s) => signerText(s.signer as Signer));
  if (verified.length) return `is signed by ${verified.join(', ')} instead`;
  if (!to.length) return 'is unsigned';
  return to.some((s) => s.verification === 'invalid')
    ? 'has a signature that does not hold'
    : 'has no signature that verifies';
}

/** Why moving from `from` to `to` loses trust, in words; null when it does not (or it cannot be told). */
export function trustDowngrade(
  from: Signature[],
  to: Signature[],
  provenance?: { from: Provenance | null; to: Provenance | null },
): string | null {
  if (to.some((s) => s.reason === NOT_READ) && to.every((s) => s.verification !== 'verified')) return null;
  const signers = from.filter((s) => s.verification === 'verified' && s.signer).map((s) => s.signer as Signer);
  const kept = signers.filter((a) =>
    to.some((s) => s.verification === 'verified' && s.signer && sameSigner(a, s.signer)),
  );
  if (signers.length && !kept.length)
    return `it is signed by ${signers.map(signerText).join(', ')} (verified); the new digest ${describe(to)}`;
  if (!signers.length && from.length && !to.length) return 'it is signed; the new digest is unsigned';
  if (provenance?.from?.sourceRepository && provenance.to === null)
    return `its provenance (${provenance.from.sourceRepository}) is lost: the new digest states none`;
  return null;
}
