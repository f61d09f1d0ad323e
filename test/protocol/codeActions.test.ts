// Code actions over the protocol: each quick fix policy offers, as a version-checked edit that
// changes only the reference; source.fixAll.imageTrust pins the whole file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startClient } from './client.js';
import {
  applyEdits,
  AT,
  DOCKERFILE,
  DOCKERFILE_URI,
  NEW_ALPINE,
  NGINX,
  PINNED_DOCKERFILE,
  PY_ARM64,
  PY_INDEX,
  scriptedFacts,
  UBUNTU,
} from './fixtures.js';
import { digestOf, makeFacts, NOW } from './scriptedFacts.js';

function editsOf(edit: WorkspaceEdit | undefined, uri: string, version: number | null): TextEdit[] {
  assert.ok(edit?.documentChanges, 'a versioned edit');
  const change = edit.documentChanges[0] as {
    textDocument: { uri: string; version: number | null };
    edits: TextEdit[];
  };
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

function lineOf(text: string, n: number): string {
  return text.split('\n')[n] ?? '';
}

const CASES: Array<{
  name: string;
  at: { line: number; character: number };
  title: RegExp;
  preferred: boolean;
  line: string;
}> = [
  {
    name: 'pin an unpinned tag (preferred)',
    at: AT.nginx,
    title: /^Pin to digest sha256:cccccccccccc… \(keeps the tag\)$/,
    preferred: true,
    line: `FROM nginx:1.27@${NGINX}`,
  },
  {
    name: 'pin a multi-arch image to its index digest (preferred)',
    at: AT.python,
    title: /^Pin to index digest sha256:dddddddddddd…/,
    preferred: true,
    line: `FROM --platform=linux/arm64 python:3.12-slim@${PY_INDEX} AS py`,
  },
  {
    name: "pin FROM --platform to that platform's digest",
    at: AT.python,
    title: /^Pin to the linux\/arm64 digest sha256:ffffffffffff…/,
    preferred: false,
    line: `FROM --platform=linux/arm64 python:3.12-slim@${PY_ARM64} AS py`,
  },
  {
    name: 'update a drifted digest',
    at: AT.alpine,
    title: /^Update the digest to sha256:bbbbbbbbbbbb… \(what 3\.19 points to now\)$/,
    preferred: false,
    line: `FROM alpine:3.19@${NEW_ALPINE}`,
  },
  {
    name: 'replace latest by the version tag and pin it',
    at: AT.ubuntu,
    title: /^Replace latest by 24\.04 and pin its digest$/,
    preferred: false,
    line: `FROM ubuntu:24.04@${UBUNTU}`,
  },
  {
    name: 'pin an implied latest',
    at: AT.ubuntu,
    title: /^Pin to digest sha256:111111111111…/,
    preferred: true,
    line: `FROM ubuntu:latest@${UBUNTU}`,
  },
];

describe('code actions', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      const published = await client.waitFor(() =>
        client.published.find((p) => p.diagnostics.some((d) => d.code === 'digest-drift')),
      );
      const range = { start: c.at, end: c.at };
      const onLine = published.diagnostics.filter((d) => d.range.start.line === c.at.line);
      const actions = (await client.codeActions(DOCKERFILE_URI, range, onLine, ['quickfix'])) ?? [];
      const action = actions.find((a) => c.title.test(a.title));
      assert.ok(action, `an action titled ${c.title}; got ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, c.preferred);
      const after = applyEdits(DOCKERFILE, editsOf(action.edit, DOCKERFILE_URI, 1));
      assert.equal(lineOf(after, c.at.line), c.line);
      assert.deepEqual(
        after.split('\n').filter((_, i) => i !== c.at.line),
        DOCKERFILE.split('\n').filter((_, i) => i !== c.at.line),
        'other lines untouched',
      );
      if (action.diagnostics) for (const d of action.diagnostics) assert.equal(d.range.start.line, c.at.line);
      await client.shutdown();
    });
  }

  test('the pin quick fix names the diagnostic it fixes', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const p = await client.waitFor(() =>
      client.published.find((x) => x.diagnostics.some((d) => d.code === 'digest-drift')),
    );
    const diag = p.diagnostics.find((d) => d.code === 'unpinned-digest' && d.range.start.line === 0);
    const actions = (await client.codeActions(DOCKERFILE_URI, diag!.range, [diag!])) ?? [];
    const pin = actions.find((a) => a.isPreferred);
    assert.deepEqual(
      pin?.diagnostics?.map((d) => d.code),
      ['unpinned-digest'],
    );
    await client.shutdown();
  });

  // The fixes a diagnostic carries (Diagnostic.data) are what the quick fix applies while the document
  // is at the version they were built for; for another version they are recomputed.
  const CARRIED: Array<{ name: string; version: (current: number) => number; fromData: boolean }> = [
    { name: 'same version: the carried fix, no recomputation', version: (v) => v, fromData: true },
    { name: 'older version: recomputed for the current text', version: (v) => v - 1, fromData: false },
  ];
  for (const c of CARRIED) {
    test(`fixes travel with their diagnostics — ${c.name}`, async () => {
      const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      const p = await client.waitFor(() =>
        client.published.find((x) => x.diagnostics.some((d) => d.code === 'digest-drift')),
      );
      const diag = p.diagnostics.find((d) => d.code === 'unpinned-digest' && d.range.start.line === AT.nginx.line)!;
      const data = diag.data as { uri: string; version: number; fixes: Array<{ title: string }> };
      assert.equal(data.uri, DOCKERFILE_URI);
      assert.equal(data.version, 1);
      assert.match(data.fixes[0]!.title, /^Pin to digest/);
      // mark the carried fix so the answer shows where it came from
      const sent = {
        ...diag,
        data: {
          ...data,
          version: c.version(data.version),
          fixes: data.fixes.map((f) => ({ ...f, title: `${f.title} [carried]` })),
        },
      };
      const actions = (await client.codeActions(DOCKERFILE_URI, diag.range, [sent], ['quickfix'])) ?? [];
      const pin = actions.find((a) => a.isPreferred);
      assert.ok(pin, `a preferred pin among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(pin.title.endsWith('[carried]'), c.fromData);
      assert.equal(
        lineOf(applyEdits(DOCKERFILE, editsOf(pin.edit, DOCKERFILE_URI, 1)), AT.nginx.line),
        `FROM nginx:1.27@${NGINX}`,
      );
      await client.shutdown();
    });
  }

  test('context.only given as a single kind (not an array) is understood', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const actions =
      (await client.codeActions(
        DOCKERFILE_URI,
        { start: AT.nginx, end: AT.nginx },
        [],
        'quickfix' as unknown as string[],
      )) ?? [];
    assert.ok(actions.some((a) => a.isPreferred && a.kind === 'quickfix'));
    await client.shutdown();
  });

  test('source.fixAll.imageTrust pins every unpinned reference of the file, nothing else', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const actions =
      (await client.codeActions(
        DOCKERFILE_URI,
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        [],
        ['source.fixAll'],
      )) ?? [];
    assert.deepEqual(
      actions.map((a: CodeAction) => a.kind),
      ['source.fixAll.imageTrust'],
    );
    const after = applyEdits(DOCKERFILE, editsOf(actions[0]!.edit, DOCKERFILE_URI, 1));
    assert.equal(after, PINNED_DOCKERFILE);
    await client.shutdown();
  });

  test('a client without documentChanges gets plain changes', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW, documentChanges: false });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const actions =
      (await client.codeActions(DOCKERFILE_URI, { start: AT.nginx, end: AT.nginx }, [], ['quickfix'])) ?? [];
    const pin = actions.find((a) => a.isPreferred);
    assert.deepEqual(Object.keys(pin?.edit?.changes ?? {}), [DOCKERFILE_URI]);
    assert.equal(pin?.edit?.documentChanges, undefined);
    await client.shutdown();
  });

  test('no quick fix on a build stage', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    assert.deepEqual(
      await client.codeActions(DOCKERFILE_URI, { start: AT.stage, end: AT.stage }, [], ['quickfix']),
      [],
    );
    await client.shutdown();
  });
});

