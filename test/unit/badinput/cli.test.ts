// The CLI in process over a folder holding the whole bad-input corpus (as bytes on disk, so
// broken UTF-8 is decoded by Node as it would be in use): `scan --format json` exits 0, lists
// exactly the references extraction gives for each file, and names every file whose extraction
// reported a problem in stderr. Nothing is left out silently.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../server/src/cli/main.js';
import { detectFileKind, extractFile } from '../../../server/src/extract/index.js';
import { toReferenceJson, type ReferenceJson } from '../../../server/src/model/reference.js';
import { corpus, textOf } from '../../helpers/corpus.js';
import { MB } from './support.js';

const entries = corpus({ manifestBytes: 1 * MB });
/** Known bugs (see extract.test.ts), by file. */
const KNOWN: Record<string, string> = {};

let dir = '';
let code = -1;
let out = '';
let err = '';
let scanned: ReferenceJson[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-badinput-'));
  for (const e of entries) {
    mkdirSync(path.dirname(path.join(dir, e.fileName)), { recursive: true });
    writeFileSync(path.join(dir, e.fileName), e.bytes());
  }
  code = await runCli(['scan', '--format', 'json'], {
    cwd: dir,
    out: (s) => (out += `${s}\n`),
    err: (s) => (err += `${s}\n`),
    now: () => Date.parse('2026-11-23T12:00:00Z'),
    version: '0.0.0-test',
  });
  scanned = (JSON.parse(out) as { references: ReferenceJson[] }).references;
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('image-trust scan --format json over the bad-input corpus', () => {
  test('exits 0 with JSON on stdout and no stack trace on stderr', () => {
    assert.equal(code, 0, err);
    assert.ok(Array.isArray(scanned));
    assert.doesNotMatch(err, /\n\s+at .+[(:]\d+/);
  });

  for (const entry of entries) {
    const known = KNOWN[entry.fileName];
    test(
      `${entry.fileName}: its references are listed, its problems named in stderr`,
      known ? { todo: known } : {},
      () => {
        const text = textOf(entry);
        const kind = detectFileKind(entry.fileName, text);
        assert.ok(kind, `${entry.fileName} is recognised`);
        const expected = extractFile(entry.fileName, text, kind);
        const listed = scanned.filter((r) => r.file === entry.fileName);
        assert.deepEqual(listed, expected.references.map(toReferenceJson));
        const named = err.split('\n').filter((l) => l.startsWith(`image-trust: ${entry.fileName}`)).length;
        assert.equal(named, expected.problems.length, 'one stderr line per problem');
        assert.ok(listed.length > 0 || named > 0, 'the file shows in the output or in stderr');
      },
    );
  }
});
