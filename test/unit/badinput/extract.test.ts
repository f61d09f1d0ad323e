// Bad input never hurts extraction: for every corpus entry and every file type it could be
// mistaken for, `extractFile` returns (never throws), holds on to bounded memory, gives ranges
// that slice the text exactly, and reports malformed input as problems with a message (never a
// stack trace). How long it takes is a figure of `npm run bench` (test/bench/badInput.ts), not an
// assertion: a test may not depend on the machine's speed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectFileKind, extractFile } from '../../../server/src/extract/index.js';
import { corpus, textOf, type CorpusEntry } from '../../helpers/corpus.js';
import { checkResult, MB, measure } from './support.js';

// The 50 MB manifest runs by default (under 1 GB); IMAGE_TRUST_HUGE=0 uses 5 MB for quick local runs.
const HUGE = process.env.IMAGE_TRUST_HUGE !== '0';
const entries = corpus({ manifestBytes: (HUGE ? 50 : 5) * MB });

/** Texts are built once per entry (the big ones are expensive) and dropped after its tests. */
function cachedText(entry: CorpusEntry): () => string {
  let text: string | null = null;
  return () => (text ??= textOf(entry));
}

/** Retained memory ceiling: the references (about 1 KB each) and small change, never a parse
 * tree or an expanded alias (a parse tree of the 5 MB manifest is over 200 MB). */
function retainedCeiling(text: string, references: number): number {
  return 32 * MB + text.length * 4 + references * 4096;
}

for (const entry of entries) {
  const text = cachedText(entry);
  describe(`${entry.fileName}: ${entry.description}`, () => {
    for (const kind of entry.kinds) {
      test(`as ${kind}: returns with bounded memory, ranges slice the text${entry.malformedFor.includes(kind) ? ', problems reported' : ''}`, (t) => {
        const input = text();
        const { value: result, ms, cpuMs, retainedBytes } = measure(() => extractFile(entry.fileName, input, kind));
        t.diagnostic(
          `${(input.length / MB).toFixed(2)} MB: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, retained ${(retainedBytes / MB).toFixed(1)} MB, ` +
            `${result.references.length} references, ${result.problems.length} problems`,
        );
        const ceiling = retainedCeiling(input, result.references.length);
        assert.ok(
          retainedBytes < ceiling,
          `retained ${(retainedBytes / MB).toFixed(1)} MB (ceiling ${(ceiling / MB).toFixed(0)} MB)`,
        );
        checkResult(result, input, entry.fileName, kind);
        if (entry.malformedFor.includes(kind)) assert.ok(result.problems.length > 0, 'malformed input is reported');
      });
    }
  });
}

