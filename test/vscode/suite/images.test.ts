import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImageNode } from '../../../client/src/imagesView.js';
import { ClientCommands } from '../../../server/src/protocol.js';
import { imageTrust, open, positionOf, usingSandbox } from './host.js';
import { screenshot } from './shared.js';

describe('Images view, report and tag completion (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();

  async function rows(): Promise<Array<[string, string[]]>> {
    const api = await imageTrust();
    await api.images.refresh();
    const groups = await api.images.getChildren();
    const out: Array<[string, string[]]> = [];
    for (const g of groups) {
      const item = api.images.getTreeItem(g);
      const children = await api.images.getChildren(g);
      out.push([
        String(item.label),
        children.map(
          (c: ImageNode) =>
            `${String(api.images.getTreeItem(c).label)} — ${String(api.images.getTreeItem(c).description)}`,
        ),
      ]);
    }
    return out;
  }

  it('lists every image of the workspace by file, with its glance, including files not open', async () => {
    const byFile = Object.fromEntries(await rows());
    assert.deepEqual(Object.keys(byFile).sort(), [
      'Dockerfile',
      'compose.yaml',
      'private/Dockerfile',
      'signed/Dockerfile',
      'team/Dockerfile',
    ]);
    // the view looks up every image of the workspace and reads no index (a counted pull each on
    // Docker Hub): it knows the platforms only of an image whose index a hover read earlier
    const compose = byFile['compose.yaml'] ?? [];
    assert.equal(compose.length, 2);
    assert.match(
      compose[0] ?? '',
      /^nginx:latest — Docker Official Image · unsigned · pushed 3 days ago · (multi-arch|2 platforms)$/,
    );
    assert.match(
      compose[1] ?? '',
      /^bitnami\/redis:7\.2 — Verified Publisher bitnami · signed \(cosign\), not verified · pushed 5 days ago · (multi-arch|2 platforms)$/,
    );
    assert.match(
      byFile.Dockerfile?.[1] ?? '',
      /^someone\/stale-tool:0\.1 — Nobody vouches for someone · unsigned · pushed \d+ years ago$/,
    );
    // the view itself (opened in the Explorer) for the README
    await vscode.commands.executeCommand('imageTrust.images.focus');
    // screenshots only: give the workbench a moment to lay the tree out (nothing is asserted on it)
    if (process.env.IMAGE_TRUST_SCREENSHOTS) {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      // the Explorer's own file list folded away, the Images view focused and the side bar wider
      await vscode.commands
        .executeCommand('workbench.explorer.fileView.toggleVisibility')
        .then(undefined, () => undefined);
      await vscode.commands.executeCommand('imageTrust.images.focus');
      for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await new Promise((r) => setTimeout(r, 2000));
    }
    await screenshot('images-view.png');
  });

  it('groups by image, and a click opens the reference', async () => {
    const api = await imageTrust();
    await vscode.commands.executeCommand(ClientCommands.imagesGroupByImage);
    try {
      const groups = await api.images.getChildren();
      const labels = groups.map((g) => String(api.images.getTreeItem(g).label));
      assert.ok(labels.includes('docker.io/bitnami/redis:7.2'), labels.join(', '));
      const redis = groups[labels.indexOf('docker.io/bitnami/redis:7.2')]!;
      const [where] = await api.images.getChildren(redis);
      const item = api.images.getTreeItem(where!);
      assert.equal(item.label, 'compose.yaml');
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.path.endsWith('/compose.yaml'), 'compose.yaml is open');
      assert.equal(editor.document.getText(editor.selection), 'bitnami/redis:7.2');
    } finally {
      await vscode.commands.executeCommand(ClientCommands.imagesGroupByFile);
    }
  });

  it('writes a Markdown report of the workspace', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(ClientCommands.report);
    assert.ok(doc, 'a report document');
    assert.equal(doc.languageId, 'markdown');
    const text = doc.getText();
    assert.match(text, /^# Image Trust report/);
    assert.ok(text.includes('| `compose.yaml:5` | `docker.io/bitnami/redis:7.2` |'), text);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('completes tags after nginx: with their push age and which one is pulled now', async () => {
    const editor = await open('Dockerfile');
    const { document } = editor;
    const at = positionOf(document, 'nginx:', 6);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      at,
      ':',
    );
    const ours = list.items.filter((i) => typeof i.detail === 'string' && i.detail.startsWith('pushed'));
    const labels = ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual([...labels].sort(), [...sandboxInfo().nginx.tags].sort());
    for (const i of ours) assert.equal(i.detail, 'pushed 3 days ago · the digest you pull now');
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshot('completion.png');
  });
});

describe('update to the newest tag in the same track (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();

  it('team/app:1.0 is offered 1.1, pinned to its digest, and the edit changes only the reference', async () => {
    const editor = await open('team/Dockerfile');
    const before = editor.document.getText();
    const at = positionOf(editor.document, 'team/app:1.0', 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(at, at),
    );
    const update = actions.find((a) => a.kind?.value === 'refactor.rewrite.imageTrust.update');
    assert.ok(update?.edit, `an update action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(
      update.title,
      /^Update to 1\.1, the newest on the 1\.\* track, pinned to sha256:[0-9a-f]{12}… — less trust: it is signed; the new digest is unsigned$/,
      '1.0 is cosign-signed, 1.1 is not: the title says so',
    );
    assert.ok(await vscode.workspace.applyEdit(update.edit));
    const newer = sandboxInfo().teamAppNewer;
    assert.equal(editor.document.getText(), before.replace('team/app:1.0', `team/app:1.1@${newer.digest}`));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });
});
