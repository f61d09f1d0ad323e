// Hover content for one reference: who publishes it, whether what it pulls is signed, how old it
// is, what it points to — or why it was skipped, or why facts are missing. Built as a MarkdownDoc
// (markdown.ts): every value that came from a registry or a file is a value there, shown as text
// in Markdown and in plain text alike.
import { BADGE_LABELS, lowPullBudget, type Badge, type ImageFacts } from '../model/facts.js';
import { DHI_ATTESTATION_REGISTRY, DHI_LABEL, DHI_REGISTRY, isDockerHardened } from '../model/hardened.js';
import { familiarName, isDockerHub } from '../model/imageName.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import type { Finding } from '../model/finding.js';
import { evaluate } from './evaluate.js';
import { glanceLine } from './glance.js';
import { lookalikeSources } from './lookalike/judge.js';
import { clip, code, em, join, link, MarkdownDoc, md, strong, type Span } from './markdown.js';
import { isMultiArch, platformString } from './platforms.js';
import { ruleFor } from './rules/index.js';
import { compareLine, provenanceLine, signatureSection } from './signatureHover.js';
import { relativeTime, utcTime } from './time.js';

export const DCT_NOTE = 'Docker Content Trust (Notary v1) is not checked: Docker is shutting it down on 2026-12-08.';

const BADGE_TEXT: Record<Badge, Span> = {
  official: md`${strong(BADGE_LABELS.official)}: curated and rebuilt by Docker.`,
  verified_publisher: md`${strong(BADGE_LABELS.verified_publisher)}: a commercial publisher whose identity Docker has verified.`,
  open_source: md`${strong(BADGE_LABELS.open_source)}: an open-source project in the Docker-Sponsored Open Source program.`,
  none: md`${strong(BADGE_LABELS.none)}: nobody vouches for this publisher. Anyone can create a Docker Hub namespace.`,
};

const SKIP_TEXT: Record<NonNullable<ImageReference['skip']>, Span> = {
  variable: md`It uses a variable that has no default here, so the image cannot be known before build time.`,
  stage: md`It names an earlier build stage, not an image.`,
  scratch: md`${code('scratch')} is the empty image: there is nothing to pull.`,
  built: md`This Compose service builds the image itself (${code('build:')}), so it is not pulled.`,
  invalid: md`This is not a valid image reference.`,
};

interface HoverOptions {
  /** the client shows the diagnostics of the range with the hover (VS Code): the findings are then
   * named with what to do, not repeated word for word */
  diagnosticsShown?: boolean;
}

/** The hover of a reference; `.markdown()` for clients that render it, `.plainText()` for others.
 * First the verdict at a glance, then the facts, then what to do. */
export function hoverDoc(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now = Date.now(),
  options: HoverOptions = {},
): MarkdownDoc {
  const doc = new MarkdownDoc();
  const findings = evaluate(ref, facts, settings, now);
  doc.para(md`${strong(code(clip(ref.image ?? ref.text, 200)))} — ${glanceLine(ref, facts, now, findings)}`);
  if (ref.skip) {
    doc.para(md`Not looked up: ${SKIP_TEXT[ref.skip]}`);
    if (ref.skipDetail) doc.para(ref.skipDetail);
    return doc;
  }
  if (ref.platform) doc.para(md`Platform: ${code(ref.platform)}`);
  if (!facts) return doc.para(em('Looking up facts…'));
  publisherSection(doc, ref, facts);
  if (facts.error && !facts.stale) {
    doc.para(errorLine(facts, now));
  } else {
    signatureSection(doc, facts);
    attestationSection(doc, ref, facts);
    ageSection(doc, facts, now);
    digestSection(doc, ref, facts, settings);
    if (facts.stale && facts.error) doc.para(errorLine(facts, now));
    if (facts.partial) doc.para(md`⚠ Some facts are missing: ${clip(facts.partial.message, 300)}.`);
  }
  findingsSection(doc, findings, options.diagnosticsShown === true);
  if (findings.some((f) => f.code === 'lookalike'))
    doc.para(em(`Compared with the lists shipped with Image Trust: ${lookalikeSources()}.`));
  if (ref.noFixReason && !ref.digest) doc.para(md`No pin quick fix: ${ref.noFixReason}`);
  if (facts.description) doc.para(md`Description (from the registry): ${clip(facts.description, 300)}`);
  const hub = hubLink(ref);
  if (hub) doc.para(link('Open on Docker Hub', hub));
  if (ref.registry && isDockerHub(ref.registry) && lowPullBudget(facts.rateLimit)) doc.para(pullsNote(facts.rateLimit));
  doc.para(em(DCT_NOTE));
  // "as of" only for facts that were fetched: a failed lookup has none, stale facts say their age above
  if (facts.error === null && !facts.stale) doc.para(em(`Facts as of ${relativeTime(facts.fetchedAt, now)}.`));
  return doc;
}

/** What to do. Shown with the diagnostics (VS Code): each finding by name, with its quick fix, so
 * its message is not read twice; elsewhere the message itself. */
function findingsSection(doc: MarkdownDoc, findings: readonly Finding[], diagnosticsShown: boolean): void {
  if (!findings.length) return;
  doc.para(strong('What to do'));
  doc.list(
    findings.map((f) => {
      const head = diagnosticsShown ? md`${ruleFor(f.code)?.meta.title ?? f.code}` : md`${f.message}`;
      const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
      return md`${f.severity}: ${head} (${code(f.code)})${fix ? md` — quick fix: ${fix.title}` : ''}`;
    }),
  );
}

