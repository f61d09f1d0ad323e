// `image-trust fix` changes the references' bytes and nothing else (issue 9, class 7): each case is
// a file as bytes (CRLF, lone CR, invalid UTF-8, Latin-1, a BOM, astral characters, a control
// character) and exactly the bytes it holds afterwards; --dry-run shows those bytes; the write is a
// rename (mode kept, a link stays a link, no temporary file left); a file edited while fix waited
// for lookups, or a read-only one, is refused with one line, and the other files are still fixed.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { digestOf, makeFacts, ScriptedFacts } from '../../protocol/scriptedFacts.js';
import { run, workspace } from './support.js';

const D = digestOf('c');
const NGINX = 'docker.io/library/nginx:1.27';
const facts = () => new ScriptedFacts().answer(NGINX, makeFacts({ digest: D }));
const b = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const CASES: Array<{ name: string; file: string; before: Buffer; after: Buffer }> = [
  {
    name: 'Latin-1 and broken UTF-8 stay byte for byte',
    file: 'Dockerfile',
    before: b('# caf', [0xe9, 0xff, 0xfe], '\nFROM nginx:1.27 AS x # ', [0xc3], '\n'),
    after: b('# caf', [0xe9, 0xff, 0xfe], `\nFROM nginx:1.27@${D} AS x # `, [0xc3], '\n'),
  },
  {
    name: 'truncated sequences around the reference',
    file: 'Dockerfile',
    before: b('# ', [0xf0, 0x9f, 0x98], '\nFROM nginx:1.27 # ', [0xe2, 0x82]),
    after: b('# ', [0xf0, 0x9f, 0x98], `\nFROM nginx:1.27@${D} # `, [0xe2, 0x82]),
  },
  {
    name: 'astral characters and a BOM before the reference',
    file: 'Dockerfile',
    before: b('\uFEFF# 😀😀\r\nFROM nginx:1.27\r\n'),
    after: b(`\uFEFF# 😀😀\r\nFROM nginx:1.27@${D}\r\n`),
  },
  {
    name: 'a control character in a comment',
    file: 'Dockerfile',
    before: b('# \u001b]8;;x\u0007\nFROM nginx:1.27\n'),
    after: b(`# \u001b]8;;x\u0007\nFROM nginx:1.27@${D}\n`),
  },
  {
    name: 'Helm values, CRLF: the digest line ends in CRLF',
    file: 'values.yaml',
    before: b('image:\r\n  repository: nginx\r\n  tag: "1.27"\r\nother: 1\r\n'),
    after: b(`image:\r\n  repository: nginx\r\n  tag: "1.27"\r\n  digest: ${D}\r\nother: 1\r\n`),
  },
  {
    name: 'Helm values, lone CR, no line end at the end',
    file: 'values.yaml',
    before: b('image:\r  repository: nginx\r  tag: "1.27"'),
    after: b(`image:\r  repository: nginx\r  tag: "1.27"\r  digest: ${D}`),
  },
  {
    name: 'kustomization, CRLF, last line',
    file: 'kustomization.yaml',
    before: b('images:\r\n  - name: nginx\r\n    newTag: "1.27"'),
    after: b(`images:\r\n  - name: nginx\r\n    newTag: "1.27"\r\n    digest: ${D}`),
  },
  {
    name: 'kustomization, lone CR',
    file: 'kustomization.yaml',
    before: b('images:\r  - name: nginx\r    newTag: "1.27"\rx: 1\r'),
    after: b(`images:\r  - name: nginx\r    newTag: "1.27"\r    digest: ${D}\rx: 1\r`),
  },
];

describe("fix writes only the references' bytes", () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const cwd = workspace({ [c.file]: c.before });
      const r = await run(['fix', c.file], cwd, facts());
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(readFileSync(path.join(cwd, c.file)), c.after);
      assert.equal(r.err, 'image-trust: pinned 1 reference in 1 file\n');
    });
  }
});

describe('fix --dry-run', () => {
  test('shows exactly the bytes that change: invalid bytes and controls as escapes, CRLF kept, CR shown', async () => {
    const cwd = workspace({
      Dockerfile: CASES[0]!.before,
      'values.yaml': CASES[5]!.before,
      'crlf/values.yaml': CASES[4]!.before,
    });
    const r = await run(['fix', '--dry-run', '.'], cwd, facts());
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, 'image-trust: would pin 3 references in 3 files\n');
    const hunks = r.out.split('\n').filter((l) => /^[-+ @]/.test(l) && !/^(---|\+\+\+) /.test(l));
    assert.deepEqual(hunks, [
      '@@ -1,2 +1,2 @@',
      ' # caf\\xe9\\xff\\xfe',
      '-FROM nginx:1.27 AS x # \\xc3',
      `+FROM nginx:1.27@${D} AS x # \\xc3`,
      '@@ -1,4 +1,5 @@',
      ' image:\r',
      '   repository: nginx\r',
      '   tag: "1.27"\r',
      `+  digest: ${D}\r`,
      ' other: 1\r',
      '@@ -1,3 +1,4 @@',
      ' image:\\r',
      '   repository: nginx\\r',
      '-  tag: "1.27"',
      '+  tag: "1.27"\\r',
      `+  digest: ${D}`,
    ]);
    assert.deepEqual(readFileSync(path.join(cwd, 'Dockerfile')), CASES[0]!.before, 'nothing written');
  });
});

