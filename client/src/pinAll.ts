// "Pin all images in the workspace": finds the files that may hold image references, asks the server
// for the pin edits in batches (so progress moves and cancel is honoured between batches) and applies
// them as one refactoring. With confirmation (the default for people) every entry needs confirming,
// which opens VS Code's refactor preview instead of changing files at once.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  type LanguageClient,
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageclient/node';
import { candidateFilesGlob } from '../../server/src/extract/fileKindGlobs.js';
import { Commands, type PinAllArguments } from '../../server/src/protocol.js';

/** Every file that may hold image references (SPEC §4): by name, and every YAML file (by content). */
export const CANDIDATE_FILES = candidateFilesGlob();
export const EXCLUDED_FILES = '**/{node_modules,.git}/**';
export const MAX_FILES = 5000;
const BATCH = 25;

export interface PinAllOptions {
  /** show the refactor preview before anything changes (default true) */
  confirm?: boolean;
}

export interface PinAllResult {
  files: number;
  edits: number;
  applied: boolean;
  cancelled: boolean;
}

export async function pinAllInWorkspace(client: LanguageClient, options: PinAllOptions = {}): Promise<PinAllResult> {
  const confirm = options.confirm ?? true;
  const files = await vscode.workspace.findFiles(CANDIDATE_FILES, EXCLUDED_FILES, MAX_FILES);
  const combined = new vscode.WorkspaceEdit();
  let edits = 0;
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Image Trust: finding images to pin', cancellable: true },
    async (progress, token) => {
      for (let i = 0; i < files.length; i += BATCH) {
        if (token.isCancellationRequested) return true;
        const batch = files.slice(i, i + BATCH);
        progress.report({
          message: `${Math.min(i + BATCH, files.length)} of ${files.length} files`,
          increment: (batch.length / files.length) * 100,
        });
        const args: PinAllArguments = { uris: batch.map((u) => client.code2ProtocolConverter.asUri(u)), preview: true };
        let result: unknown;
        try {
          result = await client.sendRequest(
            ExecuteCommandRequest.type,
            { command: Commands.pinAll, arguments: [args] },
            token,
          );
        } catch (e) {
          if (token.isCancellationRequested) return true;
          throw e;
        }
        if (token.isCancellationRequested) return true;
        if (!isWorkspaceEdit(result)) continue;
        const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result, token);
        if (!edit) continue;
        for (const [uri, textEdits] of edit.entries()) {
          for (const e of textEdits) {
            combined.replace(uri, e.range, e.newText, { needsConfirmation: confirm, label: 'Pin to digest' });
            edits++;
          }
        }
      }
      return false;
    },
  );
  if (cancelled) return { files: files.length, edits, applied: false, cancelled: true };
  if (edits === 0) {
    void vscode.window.showInformationMessage(`Image Trust: nothing to pin in ${files.length} files.`);
    return { files: files.length, edits, applied: false, cancelled: false };
  }
  const applied = await vscode.workspace.applyEdit(combined, { isRefactoring: true });
  return { files: files.length, edits, applied, cancelled: false };
}

function isWorkspaceEdit(v: unknown): v is LspWorkspaceEdit {
  return typeof v === 'object' && v !== null && ('changes' in v || 'documentChanges' in v);
}
