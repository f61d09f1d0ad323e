// Extraction time grows linearly (or close) with the input: doubling any input at most about
// doubles the time; the ceiling is 3×, which a quadratic step (4×) cannot meet. Each size is
// measured twice after a warm-up and the faster run counts (the machine is shared); time is the
// smaller of wall and CPU time (see extract.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFile } from '../../../server/src/extract/index.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';
import { aliasBomb, bigDockerfile, bigManifest, deepJson, longLine } from '../../helpers/corpus.js';
import { measure } from './support.js';

interface Growth {
  name: string;
  kind: ReferenceSource;
  /** the input at size n (n in the generator's own unit) */
  input: (n: number) => string;
  n: number;
}

const GROWTHS: Growth[] = [
  { name: 'Kubernetes manifest bytes', kind: 'kubernetes', input: bigManifest, n: 256 * 1024 },
  { name: 'Dockerfile lines', kind: 'dockerfile', input: bigDockerfile, n: 10_000 },
  { name: 'one long FROM line', kind: 'dockerfile', input: (n) => longLine('FROM ', n), n: 1 << 18 },
  { name: 'one long RUN line', kind: 'dockerfile', input: (n) => `FROM a\nRUN ${'x'.repeat(n)}\n`, n: 1 << 18 },
  { name: 'RUN continuation lines', kind: 'dockerfile', input: (n) => `FROM a\nRUN ${'x \\\n'.repeat(n)}\n`, n: 1 << 15 },
  { name: 'one long YAML image value', kind: 'kubernetes', input: (n) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:${'1'.repeat(n)}\n`, n: 1 << 20 },
  { name: 'YAML flow nesting depth', kind: 'kubernetes', input: (n) => `apiVersion: v1\nkind: Pod\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`, n: 10_000 },
  { name: 'JSON nesting depth', kind: 'devcontainer', input: deepJson, n: 20_000 },
  { name: 'alias-bomb levels', kind: 'compose', input: (n) => aliasBomb(n, 9), n: 200 },
];

function fastest(text: string, kind: ReferenceSource, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const m = measure(() => extractFile('file', text, kind));
    best = Math.min(best, m.ms, m.cpuMs);
  }
  return best;
}

for (const g of GROWTHS) {
  test(`${g.name}: time(2n) / time(n) < 3`, (t) => {
    const small = g.input(g.n);
    const large = g.input(2 * g.n);
    fastest(small, g.kind, 1); // warm-up: JIT and lazy module state
    let tSmall = fastest(small, g.kind, 2);
    let tLarge = fastest(large, g.kind, 2);
    if (tLarge / Math.max(tSmall, 5) >= 3) {
      // one more round before judging: a busy neighbour can slow any single run
      tSmall = Math.min(tSmall, fastest(small, g.kind, 2));
      tLarge = Math.min(tLarge, fastest(large, g.kind, 2));
    }
    // a floor keeps timer noise on tiny times from deciding
    const ratio = tLarge / Math.max(tSmall, 5);
    t.diagnostic(`n=${g.n}: ${tSmall.toFixed(0)} ms; 2n: ${tLarge.toFixed(0)} ms; ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio < 3, `doubling the input took ${ratio.toFixed(2)}× as long`);
  });
}
