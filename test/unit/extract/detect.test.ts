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
  ['DOCKERFILE', 'dockerfile'],
  ['dockerFile.prod', 'dockerfile'],
  ['Dockerfile-dev', 'dockerfile'],
  ['base.Containerfile', 'dockerfile'],
  ['containerfile-arm64', 'dockerfile'],
  ['CONTAINERFILE.ci', 'dockerfile'],
  ['Dockerfile.dockerignore', null],
  ['api.Dockerfile.dockerignore', null],
  ['Containerfile.dockerignore', null],
  ['Dockerfiles', null],
  ['my-Dockerfile-notes.md', null],
  ['compose.yaml', 'compose'],
  ['compose.yml', 'compose'],
  ['compose.override.yml', 'compose'],
  ['docker-compose.yml', 'compose'],
  ['docker-compose.prod.yaml', 'compose'],
  ['Compose.yaml', null], // Docker Compose reads these names in this case only; so does Helm
  ['Values.yaml', null],
  ['values.yaml', 'helm-values'],
  ['charts/app/values-prod.yml', 'helm-values'],
  ['.github/workflows/ci.yml', 'github-actions'],
  ['repo/.github/workflows/release.yaml', 'github-actions'],
  ['.github/workflows/nested/ci.yml', null],
  ['workflows/ci.yml', null],
  ['.github/workflows/values.yaml', 'github-actions'],
  ['.gitea/workflows/build.yml', 'github-actions'],
  ['.forgejo/workflows/build.yaml', 'github-actions'],
  ['action.yml', 'github-actions'],
  ['.github/actions/lint/action.yaml', 'github-actions'],
  ['.gitlab-ci.yml', 'gitlab-ci'],
  ['.gitlab-ci.yaml', 'gitlab-ci'],
  ['sub/.gitlab-ci.yml', 'gitlab-ci'],
  ['ci/build.gitlab-ci.yml', 'gitlab-ci'],
  ['compose.gitlab-ci.yml', 'gitlab-ci'],
  ['.devcontainer/devcontainer.json', 'devcontainer'],
  ['.devcontainer.json', 'devcontainer'],
  ['.devcontainer/python/devcontainer.json', 'devcontainer'],
  ['kustomization.yaml', 'kustomize'],
  ['overlays/prod/kustomization.yml', 'kustomize'],
  ['overlays/prod/Kustomization', 'kustomize'],
  ['.circleci/config.yml', 'circleci'],
  ['.circleci/config.yaml', 'circleci'],
  ['circleci/config.yml', null],
  ['.circleci/other.yml', null],
  ['bitbucket-pipelines.yml', 'bitbucket-pipelines'],
  ['azure-pipelines.yml', 'azure-pipelines'],
  ['azure-pipelines-release.yaml', 'azure-pipelines'],
  ['.azure-pipelines/build.yml', 'azure-pipelines'],
  ['.drone.yml', 'drone'],
  ['.woodpecker.yaml', 'drone'],
  ['.woodpecker/test.yml', 'drone'],
  ['cloudbuild.yaml', 'cloudbuild'],
  ['deploy/cloudbuild.json', 'cloudbuild'],
  ['app.container', 'quadlet'],
  ['~/.config/containers/systemd/db.volume', 'quadlet'],
  ['base.image', 'quadlet'],
  ['C:\\repo\\.github\\workflows\\ci.yml', 'github-actions'],
  ['file:///home/u/repo/docker-compose.yml', 'compose'],
  ['file:///home/u/my%20repo/.devcontainer/devcontainer.json', 'devcontainer'],
  // in a file path # and ? are ordinary characters; in a URI they start the fragment and query
  ['svc/a#b.Dockerfile', 'dockerfile'],
  ['what?/Dockerfile', 'dockerfile'],
  ['file:///w/Dockerfile#L3', 'dockerfile'],
  ['file:///w/compose.yaml?version=2', 'compose'],
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
  [
    'Helm template (not valid YAML) still counts',
    'templates/pod.yaml',
    '{{- if .Values.x }}\napiVersion: v1\nkind: Pod\n{{- end }}\n',
    'kubernetes',
  ],
  ['plain YAML', 'config.yaml', 'name: x\nitems: [1, 2]\n', null],
  ['non-YAML name with manifest content', 'notes.txt', 'apiVersion: v1\nkind: Pod\n', null],
  ['name wins over content', 'values.yaml', 'apiVersion: v1\nkind: Pod\n', 'helm-values'],
  ['CRLF manifest', 'a.yaml', 'apiVersion: v1\r\nkind: Pod\r\n', 'kubernetes'],
  ['flow-style document', 'pod.yaml', '{apiVersion: v1, kind: Pod, spec: {containers: []}}\n', 'kubernetes'],
  [
    'flow-style over several lines, quoted keys',
    'pod.yaml',
    '# a pod\n{\n  "apiVersion": "v1",\n  "kind": "Pod"\n}\n',
    'kubernetes',
  ],
  ['flow-style after ---', 'all.yaml', 'a: 1\n--- {apiVersion: v1, kind: Pod}\n', 'kubernetes'],
  ['flow map without kind', 'x.yaml', '{apiVersion: v1, name: x}\n', null],
  ['flow keys of a block document do not count', 'x.yaml', 'spec: {apiVersion: v1, kind: Pod}\n', null],
  [
    'quadlet unit with its section',
    'web.container',
    '[Unit]\nDescription=web\n\n[Container]\nImage=nginx\n',
    'quadlet',
  ],
  ['quadlet section with spaces around', 'db.volume', '[Volume]  \nDriver=image\n', 'quadlet'],
  ['.image file without an [Image] section (a disk image)', 'disk.image', 'QFI\u00fb\u0000\u0000\u0000\u0003', null],
  ['.container file with another section only', 'x.container', '[Image]\nImage=nginx\n', null],
];

describe('detectFileKind by name', () => {
  for (const [path, expected] of byName)
    test(`${path} → ${expected}`, () => assert.equal(detectFileKind(path), expected));
});

describe('detectFileKind by content', () => {
  for (const [name, path, text, expected] of byContent) {
    test(name, () => assert.equal(detectFileKind(path, text), expected));
  }
});
