// Helpers that run inside the extension host (they import vscode).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImageTrustApi } from '../../../client/src/extension.js';
import { EXTENSION_ID, sandbox, waitFor, type SandboxInfo } from './shared.js';

export async function imageTrust(): Promise<ImageTrustApi> {
  const ext = vscode.extensions.getExtension<ImageTrustApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.equal(await api.ready, true, 'the language client did not start');
  return api;
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc);
}

/** Position of the first occurrence of `needle` in the document (plus `offset` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} not found in ${doc.uri.path}`);
  return doc.positionAt(i + offset);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverText(hovers ?? []);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Our diagnostics for a document once `ok` accepts them (pushed or pulled, they arrive as events). */
export function diagnosticsWhen(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = 30000,
): Promise<vscode.Diagnostic[]> {
  const ours = () =>
    vscode.languages.getDiagnostics(uri).filter((d) => d.source === undefined || /image/i.test(d.source));
  return waitFor(
    (l) => vscode.languages.onDidChangeDiagnostics(l),
    () => {
      const ds = ours();
      return ok(ds) ? ds : undefined;
    },
    ms,
    `${what} in ${uri.path}`,
  );
}

export async function setRule(code: string, value: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('imageTrust')
    .update(`rules.${code}`, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * For a suite that needs the registry sandbox: registers a `before` hook that skips the suite when
 * there is none (or when `skip()` says so) and otherwise activates the extension. The returned
 * function gives the sandbox to the tests.
 */
export function usingSandbox(skip: () => boolean = () => false): () => SandboxInfo {
  let info: SandboxInfo | undefined;
  before(async function () {
    info = sandbox();
    if (!info || skip()) this.skip();
    await imageTrust();
  });
  return () => {
    if (!info) throw new Error('the registry sandbox is not there');
    return info;
  };
}
