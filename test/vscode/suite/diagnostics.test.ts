import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, imageTrust, open } from './host.js';
import { sandbox, screenshot } from './shared.js';

const codesOf = (ds: vscode.Diagnostic[]) => [...new Set(ds.map(codeOf))].sort();

describe('problems (registry sandbox)', () => {
  before(async function () {
    if (!sandbox()) this.skip();
    await imageTrust();
  });

  it('the Dockerfile reports unpinned-digest for both images and stale for the 2019 image', async () => {
    const { document } = await open('Dockerfile');
    const ds = await diagnosticsWhen(document.uri, (d) => codesOf(d).includes('stale'), 'a stale finding');
    const stale = ds.filter((d) => codeOf(d) === 'stale');
    assert.equal(stale.length, 1);
    assert.equal(document.getText(stale[0]?.range), 'someone/stale-tool:0.1');
    assert.equal(stale[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(ds.filter((d) => codeOf(d) === 'unpinned-digest').length, 2);
    assert.ok(codesOf(ds).includes('unverified-publisher'), `codes: ${codesOf(ds).join(', ')}`);
  });

  it('compose.yaml reports latest-tag on nginx:latest and no unsigned for the signed redis', async () => {
    const { document } = await open('compose.yaml');
    const ds = await diagnosticsWhen(
      document.uri,
      (d) => codesOf(d).includes('latest-tag') && codesOf(d).includes('unsigned'),
      'latest-tag and unsigned',
    );
    const latest = ds.filter((d) => codeOf(d) === 'latest-tag');
    assert.deepEqual(
      latest.map((d) => document.getText(d.range)),
      ['nginx:latest'],
    );
    const unsigned = ds.filter((d) => codeOf(d) === 'unsigned').map((d) => document.getText(d.range));
    assert.deepEqual(unsigned, ['nginx:latest']);
    assert.ok(
      ds.every((d) => d.source),
      'diagnostics carry a source',
    );
  });

  it('the Problems panel lists them (screenshot when asked)', async () => {
    await open('Dockerfile');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems.png');
  });
});
