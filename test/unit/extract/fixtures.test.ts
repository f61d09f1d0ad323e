// The longer documents: the example files shipped in examples/ and the YAML fixtures. For each,
// the exact references (line, text, image or skip) and the contract every reference keeps —
// `text` is exactly the text at `range`, pin sites cover what they say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { extractFile } from '../../../server/src/extract/index.js';
import { assertTextAtRange } from './cases.js';

const root = path.resolve(__dirname, '../../..');
const PG = 'sha256:6b841c8f6a819884207402f1209a8116844365df15fca8cf556fc54a24c70800';

/** [1-based line, text, image or `skip:<reason>`] per reference, in order. */
type Row = [number, string, string];

const expected: Record<string, { rows: Row[]; problems?: number }> = {
  'examples/compose/docker-compose.yml': {
    rows: [
      [9, '${REGISTRY:-ghcr.io}/acme/worker:${WORKER_TAG:-2.4.1}', 'ghcr.io/acme/worker:2.4.1'],
      [15, 'nginx:1.27-alpine', 'docker.io/library/nginx:1.27-alpine'],
      [23, 'acme/api:dev', 'skip:built'],
      [27, `postgres:16.4@${PG}`, `docker.io/library/postgres:16.4@${PG}`],
      [32, 'redis:7.4', 'docker.io/library/redis:7.4'],
      [42, '${ADMIN_IMAGE}', 'skip:variable'],
    ],
  },
  'examples/k8s/deployment.yaml': {
    rows: [
      [16, 'ghcr.io/acme/migrate:1.3.0', 'ghcr.io/acme/migrate:1.3.0'],
      [19, 'nginx:1.27', 'docker.io/library/nginx:1.27'],
      [23, 'prom/nginx-prometheus-exporter:1.3.0', 'docker.io/prom/nginx-prometheus-exporter:1.3.0'],
      [27, 'quay.io/acme/models:v5', 'quay.io/acme/models:v5'],
      [43, `postgres:16@${PG}`, `docker.io/library/postgres:16@${PG}`],
      [55, 'busybox', 'docker.io/library/busybox:latest'],
      [73, 'python:3.12-slim', 'docker.io/library/python:3.12-slim'],
    ],
  },
  'examples/helm/values.yaml': {
    rows: [
      [6, 'bitnami/nginx', 'docker.io/bitnami/nginx:1.27.2'],
      [11, 'busybox', 'docker.io/library/busybox:1.36'],
      [
        19,
        'prometheus/node-exporter',
        'quay.io/prometheus/node-exporter:v1.8.2@sha256:4032c6d5bfd752342c3e631c2f1de93ba6b86c41db6b167b9a35372c139e7706',
      ],
      [26, 'ghcr.io/acme/worker', 'skip:variable'],
      [29, 'envoyproxy/envoy:v1.31.2', 'docker.io/envoyproxy/envoy:v1.31.2'],
    ],
  },
  'examples/.github/workflows/ci.yml': {
    rows: [
      [7, 'node:20-bookworm', 'docker.io/library/node:20-bookworm'],
      [10, 'postgres:16', 'docker.io/library/postgres:16'],
      [14, 'redis:7', 'docker.io/library/redis:7'],
      [19, 'hadolint/hadolint:v2.12.0', 'docker.io/hadolint/hadolint:v2.12.0'],
      [27, 'python:${{ matrix.python }}-slim', 'skip:variable'],
    ],
  },
  'examples/gitlab/.gitlab-ci.yml': {
    rows: [
      [9, 'alpine:3.20', 'docker.io/library/alpine:3.20'],
      [12, 'golang:${GO_VERSION}-alpine', 'docker.io/library/golang:1.22-alpine'],
      [23, 'postgres:16', 'docker.io/library/postgres:16'],
      [24, 'redis:7', 'docker.io/library/redis:7'],
      [31, '${BUILDER_IMAGE}:2.1', 'registry.example.com/tools/builder:2.1'],
      [37, '$CI_REGISTRY_IMAGE/release-cli:latest', 'skip:variable'],
    ],
  },
  'examples/.devcontainer/devcontainer.json': {
    rows: [
      [
        4,
        'mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm',
        'mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm',
      ],
    ],
  },
  'examples/kustomize/kustomization.yaml': {
    rows: [
      [6, 'nginx', 'docker.io/library/nginx:1.27.3'],
      [9, 'registry.example.com/acme/migrate', 'registry.example.com/acme/migrate:1.3.1'],
      [
        11,
        'busybox',
        'docker.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7',
      ],
    ],
  },
  'test/fixtures/yaml/chart/templates/deployment.yaml': {
    rows: [
      [16, 'busybox:1.36', 'docker.io/library/busybox:1.36'],
      [19, '{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}', 'skip:variable'],
      [22, '{{ .Values.sidecarImage }}', 'skip:variable'],
      [24, 'envoyproxy/envoy:v1.31.2', 'docker.io/envoyproxy/envoy:v1.31.2'],
    ],
    problems: 21,
  },
  'test/fixtures/yaml/chart/values-prod.yaml': {
    rows: [
      [5, 'acme/app', 'registry.example.com/acme/app:3.2.1'],
      [12, 'acme/migrate', 'docker.io/acme/migrate:3.2.1'],
      [16, 'acme/seed', 'docker.io/acme/seed:1'],
      [18, '{{ .Values.global.imageRegistry }}/acme/report:1', 'skip:variable'],
    ],
  },
  'test/fixtures/yaml/compose-anchors.yml': {
    rows: [
      [4, 'python:3.12-slim', 'docker.io/library/python:3.12-slim'],
      [7, 'acme/app:${TAG:-dev}', 'skip:built'],
      [18, 'node:20-alpine', 'docker.io/library/node:20-alpine'],
      [20, '|\n      multi\n      line\n', 'skip:invalid'],
      [24, '"escaped\\u0041"', 'skip:invalid'],
    ],
  },
  'test/fixtures/yaml/alias-bomb.yaml': { rows: [[14, 'nginx:1.27', 'docker.io/library/nginx:1.27']] },
  'test/fixtures/yaml/malformed/compose-tabs.yml': {
    rows: [[3, 'nginx:1.27', 'docker.io/library/nginx:1.27']],
    problems: 1,
  },
  'test/fixtures/yaml/malformed/k8s-unclosed.yaml': {
    rows: [
      [5, 'redis:7', 'docker.io/library/redis:7'],
      [16, 'alpine:3.20', 'docker.io/library/alpine:3.20'],
    ],
    problems: 2,
  },
  'test/fixtures/yaml/malformed/devcontainer.json': {
    rows: [[2, 'node:20', 'docker.io/library/node:20']],
    problems: 2,
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('examples and fixtures', () => {
  for (const [rel, exp] of Object.entries(expected)) {
    test(rel, () => {
      const text = readFileSync(path.join(root, rel), 'utf8');
      const result = extractFile(rel, text);
      const rows = result.references.map((r): Row => [
        r.range.start.line + 1,
        r.text,
        r.skip ? `skip:${r.skip}` : (r.image ?? ''),
      ]);
      assert.deepEqual(rows, exp.rows);
      assert.equal(result.problems.length, exp.problems ?? 0, JSON.stringify(result.problems.map((p) => p.message)));
      assertTextAtRange(text, result.references, rel);
    });
  }

  test('every YAML fixture file is listed above', () => {
    const listed = new Set(Object.keys(expected));
    const fixtures = filesUnder(path.join(root, 'test/fixtures/yaml')).map((f) =>
      path.relative(root, f).split(path.sep).join('/'),
    );
    assert.deepEqual(
      fixtures.filter((f) => !listed.has(f)),
      [],
    );
  });
});