describe('update to the newest tag in the same track', () => {
  const NEWER = digestOf('7');
  function trackFacts() {
    return scriptedFacts()
      .answer('docker.io/library/nginx:1.27.5', makeFacts({ digest: NEWER }))
      .answerTags('docker.io/library/nginx', {
        source: 'hub',
        tags: ['1.28.0', '1.27.5', '1.27.4', '1.27', 'latest'].map((name) => ({
          name,
          digest: null,
          lastPushed: null,
        })),
      });
  }
  const CASES: Array<{ name: string; line: string; want: string | null }> = [
    {
      name: 'a patch release: moved along 1.27.* and pinned',
      line: 'FROM nginx:1.27.3',
      want: `FROM nginx:1.27.5@${NEWER}`,
    },
    {
      name: 'an existing pin moves too',
      line: `FROM nginx:1.27.3@${digestOf('a')}`,
      want: `FROM nginx:1.27.5@${NEWER}`,
    },
    { name: 'already newest on the track: no action', line: 'FROM nginx:1.27.5', want: null },
    { name: 'latest has no track: no action', line: 'FROM nginx:latest', want: null },
  ];
  for (const c of CASES) {
    test(c.name, async () => {
      const uri = 'file:///w/Dockerfile';
      const { client } = await startClient({ facts: trackFacts(), now: NOW });
      client.open(uri, `${c.line}\n`, 'dockerfile');
      const actions =
        (await client.codeActions(uri, { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } })) ?? [];
      const update = actions.filter((a) => a.kind === 'refactor.rewrite.imageTrust.update');
      if (c.want === null) {
        assert.deepEqual(update, []);
      } else {
        assert.equal(update.length, 1);
        assert.match(
          update[0]!.title,
          /^Update to 1\.27\.5, the newest on the 1\.27\.\* track, pinned to sha256:777777777777…$/,
        );
        assert.equal(lineOf(applyEdits(`${c.line}\n`, editsOf(update[0]!.edit, uri, 1)), 0), c.want);
      }
      const quickOnly =
        (await client.codeActions(
          uri,
          { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } },
          [],
          ['quickfix'],
        )) ?? [];
      assert.ok(
        quickOnly.every((a) => a.kind === 'quickfix'),
        'asked for quick fixes only: no update',
      );
      await client.shutdown();
    });
  }
});
