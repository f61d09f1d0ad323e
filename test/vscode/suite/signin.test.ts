import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ClientCommands, type ServerStatus } from '../../../server/src/protocol.js';
import { hoverAt, imageTrust, open, positionOf, usingSandbox, workspaceUri } from './host.js';
import { waitFor } from './shared.js';

describe('Docker Hub sign-in (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();
  after(async () => {
    await vscode.commands.executeCommand(ClientCommands.signOut);
  });

  it('anonymous: the private image cannot be looked up', async () => {
    const api = await imageTrust();
    assert.equal(await api.account(), null);
    const { document } = await open('private/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'private/secret', 2));
    assert.match(text, /Not found|Not authorized/);
    assert.ok(!text.includes(sandboxInfo().secret.digest));
  });

  it('Sign in stores the account in SecretStorage and the server reports signed in', async () => {
    const api = await imageTrust();
    const signedIn = waitFor<ServerStatus, ServerStatus>(
      (l) => api.onStatus(l),
      (st) => (st?.signedIn ? st : undefined),
      20000,
      'a signed-in status',
    );
    assert.equal(await vscode.commands.executeCommand(ClientCommands.signIn, sandboxInfo().credentials), true);
    assert.equal(await api.account(), sandboxInfo().credentials.username);
    await signedIn;
    assert.match(api.statusBar.tooltip, /signed in to Docker Hub/);
  });

  it('the credentials are used: the private image resolves', async () => {
    const { document } = await open('private/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'private/secret', 2));
    assert.ok(text.includes(sandboxInfo().secret.digest), `secret digest missing after sign-in:\n${text}`);
  });

  it('the token is written to no settings file', () => {
    const settings = fs.readFileSync(workspaceUri('.vscode/settings.json').fsPath, 'utf8');
    assert.ok(!settings.includes(sandboxInfo().credentials.token));
    const inspected = JSON.stringify(vscode.workspace.getConfiguration('imageTrust'));
    assert.ok(!inspected.includes(sandboxInfo().credentials.token));
  });

  it('Sign out forgets the account', async () => {
    const api = await imageTrust();
    await vscode.commands.executeCommand(ClientCommands.signOut);
    assert.equal(await api.account(), null);
    assert.equal(api.statusBar.status?.signedIn, false);
  });
});
