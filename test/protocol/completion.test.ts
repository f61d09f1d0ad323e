// Tag and digest completion over the protocol: after `name:` the repository's tags (newest first,
// with push age and whether each is the digest pulled now), after `@` the digest the tag points to
// now — in every file type, and nowhere that is not an image.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/model/range.js';
import { startClient } from './client.js';
import { digestOf, makeFacts, NOW, ScriptedFacts } from './scriptedFacts.js';

const D_NEW = digestOf('4');
const D_OLD = digestOf('5');
const DAY = 86_400_000;

/** The document with its cursor marker `‸` removed, and the cursor's position. */
function withCursor(marked: string) {
  const offset = marked.indexOf('‸');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, at: new LineIndex(text).positionAt(offset) };
}

function facts(): ScriptedFacts {
  return new ScriptedFacts()
    .answer('docker.io/library/nginx:1.27', makeFacts({ digest: D_NEW }))
    .answerTags('docker.io/library/nginx', {
      source: 'hub',
      tags: [
        { name: '1.27.4', digest: D_NEW, lastPushed: new Date(NOW - 2 * DAY).toISOString() },
        { name: '1.27', digest: D_NEW, lastPushed: new Date(NOW - 2 * DAY).toISOString() },
        { name: 'sha256-abc.sig', digest: D_OLD, lastPushed: new Date(NOW - 2 * DAY).toISOString() },
        { name: '1.26.2', digest: D_OLD, lastPushed: new Date(NOW - 400 * DAY).toISOString() },
      ],
    })
    .answerTags('localhost:5000/team/app', {
      source: 'registry',
      tags: ['0.9', '1.10', '1.2', 'edge'].map((name) => ({ name, digest: null, lastPushed: null })),
    });
}

interface Case {
  name: string;
  uri: string;
  /** the document, with `‸` where completion is asked */
  text: string;
  labels: string[];
  /** what the first item's text edit makes of the line */
  line?: string;
}

const CASES: Case[] = [
  {
    name: 'Dockerfile FROM, nothing typed: every tag, newest first, helper tags left out',
    uri: 'file:///w/Dockerfile',
    text: 'FROM nginx:‸\n',
    labels: ['1.27.4', '1.27', '1.26.2'],
    line: 'FROM nginx:1.27.4',
  },
  {
    name: 'Dockerfile, part of a tag typed: the whole tag is replaced',
    uri: 'file:///w/Dockerfile',
    text: 'FROM nginx:1.2‸6 AS web\n',
    labels: ['1.27.4', '1.27', '1.26.2'],
    line: 'FROM nginx:1.27.4 AS web',
  },
  {
    name: 'Compose image:',
    uri: 'file:///w/compose.yaml',
    text: 'services:\n  web:\n    image: nginx:‸\n',
    labels: ['1.27.4', '1.27', '1.26.2'],
  },
  {
    name: 'Kubernetes container',
    uri: 'file:///w/pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: "nginx:‸"\n',
    labels: ['1.27.4', '1.27', '1.26.2'],
  },
  {
    name: 'GitHub Actions docker:// step',
    uri: 'file:///w/.github/workflows/ci.yml',
    text: 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://nginx:‸\n',
    labels: ['1.27.4', '1.27', '1.26.2'],
  },
  {
    name: 'another registry: its tag list, versions newest first',
    uri: 'file:///w/Dockerfile',
    text: 'FROM localhost:5000/team/app:‸\n',
    labels: ['1.10', '1.2', '0.9', 'edge'],
  },
  {
    name: 'after @: the digest the tag points to now',
    uri: 'file:///w/Dockerfile',
    text: 'FROM nginx:1.27@‸\n',
    labels: [D_NEW],
    line: `FROM nginx:1.27@${D_NEW}`,
  },
  { name: 'not an image: a comment', uri: 'file:///w/Dockerfile', text: '# see nginx:‸\nFROM alpine\n', labels: [] },
  {
    name: 'not an image: a label value',
    uri: 'file:///w/Dockerfile',
    text: 'FROM alpine\nLABEL x=nginx:‸\n',
    labels: [],
  },
  {
    name: 'not an image: another compose key',
    uri: 'file:///w/compose.yaml',
    text: 'services:\n  web:\n    image: nginx\n    command: nginx:‸\n',
    labels: [],
  },
  { name: 'no tag position: a bare name', uri: 'file:///w/Dockerfile', text: 'FROM ngin‸\n', labels: [] },
];

describe('completion', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { text, at } = withCursor(c.text);
      const { client } = await startClient({ facts: facts(), now: NOW });
      client.open(c.uri, text);
      const list = await client.completion(c.uri, at);
      const items = list?.items ?? [];
      assert.deepEqual(
        items.map((i) => i.label),
        c.labels,
      );
      if (c.line && items[0]?.textEdit && 'range' in items[0].textEdit) {
        const edit = items[0].textEdit;
        const lines = text.split('\n');
        const l = lines[edit.range.start.line] ?? '';
        assert.equal(edit.range.start.line, edit.range.end.line);
        assert.equal(l.slice(0, edit.range.start.character) + edit.newText + l.slice(edit.range.end.character), c.line);
      }
      await client.shutdown();
    });
  }

  test('each tag says when it was pushed and whether it is the digest pulled now', async () => {
    const { text, at } = withCursor('FROM nginx:1.27‸\n');
    const f = facts();
    const { client } = await startClient({ facts: f, now: NOW });
    client.open('file:///w/Dockerfile', text);
    await f.lookup({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: null }); // as diagnostics would have
    const items = (await client.completion('file:///w/Dockerfile', at))?.items ?? [];
    const detail = Object.fromEntries(items.map((i) => [i.label, i.detail]));
    assert.deepEqual(detail, {
      '1.27.4': 'pushed 2 days ago · the digest you pull now',
      '1.27': 'pushed 2 days ago · the digest you pull now',
      '1.26.2': `pushed 13 months ago · ${D_OLD.slice(0, 19)}`,
    });
    assert.equal(items.find((i) => i.preselect)?.label, '1.27', 'the written tag is preselected');
    await client.shutdown();
  });
});
