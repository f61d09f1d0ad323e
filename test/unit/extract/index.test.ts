import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTRACTORS, extractFile } from '../../../server/src/extract/index.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';

const samples: Array<[string, string, ReferenceSource, string]> = [
  ['Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', 'docker.io/library/alpine:3.20'],
  ['docker-compose.yml', 'services:\n  a:\n    image: redis:7\n', 'compose', 'docker.io/library/redis:7'],
  [
    'k8s/pod.yaml',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: nginx:1}]\n',
    'kubernetes',
    'docker.io/library/nginx:1',
  ],
  ['values.yaml', 'image: busybox:1.36\n', 'helm-values', 'docker.io/library/busybox:1.36'],
  ['.github/workflows/ci.yml', 'jobs:\n  a:\n    container: node:20\n', 'github-actions', 'docker.io/library/node:20'],
  ['.gitlab-ci.yml', 'image: ruby:3\n', 'gitlab-ci', 'docker.io/library/ruby:3'],
  ['.devcontainer/devcontainer.json', '{"image": "python:3.12"}', 'devcontainer', 'docker.io/library/python:3.12'],
  ['kustomization.yaml', 'images:\n- name: nginx\n  newTag: "1.27"\n', 'kustomize', 'docker.io/library/nginx:1.27'],
  [
    '.circleci/config.yml',
    'jobs:\n  a:\n    docker:\n      - image: cimg/node:20.11\n',
    'circleci',
    'docker.io/cimg/node:20.11',
  ],
  ['bitbucket-pipelines.yml', 'image: node:20\n', 'bitbucket-pipelines', 'docker.io/library/node:20'],
  ['azure-pipelines.yml', 'container: ubuntu:24.04\n', 'azure-pipelines', 'docker.io/library/ubuntu:24.04'],
  ['.woodpecker/build.yaml', 'steps:\n  build:\n    image: golang:1.22\n', 'drone', 'docker.io/library/golang:1.22'],
  [
    'cloudbuild.json',
    '{"steps": [{"name": "gcr.io/cloud-builders/docker"}]}',
    'cloudbuild',
    'gcr.io/cloud-builders/docker:latest',
  ],
  [
    'deploy/app.container',
    '[Container]\nImage=quay.io/podman/hello:latest\n',
    'quadlet',
    'quay.io/podman/hello:latest',
  ],
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

  // NULs, binary content: test/unit/extract/hardening.test.ts
});