describe('how fix writes', () => {
  test('mode kept, a link stays a link, no temporary file left', async () => {
    const cwd = workspace({ 'real/Dockerfile': 'FROM nginx:1.27\n' });
    chmodSync(path.join(cwd, 'real/Dockerfile'), 0o640);
    symlinkSync('real/Dockerfile', path.join(cwd, 'Dockerfile'));
    const r = await run(['fix', 'Dockerfile'], cwd, facts());
    assert.equal(r.code, 0, r.err);
    assert.ok(lstatSync(path.join(cwd, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(path.join(cwd, 'real/Dockerfile'), 'utf8'), `FROM nginx:1.27@${D}\n`);
    assert.equal(statSync(path.join(cwd, 'real/Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(path.join(cwd, 'real')), ['Dockerfile']);
  });

  test('a link met on a walk: followed inside the folders given, never written outside them', async () => {
    const cwd = workspace({ 'outside/Dockerfile': 'FROM nginx:1.27\n', 'repo/real/Dockerfile': 'FROM nginx:1.27\n' });
    symlinkSync('../outside/Dockerfile', path.join(cwd, 'repo/Dockerfile'));
    symlinkSync('real/Dockerfile', path.join(cwd, 'repo/compose.Dockerfile'));
    const r = await run(['fix', 'repo'], cwd, facts());
    assert.equal(r.code, 2, r.err);
    assert.equal(
      r.err,
      'image-trust: repo/Dockerfile: a link to a file outside the folders given; not written\nimage-trust: pinned 1 reference in 1 file; 1 file not written\n',
    );
    assert.equal(
      readFileSync(path.join(cwd, 'outside/Dockerfile'), 'utf8'),
      'FROM nginx:1.27\n',
      'the file outside is untouched',
    );
    assert.equal(
      readFileSync(path.join(cwd, 'repo/real/Dockerfile'), 'utf8'),
      `FROM nginx:1.27@${D}\n`,
      'through a link inside the folder',
    );
  });

  test('a read-only file: one line, exit 2, the other files fixed', async () => {
    const cwd = workspace({ 'a/Dockerfile': 'FROM nginx:1.27\n', 'b/Dockerfile': 'FROM nginx:1.27\n' });
    chmodSync(path.join(cwd, 'a/Dockerfile'), 0o444);
    const r = await run(['fix', '.'], cwd, facts());
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'image-trust: a/Dockerfile: read-only; not written\nimage-trust: pinned 1 reference in 1 file; 1 file not written\n',
    );
    assert.equal(readFileSync(path.join(cwd, 'a/Dockerfile'), 'utf8'), 'FROM nginx:1.27\n');
    assert.equal(readFileSync(path.join(cwd, 'b/Dockerfile'), 'utf8'), `FROM nginx:1.27@${D}\n`);
  });

  test('a file edited while lookups ran is refused, the edit kept', async () => {
    const cwd = workspace({ Dockerfile: 'FROM nginx:1.27\n' });
    const f = facts();
    f.hold();
    const running = run(['fix', '.'], cwd, f);
    await f.whenStarted(NGINX);
    writeFileSync(path.join(cwd, 'Dockerfile'), 'FROM nginx:1.27\n# edited meanwhile\n');
    f.release();
    const r = await running;
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'image-trust: Dockerfile: changed since it was read (edited while lookups ran?); not written — run image-trust fix again\nimage-trust: pinned 0 references in 0 files; 1 file not written\n',
    );
    assert.equal(readFileSync(path.join(cwd, 'Dockerfile'), 'utf8'), 'FROM nginx:1.27\n# edited meanwhile\n');
  });

  test('what could not be pinned is counted, with why', async () => {
    const cwd = workspace({ Dockerfile: 'FROM nginx:1.27\nFROM redis:7\nARG B\nFROM ${B}\n' });
    const f = facts().answer(
      'docker.io/library/redis:7',
      makeFacts({ digest: null as unknown as string, error: { kind: 'offline', message: 'offline: not contacted' } }),
    );
    const r = await run(['fix', '.'], cwd, f);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.err,
      'image-trust: Dockerfile:2:6: not pinned: offline: not contacted\nimage-trust: pinned 1 reference in 1 file; 1 reference not pinned (offline: 1)\n',
    );
  });
});
