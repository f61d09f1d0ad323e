// Non-regular files (issue 9, class 6): a FIFO, a link to /dev/zero, a socket, a folder where a
// file is expected, and a file over the cap — each made for real on disk. The shared reader
// (server/src/files/regularFile.ts) refuses each at once without reading (no hang, no memory),
// the CLI names it and goes on, and the server's pin-all answers with the readable files only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { readRegularFile } from '../../../server/src/files/regularFile.js';
import { Commands } from '../../../server/src/protocol.js';
import { startClient } from '../../protocol/client.js';
import { scriptedFacts } from '../../protocol/fixtures.js';
import { NOW } from '../../protocol/scriptedFacts.js';
import { run } from '../cli/support.js';

const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-nonregular-'));
let socket: Server;
const at = (name: string) => path.join(dir, name);

/** [file name, what it is, the refusal message] — every name is one the CLI recognises */
const SPECIAL: Array<[string, string]> = [
  ['fifo.Dockerfile', 'not a regular file: a named pipe (FIFO); not read'],
  ['zero.Dockerfile', 'not a regular file: a device; not read'],
  ['socket.Dockerfile', 'not a regular file: a socket or device; not read'],
  ['folder.Dockerfile', 'not a regular file: a folder; not read'],
];

before(async () => {
  execFileSync('mkfifo', [at('fifo.Dockerfile')]);
  symlinkSync('/dev/zero', at('zero.Dockerfile'));
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(at('socket.Dockerfile'), resolve));
  mkdirSync(at('target-folder'));
  symlinkSync(at('target-folder'), at('folder.Dockerfile'));
  writeFileSync(at('Dockerfile'), 'FROM nginx:1.27\n');
  writeFileSync(at('big.Dockerfile'), `FROM nginx:1.27\n${'#'.repeat(4096)}\n`);
});
after(async () => {
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  for (const [name, message] of SPECIAL) {
    test(`${name}: refused without reading`, async () => {
      const rss = process.memoryUsage().rss;
      const read = await readRegularFile(at(name));
      assert.deepEqual(read, { ok: false, refusal: 'not-regular', message });
      assert.ok(process.memoryUsage().rss - rss < 32 * 1024 * 1024, 'nothing was read');
    });
  }
  test('a file over the cap is refused', async () => {
    assert.deepEqual(await readRegularFile(at('big.Dockerfile'), 1024), {
      ok: false,
      refusal: 'too-large',
      message: 'file is too large (4113 bytes; limit 1024); not read',
    });
  });
  test('a regular file is read whole', async () => {
    const read = await readRegularFile(at('Dockerfile'));
    assert.ok(read.ok);
    assert.equal(read.bytes.toString(), 'FROM nginx:1.27\n');
  });
  test('a missing file', async () => {
    assert.deepEqual(await readRegularFile(at('nope')), {
      ok: false,
      refusal: 'missing',
      message: 'no such file or folder',
    });
  });
});

describe('the CLI', () => {
  test('named explicitly: each is named with its reason, the regular file is still scanned', async () => {
    // (a link to a folder, named explicitly, is a folder to walk)
    const files = SPECIAL.filter(([n]) => n !== 'folder.Dockerfile');
    const r = await run(['scan', ...files.map(([n]) => n), 'Dockerfile'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      r.err.trim().split('\n'),
      files.map(([n, m]) => `image-trust: ${n}: ${m}`),
    );
    assert.match(r.out, /^Dockerfile:1:6 {2}dockerfile {2}docker\.io\/library\/nginx:1\.27$/m);
    assert.match(r.out, /^1 reference in 1 file; 3 files could not be read completely \(not a regular file: 3\)$/m);
  });
  test('found in a folder: each named, a link to a folder too', async () => {
    const r = await run(['scan', '.'], dir);
    assert.deepEqual(r.err.trim().split('\n').sort(), SPECIAL.map(([n, m]) => `image-trust: ${n}: ${m}`).sort());
  });
});

describe('the server', () => {
  test('pin all over FIFO, device, socket and folder URIs answers, with the readable file pinned', async (t) => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    t.after(() => client.shutdown());
    const uris = [...SPECIAL.map(([n]) => n), 'Dockerfile'].map((n) => pathToFileURL(at(n)).href);
    const edit = (await client.execute(Commands.pinAll, [{ uris, apply: false }])) as WorkspaceEdit;
    const changed = (edit.documentChanges ?? []) as Array<{ textDocument: { uri: string } }>;
    assert.deepEqual(
      changed.map((c) => c.textDocument.uri),
      [pathToFileURL(at('Dockerfile')).href],
    );
  });
});
