// The verdict at a glance: one line a person reads before anything else — who vouches for the
// publisher, whether what would be pulled is signed, how old it is, how many platforms. Plain text
// parts; each view joins and escapes them its own way (hover markdown, tree item, report).
import { BADGE_LABELS, type ImageFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { DHI_LABEL, isDockerHardened } from '../model/hardened.js';
import { isDockerHub } from '../model/imageName.js';
import type { ImageReference } from '../model/reference.js';
import { isMultiArch } from './platforms.js';
import { relativeTime } from './time.js';
import { signerText } from './trustChange.js';

const SKIPPED: Record<NonNullable<ImageReference['skip']>, string> = {
  variable: 'not looked up: depends on a variable',
  stage: 'a build stage',
  scratch: 'the empty image',
  built: 'built by Compose',
  invalid: 'not a valid image reference',
};

const FAILED: Record<string, string> = {
  'not-found': 'does not exist',
  unauthorized: 'not authorized',
  'rate-limited': 'rate limited',
  network: 'registry unreachable',
  timeout: 'registry did not answer',
  'bad-response': 'unexpected registry answer',
  offline: 'not looked up (offline)',
};

/** Findings that change what an image is, said before anything else when present. */
const WARNINGS: Record<string, string> = {
  'known-malicious': 'reported malicious',
  lookalike: 'a look-alike name',
  'signature-invalid': 'a signature does not hold',
  'untrusted-signer': 'not signed by whom the trust policy names',
  archived: 'archived: no more updates',
};

export function glanceParts(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  now: number,
  findings: readonly Finding[] = [],
): string[] {
  if (ref.skip) return [SKIPPED[ref.skip]];
  const parts: string[] = findings.flatMap((f) => (WARNINGS[f.code] ? [`⚠ ${WARNINGS[f.code]}`] : []));
  if (!facts) return [...parts, 'looking up…'];
  if (facts.error && !facts.stale) {
    parts.push(FAILED[facts.error.kind] ?? facts.error.kind);
    return parts;
  }
  parts.push(publisher(ref, facts));
  parts.push(signature(facts));
  const pushed = facts.lastPushed ? Date.parse(facts.lastPushed) : NaN;
  if (!Number.isNaN(pushed)) parts.push(`pushed ${relativeTime(pushed, now)}`);
  if (isMultiArch(facts))
    parts.push(facts.platforms && facts.platforms.length > 1 ? `${facts.platforms.length} platforms` : 'multi-arch');
  if (facts.stale) parts.push(`facts as of ${relativeTime(facts.fetchedAt, now)}`);
  return parts;
}

export function glanceLine(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  now: number,
  findings: readonly Finding[] = [],
): string {
  return glanceParts(ref, facts, now, findings).join(' · ');
}

function publisher(ref: ImageReference, facts: ImageFacts): string {
  if (isDockerHardened(ref.registry)) return DHI_LABEL;
  if (!ref.registry || !isDockerHub(ref.registry)) return ref.registry ?? 'unknown registry';
  const ns = facts.publisher?.namespace ?? ref.repository?.split('/')[0] ?? '?';
  const badge = facts.publisher?.badge;
  if (badge === 'official') return BADGE_LABELS.official;
  if (badge === 'verified_publisher' || badge === 'open_source') return `${BADGE_LABELS[badge]} ${ns}`;
  if (badge === 'none') return `Nobody vouches for ${ns}`;
  return `publisher ${ns} unknown`;
}

function signature(facts: ImageFacts): string {
  if (!facts.signedDigest) return 'signatures not checked';
  if (facts.signatures.length === 0) return 'unsigned';
  const verified = facts.signatures.find((s) => s.verification === 'verified' && s.signer);
  if (verified?.signer) return `signed by ${signerText(verified.signer)}`;
  if (facts.signatures.some((s) => s.verification === 'invalid')) return 'a signature does not hold';
  return `signed (${[...new Set(facts.signatures.map((s) => s.kind))].join(', ')}), not verified`;
}
