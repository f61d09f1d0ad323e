import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImageTrustApi } from '../../../client/src/extension.js';
import { imageTrust, open } from './host.js';
import { EXTENSION_ID } from './shared.js';

describe('activation', () => {
  it('declares activation on Dockerfile / Compose languages and the SPEC §4 file names', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const events = ext.packageJSON.activationEvents as string[];
    for (const e of [
      'onLanguage:dockerfile',
      'onLanguage:dockercompose',
      'workspaceContains:**/Dockerfile',
      'workspaceContains:**/compose*.yaml',
      'workspaceContains:**/devcontainer.json',
      'workspaceContains:**/.gitlab-ci.yml',
    ]) {
      assert.ok(events.includes(e), `missing activation event ${e}`);
    }
  });

  it('activates on a Dockerfile, starts the language client and shows the status bar item', async () => {
    const editor = await open('Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    const t0 = performance.now();
    const api: ImageTrustApi = await imageTrust();
    const waited = performance.now() - t0;
    const client = api.client();
    assert.ok(client?.isRunning(), 'language client not running');
    assert.match(api.statusBar.text, /Images/);
    assert.doesNotMatch(api.statusBar.text, /\$\(error\)/);
    const ms = api.activationMs();
    assert.ok(ms !== undefined && ms > 0);
    // for `npm run bench`: activation as VS Code counts it (the activate() call), and until the server answers
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    if (root) {
      mkdirSync(join(root, 'test-results'), { recursive: true });
      writeFileSync(
        join(root, 'test-results', 'activation.json'),
        JSON.stringify({ activationMs: api.activateCallMs, serverReadyMs: ms }),
      );
    }
    console.log(
      `    activation: activate() ${api.activateCallMs.toFixed(1)} ms; activate() → language server running ${ms.toFixed(0)} ms; test waited ${waited.toFixed(0)} ms`,
    );
  });

  it('runs in the workspace (Node) extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(ext?.extensionKind, vscode.ExtensionKind.Workspace);
    assert.ok(ext?.isActive);
  });
});
