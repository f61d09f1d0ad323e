import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PinAllResult } from '../../../client/src/pinAll.js';
import { ClientCommands } from '../../../server/src/protocol.js';
import { usingSandbox, workspaceUri } from './host.js';

describe('pin all images in the workspace (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();

  it('pins every resolvable reference in every file, byte for byte', async () => {
    const disk = (rel: string) => fs.readFileSync(workspaceUri(rel).fsPath, 'utf8');
    const expected: Record<string, string> = {
      Dockerfile: disk('Dockerfile')
        .replace('nginx:1.27 ', `nginx:1.27@${sandboxInfo().nginx.digest} `)
        .replace('someone/stale-tool:0.1', `someone/stale-tool:0.1@${sandboxInfo().staleTool.digest}`),
      'compose.yaml': disk('compose.yaml')
        .replace('nginx:latest', `nginx:latest@${sandboxInfo().nginx.digest}`)
        .replace('bitnami/redis:7.2', `bitnami/redis:7.2@${sandboxInfo().redis.digest}`),
      'team/Dockerfile': disk('team/Dockerfile').replace(
        'team/app:1.0',
        `team/app:1.0@${sandboxInfo().teamApp.digest}`,
      ),
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
