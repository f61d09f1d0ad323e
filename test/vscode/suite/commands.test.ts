import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol.js';
import { imageTrust } from './host.js';
import { EXTENSION_ID } from './shared.js';

interface Contributed {
  command: string;
  title: string;
  category?: string;
}

describe('commands', () => {
  const contributed = (): Contributed[] =>
    vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.commands ?? [];

  before(async () => {
    await imageTrust();
  });

  it('contributes every client command under the "Image Trust" category', () => {
    const ids = contributed()
      .map((c) => c.command)
      .sort();
    assert.deepEqual(ids, Object.values(ClientCommands).sort());
    for (const c of contributed()) assert.equal(c.category, 'Image Trust', c.command);
  });

  for (const id of Object.values(ClientCommands)) {
    it(`registers ${id}`, async () => {
      const all = await vscode.commands.getCommands(true);
      assert.ok(all.includes(id), `${id} is not registered`);
    });
  }

  it('Show Log opens the Image Trust log without an error', async () => {
    await vscode.commands.executeCommand(ClientCommands.showLog);
  });

  it('Refresh and Clear cache reach the server and succeed', async () => {
    assert.equal(await vscode.commands.executeCommand(ClientCommands.refresh), true);
    assert.equal(await vscode.commands.executeCommand(ClientCommands.clearCache), true);
  });
});
