import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeStatus } from '../../../client/src/statusBar.js';
import type { ServerStatus } from '../../../server/src/protocol.js';
import { imageTrust } from './host.js';
import { EXTENSION_ID } from './shared.js';

const CASES: Array<{ name: string; status: ServerStatus; text: RegExp; tooltip: RegExp[]; warning: boolean }> = [
  {
    name: 'live, anonymous',
    status: { state: 'live', signedIn: false, trusted: true },
    text: /^\$\(verified\) Images: live$/,
    tooltip: [/live/, /anonymous/],
    warning: false,
  },
  {
    name: 'live, signed in',
    status: { state: 'live', signedIn: true, trusted: true, remaining: 180 },
    text: /live/,
    tooltip: [/signed in to Docker Hub/, /remaining: 180/],
    warning: false,
  },
  {
    name: 'live with the pull budget',
    status: { state: 'live', signedIn: false, trusted: true, remaining: 76, limit: 100, pullsLow: false },
    text: /^\$\(verified\) Images: live · 76 pulls left$/,
    tooltip: [/pulls remaining: 76 of 100 in this 6-hour window\./, /HEAD requests\) are free/],
    warning: false,
  },
  {
    name: 'live, few pulls left: a warning',
    status: { state: 'live', signedIn: false, trusted: true, remaining: 4, limit: 100, pullsLow: true },
    text: /4 pulls left$/,
    tooltip: [/remaining: 4 of 100 in this 6-hour window \(low\)/],
    warning: true,
  },
  {
    name: 'offline, cached facts',
    status: { state: 'offline', since: '2026-11-23T10:00:00Z', signedIn: false, trusted: true },
    text: /cached/,
    tooltip: [/Serving cached facts \(offline since /],
    warning: true,
  },
  {
    name: 'cached without a time',
    status: { state: 'cached', signedIn: false, trusted: true },
    text: /cached/,
    tooltip: [/Serving cached facts \(offline\)/],
    warning: true,
  },
  {
    name: 'rate limited with quota',
    status: { state: 'rate-limited', until: '2026-11-23T11:00:00Z', remaining: 0, signedIn: false, trusted: true },
    text: /rate limited until /,
    tooltip: [/rate limit reached until .*, 0 left/],
    warning: true,
  },
  {
    name: 'rate limited, quota unknown',
    status: { state: 'rate-limited', remaining: null, signedIn: true, trusted: true },
    text: /^\$\(watch\) Images: rate limited$/,
    tooltip: [/rate limit reached; cached/],
    warning: true,
  },
  {
    name: 'untrusted wins over any state',
    status: { state: 'live', signedIn: true, trusted: false },
    text: /restricted/,
    tooltip: [/Untrusted workspace/, /Account: none \(restricted\)/],
    warning: false,
  },
  {
    name: 'idle',
    status: { state: 'idle', signedIn: false, trusted: true },
    text: /^\$\(shield\) Images$/,
    tooltip: [/first lookup/],
    warning: false,
  },
];

describe('status bar text', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const v = describeStatus(c.status);
      assert.match(v.text, c.text);
      for (const t of c.tooltip) assert.match(v.tooltip, t);
      assert.match(v.tooltip, /Click to show the log/);
      assert.equal(v.warning, c.warning);
    });
  }

  it('the item shows the server status and opens the log on click', async () => {
    const api = await imageTrust();
    assert.match(api.statusBar.text, /Images/);
    assert.ok(api.statusBar.status, 'no status from the server yet');
  });
});

describe('walkthrough', () => {
  it('contributes a walkthrough whose steps have media', () => {
    const walkthroughs = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.walkthroughs;
    assert.equal(walkthroughs.length, 1);
    assert.ok(walkthroughs[0].steps.length >= 4);
    for (const s of walkthroughs[0].steps) assert.ok(s.media?.markdown, s.id);
  });

  it('Open Sample Dockerfile opens an untitled Dockerfile with a floating tag and latest', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('imageTrust.openSample');
    assert.equal(editor.document.languageId, 'dockerfile');
    assert.equal(editor.document.isUntitled, true);
    assert.match(editor.document.getText(), /FROM node:22-alpine AS build/);
    assert.match(editor.document.getText(), /FROM nginx:latest/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
