import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, open, usingSandbox } from './host.js';
import { screenshot } from './shared.js';

describe('pin quick fix (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Pin to digest on nginx:1.27 rewrites exactly the reference', async () => {
    const editor = await open('Dockerfile');
    const { document } = editor;
    const before = document.getText();
    const ds = await diagnosticsWhen(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'unpinned-digest' && document.getText(x.range) === 'nginx:1.27'),
      'unpinned-digest on nginx:1.27',
    );
    const diag = ds.find((x) => codeOf(x) === 'unpinned-digest' && document.getText(x.range) === 'nginx:1.27');
    assert.ok(diag);
    editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const pin = actions.find((a) => /^Pin/.test(a.title) && a.edit);
    assert.ok(pin, `no pin action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(pin.title.includes(sandboxInfo().nginx.digest.slice(0, 19)), pin.title);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quickfix.png');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    assert.equal(await vscode.workspace.applyEdit(pin.edit!), true);
    assert.equal(
      document.getText(),
      before.replace('FROM nginx:1.27 AS', `FROM nginx:1.27@${sandboxInfo().nginx.digest} AS`),
    );
  });
});