describe('what the corpus must still find', () => {
  const byName = new Map(entries.map((e) => [e.fileName, cachedText(e)]));
  const cases: Array<{ file: string; kind: Parameters<typeof extractFile>[2]; images: string[]; todo?: string }> = [
    {
      file: 'bom.Dockerfile',
      kind: 'dockerfile',
      images: ['docker.io/library/golang:1.22', 'gcr.io/distroless/static:nonroot'],
    },
    { file: 'bom.yaml', kind: 'kubernetes', images: ['docker.io/library/nginx:1.27'] },
    {
      file: 'bom/devcontainer.json',
      kind: 'devcontainer',
      images: ['mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm'],
    },
    {
      file: 'crlf.Dockerfile',
      kind: 'dockerfile',
      images: ['docker.io/library/golang:1.22', 'gcr.io/distroless/static:nonroot'],
    },
    {
      file: 'crlf/compose.yaml',
      kind: 'compose',
      images: ['docker.io/library/nginx:1.27', 'docker.io/library/postgres:16'],
    },
    {
      file: 'cr.yaml',
      kind: 'kubernetes',
      images: ['docker.io/library/nginx:1.27'],
      // YAML 1.2 (b-char) counts a lone CR as a line break, `yaml` reads it as part of the scalar
    },
    {
      file: 'tabs.Dockerfile',
      kind: 'dockerfile',
      images: ['docker.io/library/nginx:1.27', 'docker.io/library/alpine:3.20'],
    },
    {
      file: 'jsonc/devcontainer.json',
      kind: 'devcontainer',
      images: ['mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm'],
    },
    {
      file: '.devcontainer/devcontainer.json',
      kind: 'devcontainer',
      images: ['mcr.microsoft.com/devcontainers/base:ubuntu'],
    },
    { file: 'deep-maps.yaml', kind: 'kubernetes', images: ['docker.io/library/nginx:1.27'] },
    { file: 'deep-seqs.yaml', kind: 'kubernetes', images: ['docker.io/library/busybox:1.36'] },
    { file: 'alias-bomb.yaml', kind: 'kubernetes', images: ['docker.io/library/nginx:1.27'] },
    { file: 'alias-bomb.yaml', kind: 'helm-values', images: ['docker.io/library/nginx:1.27'] },
    { file: 'compose.alias-bomb.yaml', kind: 'compose', images: ['docker.io/library/nginx:1.27'] },
    { file: 'compose.alias-bomb.yaml', kind: 'gitlab-ci', images: ['docker.io/library/nginx:1.27'] },
    { file: 'compose.alias-bomb.yaml', kind: 'github-actions', images: ['docker.io/library/nginx:1.27'] },
    {
      file: 'templates/deployment.yaml',
      kind: 'kubernetes',
      images: ['docker.io/library/busybox:1.36', 'docker.io/library/nginx:1.27'],
    },
    { file: 'heredoc.Dockerfile', kind: 'dockerfile', images: ['docker.io/library/nginx:1.27'] },
    { file: 'late-binary.yaml', kind: 'kubernetes', images: ['docker.io/library/nginx:1.27'] },
  ];
  for (const c of cases) {
    test(`${c.file} as ${c.kind}: finds ${c.images.join(', ') || 'no image'}`, c.todo ? { todo: c.todo } : {}, () => {
      const text = byName.get(c.file)?.();
      assert.ok(text !== undefined, `corpus has ${c.file}`);
      const result = extractFile(c.file, text, c.kind);
      assert.deepEqual(
        result.references.filter((r) => r.skip === null).map((r) => r.image),
        c.images,
      );
    });
  }
});

describe('file-type detection of odd but valid files', () => {
  const cases: Array<{ file: string; text: string; kind: string | null; todo?: string }> = [
    { file: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\n', kind: 'kubernetes' },
    { file: 'pod.yaml', text: 'apiVersion: v1\r\nkind: Pod\r\n', kind: 'kubernetes' },
    {
      file: 'pod.yaml',
      text: '\uFEFFapiVersion: v1\nkind: Pod\n',
      kind: 'kubernetes',
    },
    { file: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\n\u0000\u0001', kind: 'kubernetes' },
    { file: 'notes.yaml', text: 'apiVersion is a word\nkind of\n', kind: null },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.text.slice(0, 30))} → ${c.kind}`, c.todo ? { todo: c.todo } : {}, () => {
      assert.equal(detectFileKind(c.file, c.text), c.kind);
    });
  }
});

describe('results do not depend on the caller', () => {
  /** Calls `run` under `frames` extra stack frames (as when called deep inside a server or CLI). */
  function atDepth<T>(frames: number, run: () => T): T {
    return frames === 0 ? run() : atDepth(frames - 1, run);
  }
  const deeper = entries.find((e) => e.fileName === 'deeper-maps.yaml');
  test('1,000-level nested maps: the same references and problems with a deep caller stack', () => {
    assert.ok(deeper);
    const text = textOf(deeper);
    const shallow = extractFile(deeper.fileName, text, 'kubernetes');
    const deep = atDepth(2000, () => extractFile(deeper.fileName, text, 'kubernetes'));
    assert.deepEqual(deep, shallow);
    assert.deepEqual(
      shallow.problems.filter((p) => /call stack/i.test(p.message)),
      [],
      'valid YAML is not reported as a syntax error',
    );
  });
});
