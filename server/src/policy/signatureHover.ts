// Hover lines for signatures (who signed and how it was checked, or why it is invalid or not
// verified) and provenance (the source at its commit; a drift's compare view). Every value came
// from a registry: identities and reasons are values of the hover document (markdown.ts), and links
// are built only from https repository URLs that verify/provenance.ts validated, on hosts whose URL
// layout is known (GitHub, GitLab), with revisions that are commits or tag-like refs.
import type { ImageFacts, Provenance, Signature } from '../model/facts.js';
import { clip, code, link, md, strong, type MarkdownDoc, type Span } from './markdown.js';

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const KIND: Record<Signature['kind'], string> = {
  cosign: 'cosign',
  'sigstore-bundle': 'Sigstore bundle',
  notation: 'Notation',
};
const MAX_SHOWN = 5;

const day = (iso: string | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '');

function logged(s: Signature): string {
  const d = day(s.evidence?.loggedAt);
  return d ? `, in the transparency log since ${d}` : '';
}

/** One line: who signed and how it was checked, or why not. */
function signatureLine(s: Signature): Span {
  const kind = KIND[s.kind] ?? String(s.kind);
  if (s.verification === 'verified' && s.signer) {
    if ('key' in s.signer) {
      return s.kind === 'notation'
        ? md`Signed under the CA ${code(clip(s.signer.key, 100))} (Notation${s.evidence?.subject ? md`, certificate ${code(clip(s.evidence.subject, 120))}` : ''}).`
        : md`Signed with the key ${code(clip(s.signer.key, 100))} (${kind}${logged(s)}).`;
    }
    const { issuer, identity } = s.signer;
    const who =
      issuer === GITHUB_ISSUER && identity.startsWith('https://github.com/')
        ? md`the GitHub workflow ${code(clip(identity.slice('https://'.length), 200))}`
        : md`${code(clip(identity, 200))} (issuer ${code(clip(issuer, 120))})`;
    return md`Signed by ${who} (Sigstore${logged(s)}).`;
  }
  const reason = clip(s.reason ?? 'not checked', 300);
  return s.verification === 'invalid'
    ? md`⚠ A ${kind} signature ${strong('does not hold')}: ${reason}.`
    : md`A ${kind} signature, ${strong('not verified')}: ${reason}.`;
}

export function signatureSection(doc: MarkdownDoc, facts: ImageFacts): void {
  if (!facts.signedDigest) {
    doc.para(md`Signatures: not checked.`);
    return;
  }
  if (facts.signatures.length === 0) {
    doc.para(
      md`Signatures: ${strong('no signature found')} for ${code(facts.signedDigest)} (looked for cosign, Sigstore bundles and Notation).`,
    );
    return;
  }
  // verified first, then invalid, then the rest: the answer to "who signed this?" leads
  const rank = (s: Signature): number => (s.verification === 'verified' ? 0 : s.verification === 'invalid' ? 1 : 2);
  const sorted = [...facts.signatures].sort((a, b) => rank(a) - rank(b));
  doc.para(md`Signatures of ${code(facts.signedDigest)}:`);
  doc.list([
    ...sorted.slice(0, MAX_SHOWN).map(signatureLine),
    ...(sorted.length > MAX_SHOWN ? [md`and ${String(sorted.length - MAX_SHOWN)} more.`] : []),
  ]);
}

const LINKABLE_HOSTS = /^(github\.com|gitlab\.com)$/i;

function linkable(p: Provenance | null | undefined): p is Provenance & { sourceRepository: string } {
  if (!p?.sourceRepository) return false;
  try {
    const u = new URL(p.sourceRepository);
    return (
      u.protocol === 'https:' &&
      LINKABLE_HOSTS.test(u.hostname) &&
      /^\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/.test(u.pathname)
    );
  } catch {
    return false;
  }
}

const shortRev = (rev: string): string => (/^[0-9a-f]{40,64}$/.test(rev) ? rev.slice(0, 12) : clip(rev, 80));
const label = (url: string): string => url.replace(/^https?:\/\//, '');

/** "Built from [github.com/acme/app at 3f2a9c1d5e7b](…/tree/3f2a…) (SLSA provenance, builder `…`)". */
export function provenanceLine(p: Provenance | null): Span | null {
  if (!p || (!p.sourceRepository && !p.builder)) return null;
  const from = p.from === 'slsa-provenance' ? 'SLSA provenance' : 'OCI annotations, the publisher’s claim';
  const builder = p.builder ? md`, builder ${code(clip(p.builder, 160))}` : '';
  if (!p.sourceRepository) return md`Built by ${code(clip(p.builder ?? '', 160))} (${from}).`;
  const text = `${label(p.sourceRepository)}${p.revision ? ` at ${shortRev(p.revision)}` : ''}`;
  const href = linkable(p)
    ? `${p.sourceRepository}${p.revision ? `/tree/${encodeURIComponent(p.revision).replace(/%2F/g, '/')}` : ''}`
    : null;
  return md`Built from ${href ? link(text, href) : text} (${from}${builder}).`;
}

/** A compare view from the pinned revision to the tag's current one, when both are known and
 * from the same repository. */
export function compareLine(pinned: Provenance | null, latest: Provenance | undefined): Span | null {
  if (
    !linkable(pinned) ||
    !latest ||
    latest.sourceRepository !== pinned.sourceRepository ||
    !pinned.revision ||
    !latest.revision ||
    pinned.revision === latest.revision
  )
    return null;
  const host = new URL(pinned.sourceRepository).hostname.toLowerCase();
  const range = `${encodeURIComponent(pinned.revision)}...${encodeURIComponent(latest.revision)}`;
  const url =
    host === 'gitlab.com'
      ? `${pinned.sourceRepository}/-/compare/${range}`
      : `${pinned.sourceRepository}/compare/${range}`;
  return md`Source changes since the pinned digest: ${link(`${shortRev(pinned.revision)}…${shortRev(latest.revision)}`, url)}.`;
}
