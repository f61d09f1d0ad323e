// What the client can do (decides pull vs push diagnostics, markdown vs plaintext, versioned edits)
// and what the server offers in return.
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { FIX_ALL_KIND } from './convert.js';
import { SERVER_COMMANDS } from './commands.js';
import { COMPLETION_TRIGGERS } from './completion.js';
import { UPDATE_KIND } from './updateActions.js';

export interface ClientFeatures {
  /** textDocument/diagnostic (VS Code); Neovim 0.7 and eglot 1.9 only take published diagnostics */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh */
  diagnosticsRefresh: boolean;
  /** workspace/configuration */
  configuration: boolean;
  /** may we register for didChangeConfiguration? */
  configurationRegistration: boolean;
  markdownHover: boolean;
  /** versioned WorkspaceEdit.documentChanges */
  documentChanges: boolean;
  /** window/workDoneProgress/create */
  progress: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticsRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    markdownHover: (c.textDocument?.hover?.contentFormat ?? []).includes('markdown'),
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    progress: c.window?.workDoneProgress === true,
  };
}

export function serverCapabilities(f: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, UPDATE_KIND] },
    executeCommandProvider: { commands: [...SERVER_COMMANDS] },
    ...(f.pullDiagnostics
      ? { diagnosticProvider: { identifier: 'image-trust', interFileDependencies: false, workspaceDiagnostics: false } }
      : {}),
  };
}
