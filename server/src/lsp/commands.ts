// workspace/executeCommand: pin all (files open or on disk → one WorkspaceEdit, applied when asked),
// refresh and clear cache. Long scans report work-done progress when the client shows it.
import type {
  CancellationToken,
  Connection,
  ExecuteCommandParams,
  WorkDoneProgressReporter,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { lookupMany } from '../hub/index.js';
import { lookupKey } from '../model/reference.js';
import { pinAllEdits } from '../policy/index.js';
import { reportMarkdown, workspaceImage } from '../policy/report.js';
import { Commands, type ImagesResult } from '../protocol.js';
import { toAbortSignal } from './cancellation.js';
import { toWorkspaceEdit, type EditTarget } from './convert.js';
import { uriPath } from './documents.js';
import type { DiagnosticsEngine } from './diagnostics.js';
import type { DocumentIndex } from './documents.js';
import type { FactsHolder } from './facts.js';
import type { SettingsStore } from './settings.js';

export interface CommandDeps {
  connection: Connection;
  documents: DocumentIndex;
  facts: FactsHolder;
  diagnostics: DiagnosticsEngine;
  settings: SettingsStore;
  now: () => number;
  documentChanges: boolean;
  /** may we create progress (window.workDoneProgress)? */
  progressSupported: boolean;
  lifetime: AbortSignal;
  log: (message: string) => void;
}

export const SERVER_COMMANDS = [
  Commands.pinAll,
  Commands.refresh,
  Commands.clearCache,
  Commands.images,
  Commands.report,
];

/** Pin-all arguments: `{ uris, apply?, preview? }`. Applied through workspace/applyEdit when `apply`
 * is true, or (VS Code client, protocol.ts) unless `preview` is true; the edit is returned either way. */
function parsePinAllArguments(arg: unknown): { uris: string[]; apply: boolean } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (!Array.isArray(a.uris) || !a.uris.every((u) => typeof u === 'string')) return undefined;
  const apply = typeof a.apply === 'boolean' ? a.apply : typeof a.preview === 'boolean' ? !a.preview : false;
  return { uris: a.uris as string[], apply };
}

export async function executeCommand(
  deps: CommandDeps,
  params: ExecuteCommandParams,
  token: CancellationToken,
): Promise<unknown> {
  switch (params.command) {
    case Commands.pinAll: {
      const args = parsePinAllArguments(params.arguments?.[0]);
      if (!args) throw new Error(`${Commands.pinAll}: expected { uris: string[] }`);
      const progress = await startProgress(deps, params);
      try {
        const edit = await pinAll(deps, args.uris, progress, token);
        if (!edit) return null;
        if (args.apply) {
          const result = await deps.connection.workspace.applyEdit({ label: 'Pin images to digests', edit });
          if (!result.applied)
            deps.log(`pin all: the client did not apply the edit (${result.failureReason ?? 'no reason given'})`);
        }
        return edit;
      } finally {
        progress.done();
      }
    }
    case Commands.images:
    case Commands.report: {
      const args = parseFilesArguments(params.arguments?.[0]);
      if (!args) throw new Error(`${params.command}: expected { uris: string[], labels?: string[] }`);
      const result = await images(deps, args.uris, token);
      if (!result || params.command === Commands.images) return result;
      const files = result.files.map((f, i) => ({ file: args.labels?.[i] ?? uriPath(f.uri), images: f.images }));
      return { markdown: reportMarkdown(files, deps.now()) };
    }
    case Commands.refresh:
    case Commands.clearCache:
      await deps.facts.current.clear();
      deps.diagnostics.revalidateAll();
      return null;
    default:
      throw new Error(`unknown command ${params.command}`);
  }
}

function parseFilesArguments(arg: unknown): { uris: string[]; labels?: string[] } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((u) => typeof u === 'string');
  if (!strings(a.uris)) return undefined;
  return strings(a.labels) ? { uris: a.uris, labels: a.labels } : { uris: a.uris };
}

/** Every image of the files with its verdict, once their facts are in (null when cancelled).
 * Files that cannot be read are left out. */
async function images(deps: CommandDeps, uris: string[], token: CancellationToken): Promise<ImagesResult | null> {
  const bridge = toAbortSignal(token, deps.lifetime);
  try {
    const files = [];
    for (const uri of uris) {
      const snapshot = await deps.documents.read(uri);
      if (!snapshot) continue;
      const refs = await deps.documents.references(snapshot);
      const facts = await lookupMany(deps.facts, refs, { signal: bridge.signal });
      if (bridge.signal.aborted) return null;
      const settings = await deps.settings.forResource(uri);
      files.push({ uri, images: refs.map((r) => workspaceImage(r, facts.get(lookupKey(r)), settings, deps.now())) });
    }
    return { files };
  } finally {
    bridge.dispose();
  }
}

async function startProgress(deps: CommandDeps, params: ExecuteCommandParams): Promise<WorkDoneProgressReporter> {
  let reporter: WorkDoneProgressReporter;
  if (params.workDoneToken !== undefined)
    reporter = deps.connection.window.attachWorkDoneProgress(params.workDoneToken);
  else if (deps.progressSupported)
    reporter = await deps.connection.window
      .createWorkDoneProgress()
      .catch(() => deps.connection.window.attachWorkDoneProgress(undefined));
  else reporter = deps.connection.window.attachWorkDoneProgress(undefined);
  reporter.begin('Image Trust: pinning images', 0, undefined, false);
  return reporter;
}

/** The pin edits of every file (null when cancelled). Files that cannot be read are left out. */
async function pinAll(
  deps: CommandDeps,
  uris: string[],
  progress: WorkDoneProgressReporter,
  token: CancellationToken,
): Promise<WorkspaceEdit | null> {
  const targets: EditTarget[] = [];
  const bridge = toAbortSignal(token, deps.lifetime);
  try {
    for (const [i, uri] of uris.entries()) {
      const snapshot = await deps.documents.read(uri);
      if (!snapshot) {
        deps.log(`pin all: cannot read ${uri}`);
        continue;
      }
      const refs = await deps.documents.references(snapshot);
      const facts = await lookupMany(
        deps.facts,
        refs.filter((r) => !r.digest),
        { signal: bridge.signal },
      );
      if (bridge.signal.aborted) return null;
      const { edits } = pinAllEdits(refs, (r) => facts.get(lookupKey(r)));
      targets.push({ uri, version: snapshot.version, edits });
      progress.report(Math.round(((i + 1) / uris.length) * 100), `${i + 1}/${uris.length} files`);
    }
  } finally {
    bridge.dispose();
  }
  return toWorkspaceEdit(targets, deps.documentChanges);
}
