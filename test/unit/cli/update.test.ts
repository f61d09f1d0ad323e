// `image-trust fix --update`: a tag moves to the newest on its track (only the last written number),
// pinned to that tag's digest; other references are pinned as without --update; the summary counts
// the updates and says when an update loses trust.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { digestOf, makeFacts, ScriptedFacts } from '../../protocol/scriptedFacts.js';
import { run, workspace } from './support.js';

const OLD = digestOf('1');
const NEW = digestOf('2');
const ALPINE = digestOf('3');
const SIG = {
  kind: 'cosign' as const,
  digest: digestOf('9'),
  verification: 'unverified' as const,
  signer: null,
  reason: 'no trust policy names this image',
};

function facts(): ScriptedFacts {
  return new ScriptedFacts()
    .answer('docker.io/library/nginx:1.27.3', makeFacts({ digest: OLD, signatures: [SIG] }))
    .answer('docker.io/library/nginx:1.27.5', makeFacts({ digest: NEW }))
    .answer('docker.io/library/alpine:3.19', makeFacts({ digest: ALPINE }))
    .answerTags('docker.io/library/nginx', {
      source: 'hub',
      tags: ['1.28.0', '1.27.5', '1.27.4', '1.27.3', 'latest'].map((name) => ({
        name,
        digest: null,
        lastPushed: null,
      })),
    })
    .answerTags('docker.io/library/alpine', {
      source: 'hub',
      tags: [{ name: '3.19', digest: ALPINE, lastPushed: null }],
    });
}

describe('fix --update', () => {
  test('moves a tag along its track and pins it; pins the rest; says the update loses a signature', async () => {
    const cwd = workspace({ Dockerfile: `FROM nginx:1.27.3 AS web\nFROM nginx:1.27.3@${OLD}\nFROM alpine:3.19\n` });
    const r = await run(['fix', '--update', 'Dockerfile'], cwd, facts());
    assert.equal(r.code, 0, r.err);
    assert.equal(
      readFileSync(path.join(cwd, 'Dockerfile'), 'utf8'),
      `FROM nginx:1.27.5@${NEW} AS web\nFROM nginx:1.27.5@${NEW}\nFROM alpine:3.19@${ALPINE}\n`,
    );
    const lines = r.err.trimEnd().split('\n');
    assert.deepEqual(lines, [
      'image-trust: Dockerfile:1:6: updated 1.27.3 → 1.27.5, the newest on the 1.27.* track, pinned to sha256:222222222222… — less trust: it is signed; the new digest is unsigned',
      'image-trust: Dockerfile:2:6: updated 1.27.3 → 1.27.5, the newest on the 1.27.* track, pinned to sha256:222222222222… — less trust: it is signed; the new digest is unsigned',
      'image-trust: pinned or updated 3 references in 1 file (2 updates)',
    ]);
  });

  test('without --update nothing moves: the tag is pinned where it is', async () => {
    const cwd = workspace({ Dockerfile: 'FROM nginx:1.27.3\n' });
    const r = await run(['fix', 'Dockerfile'], cwd, facts());
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(path.join(cwd, 'Dockerfile'), 'utf8'), `FROM nginx:1.27.3@${OLD}\n`);
  });

  test('--dry-run --update shows the diff and writes nothing', async () => {
    const cwd = workspace({ Dockerfile: 'FROM nginx:1.27.3\n' });
    const r = await run(['fix', '--update', '--dry-run', 'Dockerfile'], cwd, facts());
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.includes(`+FROM nginx:1.27.5@${NEW}`), r.out);
    assert.equal(readFileSync(path.join(cwd, 'Dockerfile'), 'utf8'), 'FROM nginx:1.27.3\n');
    assert.match(r.err, /would pin or update 1 reference in 1 file \(1 update\)/);
  });
});
