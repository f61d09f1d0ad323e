// Code actions: the quick fixes the diagnostics under the range carry (built with their findings,
// for one document version), and `source.fixAll.imageTrust` (pin every reference of the file) so
// that fix-on-save works. Fixes are recomputed only when the client sent none of ours for the
// current version. Every edit names the document version it was computed for.
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver';
import { lookupMany } from '../hub/index.js';
import { lookupKey, type ImageReference } from '../model/reference.js';
import { fixActions, pinAllEdits } from '../policy/index.js';
import { toAbortSignal } from './cancellation.js';
import { diagnosticData, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, toQuickFix, toWorkspaceEdit } from './convert.js';
import type { DocumentIndex } from './documents.js';
import type { FactsHolder } from './facts.js';
import type { SettingsStore } from './settings.js';
import { UPDATE_KIND, updateActions } from './updateActions.js';

interface CodeActionDeps {
  documents: DocumentIndex;
  settings: SettingsStore;
  facts: FactsHolder;
  documentChanges: boolean;
  now: () => number;
  lifetime: AbortSignal;
}

/** `context.only` as LSP says (an array), or a single kind as some clients send it. */
function onlyKinds(only: unknown): string[] | undefined {
  if (typeof only === 'string') return [only];
  return Array.isArray(only) ? only.filter((k): k is string => typeof k === 'string') : undefined;
}

function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export async function provideCodeActions(
  deps: CodeActionDeps,
  params: CodeActionParams,
  token: CancellationToken,
): Promise<CodeAction[] | null> {
  const doc = deps.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const only = onlyKinds(params.context.only);
  const quickFix = wanted(only, CodeActionKind.QuickFix);
  const fixAll = wanted(only, FIX_ALL_KIND);
  const update = wanted(only, UPDATE_KIND);
  if (!quickFix && !fixAll && !update) return null;
  const target = { uri: doc.uri, version: doc.version };
  const diagnostics = Array.isArray(params.context.diagnostics) ? params.context.diagnostics : [];

  const snapshot = deps.documents.snapshot(doc);
  const inRange = quickFix || update ? await deps.documents.referencesIn(snapshot, params.range) : [];
  // FROM --platform's own digest is named only by the image index, which diagnostics never read (a
  // counted pull on Docker Hub): for such a reference the index is read (once) and its fixes
  // recomputed, since the ones its diagnostic carries may predate the read
  const wantIndex = quickFix ? inRange.filter((r) => r.platform && !r.digest && !r.skip) : [];
  const carried = quickFix && wantIndex.length === 0 ? carriedFixes(diagnostics, target, deps.documentChanges) : null;
  if (carried && !fixAll && !update) return carried;

  // Recompute: the client sent no diagnostics of ours for this version (or asked for fix-all).
  const settings = await deps.settings.forResource(doc.uri);
  const refs = quickFix && !carried ? inRange : [];
  const all = fixAll ? await deps.documents.references(snapshot) : [];
  const bridge = toAbortSignal(token, deps.lifetime);
  let facts;
  let updates;
  try {
    await Promise.all(wantIndex.map((r) => deps.facts.readIndex(r, bridge.signal)));
    [facts, updates] = await Promise.all([
      lookupMany(deps.facts, [...refs, ...all], { signal: bridge.signal, preferCached: true }),
      update ? updateActions(deps.facts, inRange, target, deps.documentChanges, bridge.signal) : [],
    ]);
  } finally {
    bridge.dispose();
  }
  // the answer is for the version we read; a newer text needs a new request
  if (token.isCancellationRequested || deps.documents.get(doc.uri)?.version !== snapshot.version) return null;
  const factsOf = (r: ImageReference) => facts.get(lookupKey(r));

  const actions: CodeAction[] = carried ?? [];
  for (const ref of refs) {
    for (const action of fixActions(ref, factsOf(ref), settings, deps.now())) {
      const fixed = diagnostics.filter((d) => matches(d, ref, action.code));
      actions.push(toQuickFix(action, target, fixed, deps.documentChanges));
    }
  }
  actions.push(...updates);
  if (fixAll) {
    const { edits } = pinAllEdits(all, factsOf);
    if (edits.length > 0) {
      actions.push({
        title: `Pin ${edits.length === 1 ? 'the image' : `all ${edits.length} images`} in this file to their digests`,
        kind: FIX_ALL_KIND,
        edit: toWorkspaceEdit([{ ...target, edits }], deps.documentChanges),
      });
    }
  }
  return actions;
}

/** Quick fixes from the diagnostics' own data; null when the client sent none of ours, or any of
 * ours was built for another version of this document (then everything is recomputed). */
function carriedFixes(
  diagnostics: Diagnostic[],
  target: { uri: string; version: number },
  documentChanges: boolean,
): CodeAction[] | null {
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  if (ours.length === 0) return null;
  const actions: CodeAction[] = [];
  let carried = false;
  for (const d of ours) {
    const data = diagnosticData(d);
    if (data === 'none') continue;
    if (!data || data.uri !== target.uri || data.version !== target.version) return null;
    carried = true;
    for (const fix of data.fixes) actions.push(toQuickFix(fix, target, [d], documentChanges));
  }
  // none carried any: a client that drops data, or diagnostics without fixes; recomputed to be sure
  return carried ? actions : null;
}

function matches(d: Diagnostic, ref: ImageReference, code: string): boolean {
  return (
    d.source === DIAGNOSTIC_SOURCE &&
    d.code === code &&
    d.range.start.line === ref.range.start.line &&
    d.range.start.character === ref.range.start.character
  );
}
