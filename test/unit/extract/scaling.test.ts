// Huge generated files give every reference. How the time grows with their size is a figure of
// `npm run bench` (test/bench/badInput.ts), not an assertion: a test may not depend on the
// machine's speed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/extract/index.js';

const generators: Array<[string, string, (n: number) => string]> = [
  [
    'compose services',
    'compose.yml',
    (n) =>
      `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: "\${REG:-docker.io}/app${i}:\${T:-1}"\n`).join('')}`,
  ],
  [
    'kubernetes List items',
    'all.yaml',
    (n) =>
      `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: n }, (_, i) => `- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - image: r.example.com/app${i}:1.${i}\n`).join('')}`,
  ],
  [
    'helm image maps',
    'values.yaml',
    (n) =>
      Array.from({ length: n }, (_, i) => `c${i}:\n  image:\n    repository: app${i}\n    tag: "1.${i}"\n`).join(''),
  ],
  [
    'gitlab jobs',
    '.gitlab-ci.yml',
    (n) => `variables:\n  T: "1"\n${Array.from({ length: n }, (_, i) => `j${i}:\n  image: app${i}:$T\n`).join('')}`,
  ],
];

describe('extraction finds every reference in big generated files', () => {
  for (const [name, file, generate] of generators) {
    test(name, () => {
      for (const n of [2500, 10000]) assert.equal(extractFile(file, generate(n)).references.length, n);
    });
  }
});
