import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol.js';
import { hoverAt, imageTrust, open, positionOf, usingSandbox } from './host.js';
import { waitFor } from './shared.js';

describe('untrusted workspace (registry sandbox)', () => {
  // desktop VS Code under @vscode/test-electron always runs with --disable-workspace-trust
  const sandboxInfo = usingSandbox(() => vscode.workspace.isTrusted);
  after(async () => {
    await vscode.commands.executeCommand(ClientCommands.signOut);
  });

  it('the extension runs (limited support) and the status bar says restricted', async () => {
    const api = await imageTrust();
    assert.equal(vscode.workspace.isTrusted, false);
    await waitFor(
      (l) => api.onStatus(l),
      () => (/restricted/.test(api.statusBar.text) ? true : undefined),
      20000,
      'a restricted status',
    );
    assert.match(api.statusBar.tooltip, /Untrusted workspace/);
  });

  it('docker.io (allowed by default) is still looked up', async () => {
    const { document } = await open('Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'nginx:1.27', 2));
    assert.ok(text.includes(sandboxInfo().nginx.digest), `nginx digest missing:\n${text}`);
  });

  it('a registry that is not allowed is not contacted', async () => {
    const { document } = await open('team/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'team/app', 2));
    assert.ok(!text.includes(sandboxInfo().teamApp.digest), `team/app was looked up:\n${text}`);
  });

  it('stored credentials are not used', async () => {
    assert.equal(await vscode.commands.executeCommand(ClientCommands.signIn, sandboxInfo().credentials), true);
    const { document } = await open('private/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'private/secret', 2));
    assert.ok(!text.includes(sandboxInfo().secret.digest), `the private image resolved with credentials:\n${text}`);
  });
});
