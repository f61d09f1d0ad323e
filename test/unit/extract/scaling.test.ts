// Huge files must stay linear: extracting 4× the references must cost well under 16× the time
// (what a quadratic scan would cost). The minimum of three runs absorbs warm-up and GC noise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/extract/index.js';

const generators: Array<[string, string, (n: number) => string]> = [
  ['compose services', 'compose.yml', (n) => `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: "\${REG:-docker.io}/app${i}:\${T:-1}"\n`).join('')}`],
  ['kubernetes List items', 'all.yaml', (n) => `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: n }, (_, i) => `- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - image: r.example.com/app${i}:1.${i}\n`).join('')}`],
  ['helm image maps', 'values.yaml', (n) => Array.from({ length: n }, (_, i) => `c${i}:\n  image:\n    repository: app${i}\n    tag: "1.${i}"\n`).join('')],
  ['gitlab jobs', '.gitlab-ci.yml', (n) => `variables:\n  T: "1"\n${Array.from({ length: n }, (_, i) => `j${i}:\n  image: app${i}:$T\n`).join('')}`],
];

function fastest(file: string, text: string, expected: number): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const result = extractFile(file, text);
    best = Math.min(best, performance.now() - t0);
    assert.equal(result.references.length, expected);
  }
  return best;
}

describe('extraction scales linearly', () => {
  for (const [name, file, generate] of generators) {
    test(name, () => {
      const small = fastest(file, generate(2500), 2500);
      const large = fastest(file, generate(10000), 10000);
      assert.ok(large / Math.max(small, 1) < 9, `4× input took ${(large / small).toFixed(1)}× the time (${small.toFixed(0)} ms → ${large.toFixed(0)} ms)`);
    });
  }
});
