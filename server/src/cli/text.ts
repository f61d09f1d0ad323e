// Text output for people: one block per reference, `file:line:col` first so editors and terminals
// can jump to it. Lines hold file and registry text as it is; Output (output.ts) escapes it.
import { BADGE_LABELS, NOT_READ, type ImageFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { DHI_LABEL, DHI_REGISTRY, isDockerHardened } from '../model/hardened.js';
import { isDockerHub } from '../model/imageName.js';
import type { ImageReference } from '../model/reference.js';
import { isMultiArch, shortDigest } from '../policy/index.js';
import { relativeTime } from '../policy/time.js';
import { signerText } from '../policy/trustChange.js';

export function location(ref: ImageReference): string {
  return `${ref.file}:${ref.range.start.line + 1}:${ref.range.start.character + 1}`;
}

export function scanLine(ref: ImageReference): string {
  const what = ref.image ?? ref.text;
  const platform = ref.platform ? ` (${ref.platform})` : '';
  const skip = ref.skip ? `  [skipped: ${ref.skip}${ref.skipDetail ? ` — ${ref.skipDetail}` : ''}]` : '';
  return `${location(ref)}  ${ref.source}  ${what}${platform}${skip}`;
}

/** The Docker Hub pull budget its registry last reported (the lowest seen: the latest), for the
 * summary line; null when no Docker Hub answer said. */
export function pullBudget(
  facts: ReadonlyArray<{ ref: ImageReference; facts: ImageFacts | undefined }>,
): string | null {
  let best: { remaining: number; limit: number | null } | null = null;
  for (const { ref, facts: f } of facts) {
    const r = f?.rateLimit;
    if (!ref.registry || !isDockerHub(ref.registry) || typeof r?.remaining !== 'number') continue;
    if (!best || r.remaining < best.remaining) best = { remaining: r.remaining, limit: r.limit };
  }
  return best
    ? `Docker Hub pulls left: ${best.remaining}${best.limit ? ` of ${best.limit}` : ''} (6-hour window)`
    : null;
}

/** One detail line under a reference: a label column wide enough for "information". */
const row = (label: string, text: string): string => `  ${label.padEnd(12)}${text}`;

export function checkBlock(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  findings: Finding[],
  now: number,
): string[] {
  const lines = [scanLine(ref)];
  if (!ref.skip && facts) {
    const data = facts.error === null || facts.stale;
    if (data) {
      if (isDockerHardened(ref.registry))
        lines.push(row('publisher', `${DHI_LABEL} (Docker; ${DHI_REGISTRY} needs a Docker login)`));
      if (ref.registry && isDockerHub(ref.registry)) {
        const badge = facts.publisher?.badge;
        lines.push(
          row(
            'publisher',
            `${facts.publisher?.namespace ?? '?'}: ${!badge ? 'unknown (badge lookup failed)' : badge === 'none' ? 'no badge (nobody vouches)' : BADGE_LABELS[badge]}`,
          ),
        );
      }
      const sig = !facts.signedDigest
        ? 'not checked'
        : facts.signatures.length
          ? signatureText(facts)
          : `no signature found for ${shortDigest(facts.signedDigest)}…`;
      const attested =
        facts.attestations === null
          ? '; attestations: unknown (index not read)'
          : facts.attestations.length
            ? `; attestations: ${[...new Set(facts.attestations.map((a) => a.kind))].join(', ')}`
            : '';
      lines.push(row('signature', `${sig}${attested}`));
      if (facts.lastPushed)
        lines.push(
          row('pushed', `${relativeTime(Date.parse(facts.lastPushed), now)} (${facts.lastPushed.slice(0, 10)})`),
        );
      if (facts.digest) {
        const platforms = facts.platforms === null ? 'platforms not read' : `${facts.platforms.length} platforms`;
        const multi = isMultiArch(facts) ? ` (multi-arch index, ${platforms})` : '';
        lines.push(row('digest', `${facts.digest}${multi}`));
      }
      if (facts.stale) lines.push(row('cached', `facts as of ${relativeTime(facts.fetchedAt, now)}`));
    }
    if (facts.error) lines.push(row('lookup', `${facts.error.kind}: ${facts.error.message}`));
    else if (facts.partial) lines.push(row('lookup', `partly failed: ${facts.partial.message}`));
  }
  for (const f of findings) lines.push(row(f.severity, `${f.code}: ${f.message}`));
  return lines;
}

/** The signatures in one cell: who verified, else what failed, else what was found. */
function signatureText(facts: ImageFacts): string {
  const kinds = [...new Set(facts.signatures.map((s) => s.kind))].join(', ');
  const verified = facts.signatures.find((s) => s.verification === 'verified' && s.signer);
  if (verified?.signer) return `verified: signed by ${signerText(verified.signer)} (${verified.kind})`;
  const invalid = facts.signatures.find((s) => s.verification === 'invalid');
  if (invalid) return `INVALID (${invalid.kind}): ${invalid.reason ?? 'it does not hold'}`;
  const reason = facts.signatures.find((s) => s.reason && s.reason !== NOT_READ)?.reason;
  return `signed (${kinds}), not verified${reason ? `: ${reason}` : ''}`;
}
