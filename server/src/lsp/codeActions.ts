// Code actions: the quick fixes policy offers for the references under the range (the pin is
// preferred), and `source.fixAll.imageTrust` (pin every reference of the file) so that fix-on-save
// works. Every edit names the document version it was computed for.
import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { ImageFacts } from '../model/facts.js';
import type { ImageReference } from '../model/reference.js';
import { fixActions, pinAllEdits } from '../policy/index.js';
import { toAbortSignal } from './cancellation.js';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, toQuickFix, toWorkspaceEdit } from './convert.js';
import type { DocumentIndex } from './documents.js';
import type { FactsHolder } from './facts.js';
import type { SettingsStore } from './settings.js';

export interface CodeActionDeps {
  documents: DocumentIndex;
  settings: SettingsStore;
  facts: FactsHolder;
  documentChanges: boolean;
  now: () => number;
  lifetime: AbortSignal;
}

function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export async function provideCodeActions(deps: CodeActionDeps, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[] | null> {
  const doc = deps.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const snapshot = deps.documents.snapshot(doc);
  const only = params.context.only;
  const quickFix = wanted(only, CodeActionKind.QuickFix);
  const fixAll = wanted(only, FIX_ALL_KIND);
  if (!quickFix && !fixAll) return null;

  const settings = await deps.settings.forResource(doc.uri);
  const refs = quickFix ? await deps.documents.referencesIn(snapshot, params.range) : [];
  const all = fixAll ? await deps.documents.references(snapshot) : refs;
  const bridge = toAbortSignal(token, deps.lifetime);
  let factsOf: Map<ImageReference, ImageFacts | undefined>;
  try {
    factsOf = await factsFor(deps.facts, fixAll ? all : refs, bridge.signal);
  } finally {
    bridge.dispose();
  }
  // the answer is for the version we read; a newer text needs a new request
  if (token.isCancellationRequested || deps.documents.get(doc.uri)?.version !== snapshot.version) return null;

  const target = { uri: doc.uri, version: doc.version };
  const actions: CodeAction[] = [];
  for (const ref of refs) {
    for (const action of fixActions(ref, factsOf.get(ref), settings, deps.now())) {
      const diagnostics = params.context.diagnostics.filter((d) => matches(d, ref, action.code));
      actions.push(toQuickFix(action, target, diagnostics, deps.documentChanges));
    }
  }
  if (fixAll) {
    const { edits } = pinAllEdits(all, (r) => factsOf.get(r));
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

function matches(d: Diagnostic, ref: ImageReference, code: string | null): boolean {
  return (
    d.source === DIAGNOSTIC_SOURCE &&
    code !== null &&
    d.code === code &&
    d.range.start.line === ref.range.start.line &&
    d.range.start.character === ref.range.start.character
  );
}

/** Facts for the references: cached ones at once, the rest looked up (the wait ends on cancel). */
async function factsFor(
  facts: FactsHolder,
  refs: ImageReference[],
  signal: AbortSignal,
): Promise<Map<ImageReference, ImageFacts | undefined>> {
  const out = new Map<ImageReference, ImageFacts | undefined>();
  await Promise.all(
    refs.map(async (ref) => {
      if (ref.skip || !ref.registry || !ref.repository) return;
      out.set(ref, facts.peek(ref) ?? (await facts.lookup(ref, signal)));
    }),
  );
  return out;
}
