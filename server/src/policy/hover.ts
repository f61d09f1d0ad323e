// Hover content for one reference: who publishes it, whether what it pulls is signed, how old it
// is, what it points to — or why it was skipped, or why facts are missing. Markdown built here is
// never trusted: every value that came from a registry is escaped or put in a code span.
import { BADGE_LABELS, type Badge, type ImageFacts } from '../model/facts.js';
import { familiarName, isDockerHub } from '../model/imageName.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { evaluate } from './evaluate.js';
import { lookalikeSources } from './lookalike/judge.js';
import { isMultiArch, platformString } from './platforms.js';
import { cellCode, clip, code, escapeMarkdown } from './markdown.js';
import { compareLine, provenanceLine, signatureSection } from './signatureHover.js';
import { relativeTime, utcTime } from './time.js';

export const DCT_NOTE =
  'Docker Content Trust (Notary v1) is not checked: Docker is shutting it down on 2026-12-08.';

const BADGE_TEXT: Record<Badge, string> = {
  official: `**${BADGE_LABELS.official}**: curated and rebuilt by Docker.`,
  verified_publisher: `**${BADGE_LABELS.verified_publisher}**: a commercial publisher whose identity Docker has verified.`,
  open_source: `**${BADGE_LABELS.open_source}**: an open-source project in the Docker-Sponsored Open Source program.`,
  none: `**${BADGE_LABELS.none}**: nobody vouches for this publisher. Anyone can create a Docker Hub namespace.`,
};

const SKIP_TEXT: Record<NonNullable<ImageReference['skip']>, string> = {
  variable: 'It uses a variable that has no default here, so the image cannot be known before build time.',
  stage: 'It names an earlier build stage, not an image.',
  scratch: '`scratch` is the empty image: there is nothing to pull.',
  built: 'This Compose service builds the image itself (`build:`), so it is not pulled.',
  invalid: 'This is not a valid image reference.',
};

export function hoverMarkdown(ref: ImageReference, facts: ImageFacts | undefined, settings: Settings, now = Date.now()): string {
  const lines: string[] = [];
  const title = ref.image ?? ref.text;
  lines.push(`**${code(clip(title, 200))}**`);
  if (ref.skip) {
    lines.push('', `Not looked up: ${SKIP_TEXT[ref.skip]}`);
    if (ref.skipDetail) lines.push('', escapeMarkdown(ref.skipDetail));
    return lines.join('\n');
  }
  if (ref.platform) lines.push('', `Platform: ${code(ref.platform)}`);
  if (!facts) {
    lines.push('', '_Looking up facts…_');
    return lines.join('\n');
  }
  publisherSection(lines, ref, facts);
  if (facts.error && !facts.stale) {
    lines.push('', errorLine(facts, now));
  } else {
    signatureSection(lines, facts);
    attestationSection(lines, ref, facts);
    ageSection(lines, facts, now);
    digestSection(lines, ref, facts);
    if (facts.stale && facts.error) lines.push('', errorLine(facts, now));
    if (facts.partial) lines.push('', `⚠ Some facts are missing: ${escapeMarkdown(clip(facts.partial.message, 300))}.`);
  }
  const findings = evaluate(ref, facts, settings, now);
  if (findings.length) {
    lines.push('', ...findings.map((f) => `- ${f.severity}: ${escapeMarkdown(f.message)} (${code(f.code)})`));
    if (findings.some((f) => f.code === 'lookalike')) lines.push('', `_Compared with the lists shipped with Image Trust: ${escapeMarkdown(lookalikeSources())}._`);
  }
  if (ref.noFixReason && !ref.digest) lines.push('', `No pin quick fix: ${escapeMarkdown(ref.noFixReason)}`);
  if (facts.description) lines.push('', `Description (from the registry): ${escapeMarkdown(clip(facts.description, 300))}`);
  const link = hubLink(ref);
  if (link) lines.push('', `[Open on Docker Hub](${link})`);
  lines.push('', `_${DCT_NOTE}_`);
  if (!facts.stale) lines.push('', `_Facts as of ${relativeTime(facts.fetchedAt, now)}._`);
  return lines.join('\n');
}

function publisherSection(lines: string[], ref: ImageReference, facts: ImageFacts): void {
  if (!ref.registry || !isDockerHub(ref.registry)) {
    lines.push('', `Publisher: no publisher badges outside Docker Hub (registry ${code(ref.registry ?? '?')}).`);
    return;
  }
  const ns = facts.publisher?.namespace ?? ref.repository?.split('/')[0] ?? '?';
  const badge = facts.publisher?.badge;
  const text = badge ? BADGE_TEXT[badge] : 'Publisher status unknown: the badge could not be looked up.';
  lines.push('', `Publisher ${code(ns)}: ${text}`);
}

function attestationSection(lines: string[], ref: ImageReference, facts: ImageFacts): void {
  if (facts.attestations.length) {
    const kinds = [...new Set(facts.attestations.map((a) => (a.kind === 'sbom' ? 'SBOM' : a.kind)))].join(', ');
    lines.push('', `Attestations: ${escapeMarkdown(kinds)}.`);
  }
  const built = provenanceLine(facts.provenance);
  if (built) lines.push('', built);
  const compare = ref.digest ? compareLine(facts.provenance, facts.latestProvenance) : null;
  if (compare) lines.push('', compare);
}

function ageSection(lines: string[], facts: ImageFacts, now: number): void {
  if (!facts.lastPushed) return;
  const at = Date.parse(facts.lastPushed);
  if (Number.isNaN(at)) return;
  lines.push('', `Last pushed: ${relativeTime(at, now)} (${utcTime(at)}).`);
}

function digestSection(lines: string[], ref: ImageReference, facts: ImageFacts): void {
  if (!facts.digest) return;
  const multi = isMultiArch(facts);
  const what = ref.tag && !ref.digest ? `The tag ${code(ref.tag)} points to` : 'Digest:';
  lines.push('', `${what} ${code(facts.digest)}${multi ? ' (multi-arch index)' : ''}.`);
  if (multi && facts.platforms.length) {
    lines.push('', '| platform | digest |', '|---|---|');
    for (const p of facts.platforms.slice(0, 16)) lines.push(`| ${cellCode(platformString(p))} | ${cellCode(p.digest)} |`);
    lines.push('', 'Pin the index digest: it is one immutable name for every platform, so each machine still pulls its own.');
  }
}

function errorLine(facts: ImageFacts, now: number): string {
  const e = facts.error;
  if (!e) return '';
  const why: Record<string, string> = {
    'not-found': 'Not found',
    unauthorized: 'Not authorized (sign in or check credentials)',
    'rate-limited': `Rate limited${e.retryAt ? ` until ${utcTime(Date.parse(e.retryAt))}` : ''}`,
    network: 'Network error (offline?)',
    timeout: 'The registry did not answer in time',
    'bad-response': 'The registry sent an unexpected answer',
    offline: 'Offline: not contacted',
  };
  const head = why[e.kind] ?? e.kind;
  const age = facts.stale ? ` Showing facts as of ${relativeTime(facts.fetchedAt, now)}.` : '';
  return `⚠ ${head}: ${escapeMarkdown(clip(e.message, 300))}.${age}`;
}

function hubLink(ref: ImageReference): string | null {
  if (!ref.registry || !ref.repository || !isDockerHub(ref.registry)) return null;
  const name = familiarName(ref.registry, ref.repository);
  const path = name.includes('/') ? `r/${name}` : `_/${name}`;
  return `https://hub.docker.com/${path.split('/').map(encodeURIComponent).join('/')}`;
}