export function hoverMarkdown(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now = Date.now(),
  options: HoverOptions = {},
): string {
  return hoverDoc(ref, facts, settings, now, options).markdown();
}

const DHI_TEXT = md`Publisher: ${strong(DHI_LABEL)}: built, signed and maintained by Docker. Docker signs its attestations (SBOM, provenance, VEX), kept in ${code(DHI_ATTESTATION_REGISTRY)}, not the image index. Reading it needs a Docker login: ${code(`docker login ${DHI_REGISTRY}`)}, and ${code(`docker login ${DHI_ATTESTATION_REGISTRY}`)} for the attestations.`;

function publisherSection(doc: MarkdownDoc, ref: ImageReference, facts: ImageFacts): void {
  if (isDockerHardened(ref.registry)) {
    doc.para(DHI_TEXT);
    return;
  }
  if (!ref.registry || !isDockerHub(ref.registry)) {
    doc.para(md`Publisher: no publisher badges outside Docker Hub (registry ${code(ref.registry ?? '?')}).`);
    return;
  }
  const ns = facts.publisher?.namespace ?? ref.repository?.split('/')[0] ?? '?';
  const badge = facts.publisher?.badge;
  doc.para(
    md`Publisher ${code(ns)}: ${badge ? BADGE_TEXT[badge] : md`Publisher status unknown: the badge could not be looked up.`}`,
  );
}

function attestationSection(doc: MarkdownDoc, ref: ImageReference, facts: ImageFacts): void {
  if (facts.attestations?.length) {
    const kinds = join([...new Set(facts.attestations.map((a) => (a.kind === 'sbom' ? 'SBOM' : a.kind)))], ', ');
    doc.para(md`Attestations: ${kinds}.`);
  }
  const built = provenanceLine(facts.provenance);
  if (built) doc.para(built);
  const compare = ref.digest ? compareLine(facts.provenance, facts.latestProvenance) : null;
  if (compare) doc.para(compare);
}

function ageSection(doc: MarkdownDoc, facts: ImageFacts, now: number): void {
  if (!facts.lastPushed) return;
  const at = Date.parse(facts.lastPushed);
  if (Number.isNaN(at)) return;
  doc.para(md`Last pushed: ${relativeTime(at, now)} (${utcTime(at)}).`);
}

function digestSection(doc: MarkdownDoc, ref: ImageReference, facts: ImageFacts, settings: Settings): void {
  if (!facts.digest) return;
  const multi = isMultiArch(facts);
  const index = multi ? ' (multi-arch index)' : '';
  if (ref.digest && ref.tag && !ref.tagImplied && facts.digest !== ref.digest) {
    // a wrong pin: both digests, each said for what it is
    const missing = facts.pinnedDigestExists === false ? ', which the repository does not have' : '';
    doc.list([
      md`Pinned: ${code(ref.digest)}${missing}.`,
      md`What ${code(ref.tag)} points to now: ${code(facts.digest)}${index}.`,
    ]);
  } else if (ref.digest && ref.tag && !ref.tagImplied) {
    doc.para(md`Pinned: ${code(ref.digest)}${index}, what ${code(ref.tag)} points to now.`);
  } else {
    const what = ref.tag && !ref.digest ? md`The tag ${code(ref.tag)} points to` : md`Digest:`;
    doc.para(md`${what} ${code(facts.digest)}${index}.`);
  }
  if (facts.indexUnread) doc.para(indexNote(facts.indexUnread.error, settings));
  if (multi && facts.platforms?.length) {
    doc.table(
      ['platform', 'digest'],
      facts.platforms.slice(0, 16).map((p) => [code(platformString(p)), code(p.digest)]),
    );
    doc.para(
      md`Pin the index digest: it is one immutable name for every platform, so each machine still pulls its own.`,
    );
  }
}

function pullsNote(r: ImageFacts['rateLimit']): Span {
  const of = r?.limit ? ` of ${r.limit}` : '';
  return em(
    `Docker Hub pulls left: ${r?.remaining ?? '?'}${of} in this 6-hour window. Reading an image index or a signature costs one; the rest of a lookup is free.`,
  );
}

/** Why the platforms (and the attestations the index carries) are not shown, and how to see them. */
function indexNote(error: string | undefined, settings: Settings): Span {
  const head = em('Platforms and the attestations in the index: not read.');
  if (error) return md`${head} Reading the index failed: ${clip(error, 200)}.`;
  if (settings.dockerHub.readIndexes === 'never') {
    return md`${head} Docker Hub's tag API no longer lists them, and reading the index is one counted pull (once per index, then kept); ${code('imageTrust.dockerHub.readIndexes')} is ${code('never')}. Set it to ${code('on-demand')} to read it when you hover.`;
  }
  return md`${head} Docker Hub's tag API no longer lists them; hovering reads the index (one counted pull, once per index, then kept).`;
}

function errorLine(facts: ImageFacts, now: number): Span {
  const e = facts.error;
  if (!e) return md``;
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
  return md`⚠ ${head}: ${clip(e.message, 300)}.${age}`;
}

function hubLink(ref: ImageReference): string | null {
  if (!ref.registry || !ref.repository || !isDockerHub(ref.registry)) return null;
  const name = familiarName(ref.registry, ref.repository);
  const path = name.includes('/') ? `r/${name}` : `_/${name}`;
  return `https://hub.docker.com/${path.split('/').map(encodeURIComponent).join('/')}`;
}
