// lookalike and known-malicious in the editor: reported from the name before any lookup lands,
// explained in the hover, and fed by the user's own lists (a broken list shown, not swallowed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startClient } from './client.js';
import { ScriptedFacts, NOW } from './scriptedFacts.js';

const URI = 'file:///work/app/Dockerfile';
const TEXT = [
  'FROM ngnix:1.27',
  'FROM docker123321/mysql:5.7',
  'FROM ghrc.io/acme/app:1.0',
  'FROM acme/legacy:2',
  '',
].join('\n');
const ours = (ds: Diagnostic[]): string[] =>
  ds
    .filter((d) => d.code === 'lookalike' || d.code === 'known-malicious')
    .map((d) => `${d.range.start.line}:${String(d.code)}:${d.severity}`)
    .sort();

const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-protocol-lists-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const teamList = path.join(dir, 'blocklist.json');
writeFileSync(
  teamList,
  JSON.stringify({
    version: 1,
    entries: [
      {
        match: 'repository',
        value: 'acme/legacy',
        source: 'https://intranet.example/blocklist',
        reported: '2026-11-01',
      },
    ],
  }),
);
const brokenList = path.join(dir, 'broken.json');
writeFileSync(brokenList, JSON.stringify({ version: 1, entries: [{ match: 'repo', value: 'x' }] }));

describe('lookalike and known-malicious over the protocol', () => {
  test('published from the names at once, before any lookup has answered', async () => {
    const facts = new ScriptedFacts();
    facts.hold();
    const { client } = await startClient({ facts, now: NOW });
    client.open(URI, TEXT, 'dockerfile');
    const first = await client.publication(URI, 1);
    assert.deepEqual(ours(first.diagnostics), ['0:lookalike:2', '1:known-malicious:1', '2:lookalike:2']);
    const d = first.diagnostics.find((x) => x.code === 'known-malicious');
    assert.equal(d?.codeDescription?.href, 'https://github.com/image-trust/image-trust#known-malicious');
    assert.match(
      String(d?.message),
      /reported malicious on 2018-01-02 \(https:\/\/sysdig\.com\/blog\/detecting-cryptojacking\/\)/,
    );
    facts.release();
    await client.shutdown();
  });

  test('the hover says what the name imitates and what it was compared with', async () => {
    const { client } = await startClient({ facts: new ScriptedFacts(), now: NOW });
    client.open(URI, TEXT, 'dockerfile');
    const hover = await client.hover(URI, { line: 0, character: 7 });
    const value = (hover?.contents as { value: string }).value;
    for (const s of [
      'looks like the Docker Official Image \\`nginx\\`',
      '(`lookalike`)',
      'Compared with the lists shipped with Image Trust: Docker Official Images of 2026-08-21',
    ]) {
      assert.ok(value.includes(s), `hover has ${JSON.stringify(s)}:\n${value}`);
    }
    const registry = await client.hover(URI, { line: 2, character: 7 });
    assert.ok(
      (registry?.contents as { value: string }).value.includes(
        'looks like the registry \\`ghcr.io\\` (GitHub Container Registry)',
      ),
    );
    await client.shutdown();
  });

  test('the quick fix names what to use instead, is never preferred, and edits only the reference', async () => {
    const { client } = await startClient({ facts: new ScriptedFacts(), now: NOW });
    client.open(URI, TEXT, 'dockerfile');
    const p = await client.publication(URI, 1);
    const d = p.diagnostics.find((x) => x.code === 'lookalike' && x.range.start.line === 0);
    assert.ok(d);
    const actions = (await client.codeActions(URI, d.range, [d], ['quickfix'])) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Use the Docker Official Image nginx'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, false);
    assert.deepEqual(fix.edit?.documentChanges, [
      {
        textDocument: { uri: URI, version: 1 },
        edits: [
          { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 15 } }, newText: 'nginx:1.27' },
        ],
      },
    ]);
    await client.shutdown();
  });

  test("the user's lists: entries matched, a broken list shown to the user with its file", async () => {
    const { client } = await startClient({
      facts: new ScriptedFacts(),
      now: NOW,
      settings: { knownMalicious: { lists: [teamList, brokenList] } },
    });
    client.open(URI, TEXT, 'dockerfile');
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'known-malicious' && d.range.start.line === 3)),
    );
    const d = p.diagnostics.find((x) => x.code === 'known-malicious' && x.range.start.line === 3);
    assert.equal(
      d?.message,
      `\`acme/legacy\` is known to be malicious: the repository \`docker.io/acme/legacy\` was reported malicious on 2026-11-01 (https://intranet.example/blocklist, list ${teamList}). Do not pull it.`,
    );
    const shown = await client.waitFor(() => client.messages.find((m) => m.message.includes('broken.json')));
    assert.deepEqual(shown, {
      type: 2,
      message: `Image Trust: knownMalicious.lists: ${brokenList}: entries[0].match: must be "namespace", "repository" or "digest"; the entry is not used`,
    });
    await client.shutdown();
  });
});
