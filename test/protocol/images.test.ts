// The workspace at a glance over the protocol: imageTrust.server.images lists every image of the
// given files (open or on disk) with its verdict and one-line glance; imageTrust.server.report gives
// the same as Markdown that stays inert when rendered.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { Commands, type ImagesResult } from '../../server/src/protocol.js';
import { startClient } from './client.js';
import { DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

describe('images and report', () => {
  test('every image with its verdict and glance, for open documents and files on disk', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-trust-images-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const compose = join(dir, 'compose.yaml');
    writeFileSync(compose, 'services:\n  web:\n    image: nginx:1.27\n  tool:\n    image: nobody/missing:1\n');
    const composeUri = pathToFileURL(compose).href;
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const result = (await client.execute(Commands.images, [
      { uris: [DOCKERFILE_URI, composeUri, 'file:///nowhere/Dockerfile'] },
    ])) as ImagesResult;
    assert.deepEqual(
      result.files.map((f) => f.uri),
      [DOCKERFILE_URI, composeUri],
      'unreadable files are left out',
    );
    const rows = result.files.flatMap((f) => f.images.map((i) => [i.text, i.verdict, i.glance]));
    assert.deepEqual(rows, [
      ['nginx:1.27', 'warning', 'Docker Official Image · unsigned · pushed 7 weeks ago'],
      [
        'python:3.12-slim',
        'warning',
        'Docker Official Image · signed (cosign), not verified · pushed 7 weeks ago · 2 platforms',
      ],
      [
        `alpine:3.19@${result.files[0]!.images[2]!.text.split('@')[1]}`,
        'information',
        'Docker Official Image · signed (cosign), not verified · pushed 7 weeks ago',
      ],
      ['ubuntu', 'warning', 'Docker Official Image · unsigned · pushed 7 weeks ago'],
      ['py', 'skipped', 'a build stage'],
      ['nginx:1.27', 'warning', 'Docker Official Image · unsigned · pushed 7 weeks ago'],
      ['nobody/missing:1', 'error', 'does not exist'],
    ]);
    assert.ok(result.files[1]!.images[1]!.findings.some((f) => f.code === 'not-found'));
    await client.shutdown();
  });

  test('the report is Markdown with a row per image and the findings per file, labels as given', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const { markdown } = (await client.execute(Commands.report, [
      { uris: [DOCKERFILE_URI], labels: ['app/Dockerfile'] },
    ])) as { markdown: string };
    assert.match(
      markdown,
      /^# Image Trust report\n\n5 image references in 1 file, 2026-11-20 12:00 UTC: \d+ warning, \d+ information\./,
    );
    assert.ok(
      markdown.includes(
        '| `app/Dockerfile:1` | `docker.io/library/nginx:1.27` | ⚠️ warning | Docker Official Image · unsigned · pushed 7 weeks ago |',
      ),
    );
    assert.ok(markdown.includes('## app/Dockerfile'));
    assert.match(markdown, /- line 1, `nginx:1\.27`: \*\*warning\*\* `unpinned-digest`: /);
    await client.shutdown();
  });

  test('arguments that are not { uris } are refused', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    await assert.rejects(client.execute(Commands.images, [{ uris: 'file:///x' }]), /expected \{ uris/);
    await client.shutdown();
  });
});
