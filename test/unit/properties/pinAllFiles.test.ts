// Pin-all over every case file in the repository (test/fixtures/**, examples/**): see
// pinAllCheck.ts for what is checked. Files of no known type are listed, not silently passed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { detectFileKind } from '../../../server/src/extract/index.js';
import { corpus, textOf } from '../../helpers/corpus.js';
import { checkPinAll } from './pinAllCheck.js';

const ROOT = path.resolve(__dirname, '../../..');
const FOLDERS = ['test/fixtures', 'examples'];

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const files = FOLDERS.flatMap((f) => filesUnder(path.join(ROOT, f)))
  .map((full) => path.relative(ROOT, full).split(path.sep).join('/'))
  .filter((rel) => !/\.(json|md|txt)$/.test(rel) || rel.endsWith('devcontainer.json'))
  .sort();

describe('pin-all over the case files', () => {
  test('there are case files of several types', () => {
    const kinds = new Set(
      files.map((f) => detectFileKind(f, readFileSync(path.join(ROOT, f), 'utf8'))).filter(Boolean),
    );
    assert.ok(kinds.size >= 4, `types found: ${[...kinds].join(', ')}`);
  });
  for (const rel of files) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    const kind = detectFileKind(rel, text);
    test(`${rel}${kind ? ` (${kind})` : ''}`, (t) => {
      if (!kind) return t.skip('not a file type image-trust reads');
      for (const seed of [1, 2]) {
        const { references, edits, droppedImpliedTags } = checkPinAll(rel, text, kind, seed);
        if (seed === 1)
          t.diagnostic(
            `${references} references, ${edits} edits${droppedImpliedTags.length ? `; implied tag dropped: ${droppedImpliedTags.join(', ')}` : ''}`,
          );
      }
    });
  }
});

describe('pin-all over the bad-input corpus (entries under 1 MB, every type each could be taken for)', () => {
  for (const entry of corpus({ manifestBytes: 256 * 1024 })) {
    const text = textOf(entry);
    if (text.length > 1024 * 1024) continue;
    for (const kind of entry.kinds) {
      test(`${entry.fileName} as ${kind}`, (t) => {
        const { references, edits } = checkPinAll(entry.fileName, text, kind, 7);
        t.diagnostic(`${references} references, ${edits} edits`);
      });
    }
  }
});

describe('pin-all keeps the tag a reference means', () => {
  const cases = [
    { file: 'Dockerfile', kind: 'dockerfile' as const, text: 'FROM busybox\n' },
    { file: 'compose.yaml', kind: 'compose' as const, text: 'services:\n  a:\n    image: ghcr.io/org/app\n' },
  ];
  for (const c of cases) {
    test(`${c.kind}: an implied latest stays the tag after pinning (${JSON.stringify(c.text)})`, () => {
      checkPinAll(c.file, c.text, c.kind, 1);
    });
  }
});

test('kustomize: an entry whose tag is written in `name` keeps that tag after pinning', () => {
  checkPinAll('kustomization.yaml', 'images:\n  - name: nginx:1.2\n', 'kustomize', 1);
});
