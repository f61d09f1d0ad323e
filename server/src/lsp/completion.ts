// Completion of tags (after `name:`) and digests (after `name:tag@`) in every file type the product
// reads. Look up, delegate, convert: the site comes from the text, whether it names an image from
// the extractors (the text with the reference completed), the tags from the hub (cached, shared,
// cancellable like hovers), the choices from policy.
import {
  CompletionItemKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver';
import { completionSite, type CompletionSite } from '../extract/completionSite.js';
import { toImageName } from '../model/imageName.js';
import { LineIndex } from '../model/range.js';
import { digestChoices, tagChoices, type CompletionChoice } from '../policy/completion.js';
import { toAbortSignal } from './cancellation.js';
import type { DocumentIndex } from './documents.js';
import type { FactsHolder } from './facts.js';

interface CompletionDeps {
  documents: DocumentIndex;
  facts: FactsHolder;
  now: () => number;
  lifetime: AbortSignal;
}

export const COMPLETION_TRIGGERS = [':', '@'];

/** A digest every extractor accepts in a probe; no repository has it. */
const PROBE_DIGEST = `sha256:${'0'.repeat(64)}`;

export async function provideCompletion(
  deps: CompletionDeps,
  params: CompletionParams,
  token: CancellationToken,
): Promise<CompletionList | null> {
  const doc = deps.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const text = doc.getText();
  const site = completionSite(text, doc.offsetAt(params.position));
  if (!site) return null;
  const target = await imageAt(deps.documents, doc.uri, doc.languageId, text, site);
  if (!target || token.isCancellationRequested) return null;
  const bridge = toAbortSignal(token, deps.lifetime);
  try {
    const choices =
      site.kind === 'tag'
        ? await tagItems(deps, target, site, bridge.signal)
        : await digestItems(deps, target, site, bridge.signal);
    if (!choices || bridge.signal.aborted) return null;
    const index = new LineIndex(text);
    const range = index.rangeOf(site.replaceStart, site.replaceEnd);
    const items: CompletionItem[] = choices.map((c) => ({
      label: c.label,
      kind: site.kind === 'tag' ? CompletionItemKind.Value : CompletionItemKind.Constant,
      detail: c.detail,
      sortText: c.sortText,
      filterText: c.label,
      preselect: c.preselect || undefined,
      textEdit: { range, newText: c.label },
    }));
    return { isIncomplete: false, items };
  } finally {
    bridge.dispose();
  }
}

interface Target {
  registry: string;
  repository: string;
}

/** The normalised repository the site names, if the extractors read an image there once the
 * reference is completed (so `name:` in a comment, a label or an unrelated key completes nothing). */
async function imageAt(
  documents: DocumentIndex,
  uri: string,
  languageId: string,
  text: string,
  site: CompletionSite,
): Promise<Target | null> {
  const completed =
    site.kind === 'tag' ? `${site.name}:latest` : `${site.name}${site.tag ? `:${site.tag}` : ''}@${PROBE_DIGEST}`;
  const probe = text.slice(0, site.tokenStart) + completed + text.slice(site.tokenEnd);
  const refs = await documents.references({ uri, version: null, text: probe, languageId });
  const start = new LineIndex(probe).positionAt(site.tokenStart);
  const ref = refs.find(
    (r) => !r.skip && r.range.start.line === start.line && r.range.start.character === start.character,
  );
  if (!ref?.registry || !ref.repository) return null;
  const parsed = toImageName(completed);
  return parsed.ok ? { registry: parsed.value.registry, repository: parsed.value.repository } : null;
}

async function tagItems(
  deps: CompletionDeps,
  t: Target,
  site: CompletionSite,
  signal: AbortSignal,
): Promise<CompletionChoice[] | null> {
  const service = deps.facts.current;
  if (!service.tags) return null;
  // what the tag written there pulls now (marks the tags with the same digest)
  const written = site.current ? { ...t, tag: site.current, digest: null } : null;
  const [list, current] = await Promise.all([
    service.tags(t, signal),
    written ? Promise.resolve(deps.facts.peek(written)) : Promise.resolve(undefined),
  ]);
  if (!list) return null;
  return tagChoices(list, current, site.current, deps.now());
}

async function digestItems(
  deps: CompletionDeps,
  t: Target,
  site: CompletionSite,
  signal: AbortSignal,
): Promise<CompletionChoice[] | null> {
  const target = { ...t, tag: site.tag ?? 'latest', digest: null };
  const facts = deps.facts.peek(target) ?? (await deps.facts.lookup(target, signal));
  return digestChoices(site.tag ?? 'latest', facts);
}
