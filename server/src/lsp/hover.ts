// Hover: look up the reference under the cursor (signatures read and verified), ask policy for the text, convert. A cancelled
// hover stops waiting (null); the lookup it started goes on and fills the cache.
import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import type { Range } from '../model/range.js';
import { hoverDoc, type MarkdownDoc } from '../policy/index.js';
import { toAbortSignal } from './cancellation.js';
import { toHover } from './convert.js';
import type { DocumentIndex } from './documents.js';
import type { FactsHolder } from './facts.js';
import type { SettingsStore } from './settings.js';

interface HoverDeps {
  documents: DocumentIndex;
  settings: SettingsStore;
  facts: FactsHolder;
  markdown: boolean;
  /** the client shows the range's diagnostics with the hover */
  diagnosticsShown: boolean;
  now: () => number;
  /** aborted on shutdown: pending hovers stop waiting */
  lifetime: AbortSignal;
  /** told when the hover brought facts the diagnostics have not seen (an index read, signatures verified) */
  factsChanged: (uri: string) => void;
}

export async function provideHover(
  deps: HoverDeps,
  params: HoverParams,
  token: CancellationToken,
): Promise<Hover | null> {
  const doc = deps.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const snapshot = deps.documents.snapshot(doc);
  const ref = await deps.documents.referenceAt(snapshot, params.position);
  if (!ref || token.isCancellationRequested) return null;
  const settings = await deps.settings.forResource(doc.uri);
  if (ref.skip || !ref.registry || !ref.repository) {
    return hover(hoverDoc(ref, undefined, settings, deps.now()), ref.range, deps.markdown);
  }
  const bridge = toAbortSignal(token, deps.lifetime);
  try {
    // a hover shows platforms and attestations: it may read the image index (dockerHub.readIndexes);
    // then it reads and verifies the signatures (one counted pull per artifact on Docker Hub, once)
    const before = deps.facts.peek(ref);
    await deps.facts.readIndex(ref, bridge.signal);
    const facts = await deps.facts.verified(ref, bridge.signal);
    if (facts !== undefined && before !== undefined && facts !== before) deps.factsChanged(doc.uri);
    if (bridge.signal.aborted || facts === undefined) return null;
    return hover(
      hoverDoc(ref, facts, settings, deps.now(), { diagnosticsShown: deps.diagnosticsShown }),
      ref.range,
      deps.markdown,
    );
  } finally {
    bridge.dispose();
  }
}

/** Markdown for clients that render it; plain text (no markup characters) for the others. */
function hover(doc: MarkdownDoc, range: Range, markdown: boolean): Hover {
  return toHover(markdown ? doc.markdown() : doc.plainText(), range, markdown);
}
