import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTRACTORS, extractFile } from '../../../server/src/extract/index.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';

const samples: Array<[string, string, ReferenceSource, string]> = [
  ['Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', 'docker.io/library/alpine:3.20'],
  ['docker-compose.yml', 'services:\n  a:\n    image: redis:7\n', 'compose', 'docker.io/library/redis:7'],
  ['k8s/pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: nginx:1}]\n', 'kubernetes', 'docker.io/library/nginx:1'],
  ['values.yaml', 'image: busybox:1.36\n', 'helm-values', 'docker.io/library/busybox:1.36'],
  ['.github/workflows/ci.yml', 'jobs:\n  a:\n    container: node:20\n', 'github-actions', 'docker.io/library/node:20'],
  ['.gitlab-ci.yml', 'image: ruby:3\n', 'gitlab-ci', 'docker.io/library/ruby:3'],
  ['.devcontainer/devcontainer.json', '{"image": "python:3.12"}', 'devcontainer', 'docker.io/library/python:3.12'],
  ['kustomization.yaml', 'images:\n- name: nginx\n  newTag: "1.27"\n', 'kustomize', 'docker.io/library/nginx:1.27'],
];

describe('extractFile dispatch', () => {
  for (const [file, text, source, image] of samples) {
    test(`${file} → ${source}`, () => {
      const result = extractFile(file, text);
      assert.equal(result.references.length, 1);
      assert.equal(result.references[0]?.source, source);
      assert.equal(result.references[0]?.image, image);
      assert.equal(result.references[0]?.file, file);
    });
  }

  test('every source has an extractor', () => {
    assert.deepEqual(Object.keys(EXTRACTORS).sort(), samples.map((s) => s[2]).sort());
  });

  test('an explicit kind overrides the name', () => {
    const result = extractFile('anything.txt', 'image: nginx:1\n', 'helm-values');
    assert.equal(result.references[0]?.source, 'helm-values');
  });

  test('unknown file: no references, no problems', () => {
    assert.deepEqual(extractFile('notes.md', 'image: nginx\n'), { references: [], problems: [] });
  });

  test('binary file (NUL in the first 8 KiB): no references and a problem', () => {
    const result = extractFile('values.yaml', 'image: nginx\n\u0000\u0001');
    assert.deepEqual(result, { references: [], problems: [{ message: 'binary file' }] });
  });

  test('NUL after the first 8 KiB is not binary', () => {
    const result = extractFile('values.yaml', `image: nginx\n#${'x'.repeat(9000)}\u0000\n`);
    assert.equal(result.references.length, 1);
  });
});
