import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PinAllResult } from '../../../client/src/pinAll.js';
import { ClientCommands } from '../../../server/src/protocol.js';
import { imageTrust, workspaceUri } from './host.js';
import { sandbox, type SandboxInfo } from './shared.js';

describe('pin all images in the workspace (registry sandbox)', () => {
  let s: SandboxInfo;
  before(async function () {
    const info = sandbox();
    if (!info) this.skip();
    s = info;
    await imageTrust();
  });

  it('pins every resolvable reference in every file, byte for byte', async () => {
    const disk = (rel: string) => fs.readFileSync(workspaceUri(rel).fsPath, 'utf8');
    const expected: Record<string, string> = {
      Dockerfile: disk('Dockerfile')
        .replace('nginx:1.27 ', `nginx:1.27@${s.nginx.digest} `)
        .replace('someone/stale-tool:0.1', `someone/stale-tool:0.1@${s.staleTool.digest}`),
      'compose.yaml': disk('compose.yaml')
        .replace('nginx:latest', `nginx:latest@${s.nginx.digest}`)
        .replace('bitnami/redis:7.2', `bitnami/redis:7.2@${s.redis.digest}`),
      'team/Dockerfile': disk('team/Dockerfile').replace('team/app:1.0', `team/app:1.0@${s.teamApp.digest}`),
      // signed out: the private image cannot be looked up, so it is left alone
      'private/Dockerfile': disk('private/Dockerfile'),
    };
    const result = await vscode.commands.executeCommand<PinAllResult>(ClientCommands.pinAll, { confirm: false });
    assert.ok(result, 'pin all returned nothing');
    assert.equal(result.cancelled, false);
    assert.equal(result.applied, true);
    assert.equal(result.edits, 5);
    for (const [rel, text] of Object.entries(expected)) {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
      assert.equal(doc.getText(), text, rel);
    }
  });
});
