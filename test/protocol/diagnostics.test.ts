// Diagnostics over the protocol: pushed (Neovim 0.7, eglot) and pulled (VS Code), answered from
// cache at once and refreshed once when lookups land; stale versions dropped; settings re-evaluate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startClient } from './client.js';
import { DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

const codesOf = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line}:${String(d.code)}`).sort();

const BEFORE_LOOKUPS = ['0:unpinned-digest', '1:unpinned-digest', '3:latest-tag', '3:unpinned-digest'];
const AFTER_LOOKUPS = [
  '0:unpinned-digest',
  '0:unsigned',
  '1:unpinned-digest',
  '2:digest-drift',
  '3:latest-tag',
  '3:unpinned-digest',
  '3:unsigned',
];

describe('push diagnostics (client without textDocument/diagnostic)', () => {
  test('didOpen publishes from cache at once, then once more when every lookup has landed', async () => {
    const facts = scriptedFacts();
    facts.hold();
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const first = await client.publication(DOCKERFILE_URI, 1);
    assert.deepEqual(codesOf(first.diagnostics), BEFORE_LOOKUPS);
    assert.equal(first.version, 1);
    facts.release();
    const second = await client.publication(DOCKERFILE_URI, 2);
    assert.deepEqual(codesOf(second.diagnostics), AFTER_LOOKUPS);
    assert.deepEqual(
      [...facts.started].sort(),
      [
        'docker.io/library/alpine:3.19@' + facts.started.find((k) => k.includes('alpine'))!.split('@')[1],
        'docker.io/library/nginx:1.27@',
        'docker.io/library/python:3.12-slim@',
        'docker.io/library/ubuntu:latest@',
      ].sort(),
      'one lookup per image',
    );
    assert.equal(client.published.length, 2, 'one coalesced refresh, not one per lookup');
    await client.shutdown();
  });

  test('a diagnostic carries severity, source, code, docs link and its fixes with the version', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'unsigned')),
    );
    const d = p.diagnostics.find((x) => x.code === 'unpinned-digest' && x.range.start.line === 0);
    assert.ok(d);
    assert.deepEqual(
      { range: d.range, severity: d.severity, source: d.source, href: d.codeDescription?.href },
      {
        range: { start: { line: 0, character: 5 }, end: { line: 0, character: 15 } },
        severity: 2,
        source: 'image-trust',
        href: 'https://github.com/image-trust/image-trust#unpinned-digest',
      },
    );
    const data = d.data as {
      uri: string;
      version: number;
      fixes: Array<{ edit: { newText: string }; preferred: boolean }>;
    };
    assert.equal(data.uri, DOCKERFILE_URI);
    assert.equal(data.version, 1);
    assert.equal(data.fixes.length, 1);
    assert.match(data.fixes[0]!.edit.newText, /^nginx:1\.27@sha256:c{64}$/);
    assert.equal(p.diagnostics.find((x) => x.code === 'unsigned')?.severity, 3, 'unsigned is information');
    await client.shutdown();
  });

  test('results computed for an older version are dropped', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW });
    let openGate!: () => void;
    client.configurationGate = new Promise((r) => (openGate = r));
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile', 1);
    await client.waitFor(() => client.configurationRequests.find((r) => JSON.stringify(r).includes(DOCKERFILE_URI)));
    client.change(DOCKERFILE_URI, 2, 'FROM nginx:1.27\n');
    openGate();
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'unsigned')),
    );
    assert.equal(p.version, 2);
    assert.deepEqual(
      client.published.map((x) => x.version).filter((v) => v === 1),
      [],
      'nothing published for version 1',
    );
    assert.deepEqual(codesOf(p.diagnostics), ['0:unpinned-digest', '0:unsigned']);
    await client.shutdown();
  });

  test('publishes on didOpen even when a didChangeConfiguration races it (eglot)', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    client.configurationChanged(null);
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'unsigned')),
    );
    assert.deepEqual(codesOf(p.diagnostics), AFTER_LOOKUPS);
    await client.shutdown();
  });

  test('initializationOptions.settings apply for a client without workspace/configuration', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({
      facts,
      now: NOW,
      configuration: false,
      initializationOptions: { settings: { rules: { unsigned: 'off', 'latest-tag': 'error' } } },
    });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'digest-drift')),
    );
    assert.deepEqual(
      codesOf(p.diagnostics),
      AFTER_LOOKUPS.filter((c) => !c.endsWith('unsigned')),
    );
    assert.equal(p.diagnostics.find((d) => d.code === 'latest-tag')?.severity, 1);
    assert.equal(client.configurationRequests.length, 0);
    await client.shutdown();
  });

  test('a settings change re-evaluates: rules.unsigned "off" drops it', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW, settings: {} });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    await client.waitFor(() => client.published.find((x) => x.diagnostics.some((d) => d.code === 'unsigned')));
    const before = client.published.length;
    client.settings = { rules: { unsigned: 'off' }, staleAfterDays: 10 };
    client.configurationChanged({});
    const p = await client.waitFor(() => client.published.slice(before).find((x) => x.uri === DOCKERFILE_URI));
    assert.deepEqual(codesOf(p.diagnostics), [
      '0:stale',
      '0:unpinned-digest',
      '1:stale',
      '1:unpinned-digest',
      '2:digest-drift',
      '2:stale',
      '3:latest-tag',
      '3:stale',
      '3:unpinned-digest',
    ]);
    await client.shutdown();
  });

  test('a malformed file says what was not read (no finding, no crash) and does not stop the server', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    const uri = 'file:///work/app/compose.yaml';
    client.open(uri, 'services:\n  web:\n    image: [unclosed\n  : : :\n\t\u0000', 'yaml');
    const p = await client.publication(uri, 1);
    assert.ok(p.diagnostics.length > 0, 'a syntax problem is not a clean result');
    for (const d of p.diagnostics) {
      assert.equal(d.code, undefined, 'not a finding');
      assert.equal(d.severity, 2);
      assert.match(
        typeof d.message === 'string' ? d.message : d.message.value,
        /^Not read completely: .*Image references there are not checked\.$/,
      );
    }
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    assert.ok((await client.publication(DOCKERFILE_URI, 1)).diagnostics.length > 0);
    await client.shutdown();
  });

  test('didClose clears the published diagnostics', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    await client.publication(DOCKERFILE_URI, 1);
    const n = client.published.length;
    void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: DOCKERFILE_URI } });
    const p = await client.waitFor(() => client.published.slice(n).find((x) => x.diagnostics.length === 0));
    assert.equal(p.uri, DOCKERFILE_URI);
    await client.shutdown();
  });
});

describe('pull diagnostics (VS Code)', () => {
  test('the pull answers from cache without waiting, then one refresh brings the looked-up findings', async () => {
    const facts = scriptedFacts();
    facts.hold();
    const { client } = await startClient({ facts, now: NOW, pull: true });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const first = await client.pull(DOCKERFILE_URI);
    assert.equal(first.kind, 'full');
    assert.deepEqual(codesOf(first.items), BEFORE_LOOKUPS);
    assert.equal(client.refreshes, 0);
    facts.release();
    await client.waitFor(() => (client.refreshes > 0 ? true : undefined));
    const second = await client.pull(DOCKERFILE_URI);
    assert.deepEqual(codesOf(second.items), AFTER_LOOKUPS);
    assert.equal(client.refreshes, 1, 'one coalesced refresh');
    assert.equal(client.published.length, 0, 'no pushed diagnostics for a pull client');
    await client.shutdown();
  });

  test('a pull whose document changes meanwhile is answered ServerCancelled (retrigger)', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW, pull: true });
    let openGate!: () => void;
    client.configurationGate = new Promise((r) => (openGate = r));
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile', 1);
    const pending = client.pull(DOCKERFILE_URI);
    await client.waitFor(() => client.configurationRequests.find((r) => JSON.stringify(r).includes(DOCKERFILE_URI)));
    client.change(DOCKERFILE_URI, 2, 'FROM nginx:1.27\n');
    // a hover round-trip makes sure the change has been processed before the settings arrive
    await client.hover(DOCKERFILE_URI, { line: 9, character: 0 }).catch(() => null);
    openGate();
    await assert.rejects(
      pending,
      (e: { code?: number; data?: unknown }) =>
        e.code === -32802 && JSON.stringify(e.data) === '{"retriggerRequest":true}',
    );
    assert.deepEqual(codesOf((await client.pull(DOCKERFILE_URI)).items), ['0:unpinned-digest']);
    await client.shutdown();
  });
});
