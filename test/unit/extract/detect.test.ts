import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFileKind } from '../../../server/src/extract/detect.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';

const byName: Array<[string, ReferenceSource | null]> = [
  ['Dockerfile', 'dockerfile'],
  ['app/Dockerfile', 'dockerfile'],
  ['api.Dockerfile', 'dockerfile'],
  ['Dockerfile.dev', 'dockerfile'],
  ['dockerfile', 'dockerfile'],
  ['Containerfile', 'dockerfile'],
  ['Containerfile.build', 'dockerfile'],
  ['Dockerfile.dockerignore', null],
  ['api.Dockerfile.dockerignore', null],
  ['compose.yaml', 'compose'],
  ['compose.yml', 'compose'],
  ['compose.override.yml', 'compose'],
  ['docker-compose.yml', 'compose'],
  ['docker-compose.prod.yaml', 'compose'],
  ['values.yaml', 'helm-values'],
  ['charts/app/values-prod.yml', 'helm-values'],
  ['.github/workflows/ci.yml', 'github-actions'],
  ['repo/.github/workflows/release.yaml', 'github-actions'],
  ['.github/workflows/nested/ci.yml', null],
  ['workflows/ci.yml', null],
  ['.gitlab-ci.yml', 'gitlab-ci'],
  ['sub/.gitlab-ci.yml', 'gitlab-ci'],
  ['.devcontainer/devcontainer.json', 'devcontainer'],
  ['.devcontainer.json', 'devcontainer'],
  ['.devcontainer/python/devcontainer.json', 'devcontainer'],
  ['kustomization.yaml', 'kustomize'],
  ['overlays/prod/kustomization.yml', 'kustomize'],
  ['C:\\repo\\.github\\workflows\\ci.yml', 'github-actions'],
  ['file:///home/u/repo/docker-compose.yml', 'compose'],
  ['file:///home/u/my%20repo/.devcontainer/devcontainer.json', 'devcontainer'],
  ['README.md', null],
  ['package.json', null],
  ['deploy.yaml', null],
];

const byContent: Array<[string, string, string, ReferenceSource | null]> = [
  ['manifest with apiVersion and kind', 'deploy.yaml', 'apiVersion: v1\nkind: Pod\n', 'kubernetes'],
  ['kind before apiVersion, .yml', 'pod.yml', 'kind: Pod\nmetadata: {}\napiVersion: v1\n', 'kubernetes'],
  ['second document is a manifest', 'all.yaml', 'a: 1\n---\napiVersion: apps/v1\nkind: Deployment\n', 'kubernetes'],
  ['keys split across documents do not count', 'x.yaml', 'apiVersion: v1\n---\nkind: Pod\n', null],
  ['nested apiVersion/kind are not top-level', 'x.yaml', 'spec:\n  apiVersion: v1\n  kind: Pod\n', null],
  ['Helm template (not valid YAML) still counts', 'templates/pod.yaml', '{{- if .Values.x }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', 'kubernetes'],
  ['plain YAML', 'config.yaml', 'name: x\nitems: [1, 2]\n', null],
  ['non-YAML name with manifest content', 'notes.txt', 'apiVersion: v1\nkind: Pod\n', null],
  ['name wins over content', 'values.yaml', 'apiVersion: v1\nkind: Pod\n', 'helm-values'],
  ['CRLF manifest', 'a.yaml', 'apiVersion: v1\r\nkind: Pod\r\n', 'kubernetes'],
];

describe('detectFileKind by name', () => {
  for (const [path, expected] of byName) test(`${path} → ${expected}`, () => assert.equal(detectFileKind(path), expected));
});

describe('detectFileKind by content', () => {
  for (const [name, path, text, expected] of byContent) {
    test(name, () => assert.equal(detectFileKind(path, text), expected));
  }
});
