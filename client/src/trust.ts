// Runtime options for the server that are not settings: workspace trust, credentials and the editor's
// proxy. Recomputed and re-sent whenever one of them changes. In an untrusted workspace no credentials
// are sent at all, so a hostile workspace cannot make the server use them.
import * as vscode from 'vscode';
import type { RuntimeOptions } from '../../server/src/protocol.js';
import type { CredentialStore } from './secrets.js';

export async function currentRuntime(credentials: CredentialStore): Promise<RuntimeOptions> {
  const trusted = vscode.workspace.isTrusted;
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy') || null;
  return {
    trusted,
    dockerHubCredentials: trusted ? await credentials.get() : null,
    proxy,
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}

/** Calls `send` whenever trust, credentials or the proxy settings change. */
export function watchRuntime(credentials: CredentialStore, send: () => void): vscode.Disposable[] {
  return [
    vscode.workspace.onDidGrantWorkspaceTrust(send),
    credentials.onDidChange(send),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.proxyStrictSSL')) send();
    }),
  ];
}
