import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol.js';
import { hoverAt, imageTrust, open, positionOf } from './host.js';
import { sandbox, waitFor, type SandboxInfo } from './shared.js';

describe('untrusted workspace (registry sandbox)', () => {
  let s: SandboxInfo;
  before(async function () {
    const info = sandbox();
    // desktop VS Code under @vscode/test-electron always runs with --disable-workspace-trust
    if (!info || vscode.workspace.isTrusted) this.skip();
    s = info;
    await imageTrust();
  });
  after(async () => {
    await vscode.commands.executeCommand(ClientCommands.signOut);
  });

  it('the extension runs (limited support) and the status bar says restricted', async () => {
    const api = await imageTrust();
    assert.equal(vscode.workspace.isTrusted, false);
    await waitFor((l) => api.onStatus(l), () => (/restricted/.test(api.statusBar.text) ? true : undefined), 20000, 'a restricted status');
    assert.match(api.statusBar.tooltip, /Untrusted workspace/);
  });

  it('docker.io (allowed by default) is still looked up', async () => {
    const { document } = await open('Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'nginx:1.27', 2));
    assert.ok(text.includes(s.nginx.digest), `nginx digest missing:\n${text}`);
  });

  it('a registry that is not allowed is not contacted', async () => {
    const { document } = await open('team/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'team/app', 2));
    assert.ok(!text.includes(s.teamApp.digest), `team/app was looked up:\n${text}`);
  });

  it('stored credentials are not used', async () => {
    assert.equal(await vscode.commands.executeCommand(ClientCommands.signIn, s.credentials), true);
    const { document } = await open('private/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'private/secret', 2));
    assert.ok(!text.includes(s.secret.digest), `the private image resolved with credentials:\n${text}`);
  });
});
