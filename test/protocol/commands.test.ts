// workspace/executeCommand: pin all over open documents and files on disk, applied on request;
// refresh and clear cache.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { Commands } from '../../server/src/protocol.js';
import { startClient } from './client.js';
import { applyEdits, DOCKERFILE, DOCKERFILE_URI, NGINX, PINNED_DOCKERFILE, scriptedFacts, UBUNTU } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27   # the front\n  db:\n    image: "ubuntu"\n';
const PINNED_COMPOSE = `services:\n  web:\n    image: nginx:1.27@${NGINX}   # the front\n  db:\n    image: "ubuntu:latest@${UBUNTU}"\n`;

type Change = { textDocument: { uri: string; version: number | null }; edits: TextEdit[] };

function changesOf(edit: WorkspaceEdit): Change[] {
  return (edit.documentChanges ?? []) as Change[];
}

describe('executeCommand', () => {
  test('pinAll returns one edit for an open document and a file on disk, changing only reference bytes', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-trust-pinall-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const composePath = join(dir, 'compose.yaml');
    writeFileSync(composePath, COMPOSE);
    const composeUri = pathToFileURL(composePath).href;
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const edit = (await client.execute(Commands.pinAll, [
      { uris: [DOCKERFILE_URI, composeUri], apply: false },
    ])) as WorkspaceEdit;
    const [docker, compose] = changesOf(edit);
    assert.deepEqual(docker?.textDocument, { uri: DOCKERFILE_URI, version: 1 });
    assert.deepEqual(compose?.textDocument, { uri: composeUri, version: null });
    assert.equal(applyEdits(DOCKERFILE, docker!.edits), PINNED_DOCKERFILE);
    assert.equal(applyEdits(COMPOSE, compose!.edits), PINNED_COMPOSE);
    assert.equal(client.appliedEdits.length, 0, 'not applied unless asked');
    await client.shutdown();
  });

  const APPLY_CASES = [
    { name: 'apply: true applies through workspace/applyEdit', args: { apply: true }, applied: 1 },
    { name: 'preview: false (VS Code client) applies', args: { preview: false }, applied: 1 },
    { name: 'preview: true only returns the edit', args: { preview: true }, applied: 0 },
  ];
  for (const c of APPLY_CASES) {
    test(`pinAll ${c.name}`, async () => {
      const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      const edit = (await client.execute(Commands.pinAll, [{ uris: [DOCKERFILE_URI], ...c.args }])) as WorkspaceEdit;
      assert.equal(client.appliedEdits.length, c.applied);
      if (c.applied) assert.deepEqual(client.appliedEdits[0], edit);
      assert.equal(applyEdits(DOCKERFILE, changesOf(edit)[0]!.edits), PINNED_DOCKERFILE);
      await client.shutdown();
    });
  }

  test('pinAll reports work-done progress', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    await client.execute(Commands.pinAll, [{ uris: [DOCKERFILE_URI], apply: false }]);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.deepEqual([kinds[0], kinds[kinds.length - 1]], ['begin', 'end']);
    await client.shutdown();
  });

  test('pinAll with bad arguments is an error response, and the server keeps serving', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    await assert.rejects(client.execute(Commands.pinAll, [{ uris: 'nope' }]), /expected \{ uris: string\[\] \}/);
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    assert.ok(await client.hover(DOCKERFILE_URI, { line: 0, character: 7 }));
    await client.shutdown();
  });

  for (const command of [Commands.refresh, Commands.clearCache]) {
    test(`${command} clears cached facts and re-evaluates open documents`, async () => {
      const facts = scriptedFacts();
      const { client } = await startClient({ facts, now: NOW });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      await client.waitFor(() => client.published.find((p) => p.diagnostics.some((d) => d.code === 'unsigned')));
      const started = facts.started.length;
      const n = client.published.length;
      await client.execute(command, []);
      assert.equal(facts.cleared, 1);
      await client.waitFor(() =>
        client.published.slice(n).find((p) => p.diagnostics.some((d) => d.code === 'unsigned')),
      );
      assert.equal(facts.started.length, started * 2, 'every image looked up again');
      await client.shutdown();
    });
  }
});
