// `fix` changes only the bytes of the references (issue 9, class 7), over generated files: random
// bytes (invalid UTF-8, Latin-1, controls, astral characters) around image references. The oracle
// is built from the pieces, never from the code under test: the expected file is the same pieces
// with each reference replaced.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spliceEdits } from '../../../server/src/cli/edits.js';
import { LineIndex } from '../../../server/src/model/range.js';
import { digestOf, makeFacts, ScriptedFacts } from '../../protocol/scriptedFacts.js';
import { run, workspace } from '../cli/support.js';

const RUNS = Number(process.env.IMAGE_TRUST_PROPERTY_RUNS ?? 150);

/** Bytes of any kind, weighted towards what breaks decoders: lead bytes without continuations,
 * lone continuations, overlongs, surrogates, astral characters. */
const noiseByte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x1b, 0x00),
);
const noise = (exclude: readonly number[]) =>
  fc.array(noiseByte, { maxLength: 24 }).map((a) => Buffer.from(a.filter((x) => !exclude.includes(x))));
const astral = fc.constantFrom('😀', '𝄞', 'é', '€', '\uFEFF').map((s) => Buffer.from(s));
const ascii = fc.stringMatching(/^[a-z0-9:@.\-/]{1,20}$/);

describe('byte splicing', () => {
  test('edits land on exactly the bytes of their pieces', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(noise([]), astral), ascii, fc.string({ maxLength: 12 })), {
          minLength: 1,
          maxLength: 8,
        }),
        noise([]),
        (pieces, tail) => {
          // each piece: noise, then an ASCII "reference" that an edit replaces
          const bytes = Buffer.concat([...pieces.flatMap(([n, ref]) => [n, Buffer.from(ref)]), tail]);
          const text = bytes.toString('utf8');
          const index = new LineIndex(text);
          let at = 0;
          const edits = pieces.map(([n, ref, next]) => {
            at += n.toString('utf8').length; // an ASCII byte always starts a code point: decoding is local
            const start = index.positionAt(at);
            at += ref.length;
            return { range: { start, end: index.positionAt(at) }, newText: next };
          });
          const expected = Buffer.concat([...pieces.flatMap(([n, , next]) => [n, Buffer.from(next)]), tail]);
          assert.deepEqual(spliceEdits(bytes, text, edits), expected);
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('image-trust fix over generated Dockerfiles', () => {
  const D = digestOf('c');
  const facts = new ScriptedFacts().answer('docker.io/library/nginx:1.27', makeFacts({ digest: D }));
  // comment lines of noise (no line break or backslash inside), and FROM lines, each with its line end
  const line = fc.oneof(
    noise([0x0a, 0x0d, 0x5c]).map((n) => ({
      before: Buffer.concat([Buffer.from('# '), n]),
      after: null as Buffer | null,
    })),
    fc.constant({
      before: Buffer.from('FROM nginx:1.27'),
      after: Buffer.from(`FROM nginx:1.27@${D}`) as Buffer | null,
    }),
  );
  test('only the references change', async () => {
    const cwd = workspace({});
    const file = path.join(cwd, 'Dockerfile');
    let pinned = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 12 }),
        async (lines) => {
          const before = Buffer.concat(lines.flatMap(([l, end]) => [l.before, Buffer.from(end)]));
          const after = Buffer.concat(lines.flatMap(([l, end]) => [l.after ?? l.before, Buffer.from(end)]));
          writeFileSync(file, before);
          const r = await run(['fix', 'Dockerfile'], cwd, facts);
          assert.equal(r.code, 0, r.err);
          // noise dense with NULs makes a file binary: extraction refuses it (and says so), fix leaves it
          const refused = /binary content/.test(r.err);
          assert.deepEqual(readFileSync(file), refused ? before : after);
          if (!refused && !after.equals(before)) pinned++;
        },
      ),
      { numRuns: RUNS },
    );
    assert.ok(pinned > RUNS / 3, `only ${pinned} of ${RUNS} files had something to pin`);
  });
});
