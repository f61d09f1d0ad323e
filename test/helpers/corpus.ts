// A corpus of bad input: the files a scanner meets in the wild that no extractor was written for
// (alias bombs, deep nesting, huge manifests, binary, broken encodings, broken syntax, huge lines).
// Everything is generated in memory, deterministically (seeded), and only when asked for: the big
// entries are functions so that a test pays for the ones it uses. `bytes` is what a file on disk
// holds; `text` is what Node reads from it (`readFile(…, 'utf8')`: invalid UTF-8 becomes U+FFFD).
import type { ReferenceSource } from '../../server/src/model/reference.js';

export const ALL_KINDS: readonly ReferenceSource[] = [
  'dockerfile',
  'compose',
  'kubernetes',
  'helm-values',
  'github-actions',
  'gitlab-ci',
  'devcontainer',
  'kustomize',
  'circleci',
  'bitbucket-pipelines',
  'azure-pipelines',
  'drone',
  'cloudbuild',
  'quadlet',
];
export const YAML_KINDS: readonly ReferenceSource[] = [
  'compose',
  'kubernetes',
  'helm-values',
  'github-actions',
  'gitlab-ci',
  'kustomize',
  'circleci',
  'bitbucket-pipelines',
  'azure-pipelines',
  'drone',
  'cloudbuild',
];

export interface CorpusEntry {
  /** a file name the CLI recognises (so a scan of a folder picks the file up) */
  fileName: string;
  /** what the entry is, for test names */
  description: string;
  /** the extractors it could be mistaken for (all of them when in doubt) */
  kinds: readonly ReferenceSource[];
  /** kinds for which the input is malformed, so at least one problem must be reported */
  malformedFor: readonly ReferenceSource[];
  /** generous time ceiling for one extraction, per kind (ms) */
  ceilingMs: number;
  /** the file's bytes on disk */
  bytes: () => Buffer;
}

/** Decodes bytes the way the CLI and editors read files. */
export function textOf(entry: CorpusEntry): string {
  return entry.bytes().toString('utf8');
}

/** mulberry32: a tiny seeded generator, so every run sees the same "random" bytes. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const utf8 = (s: string) => () => Buffer.from(s, 'utf8');

// ---------- generators (sizes are parameters so that scaling can be measured) ----------

/** Billion laughs: `levels` anchors, each a list of `width` aliases of the previous one, used
 * wherever an image or an image list belongs in every file type; an extractor that expanded
 * aliases would explode. The one image written (`a0`) is reachable through an alias everywhere. */
export function aliasBomb(levels = 9, width = 9, header = ''): string {
  const lines = [header, 'a0: &a0 "nginx:1.27"'];
  for (let l = 1; l <= levels; l++) {
    lines.push(`a${l}: &a${l} [${Array.from({ length: width }, () => `*a${l - 1}`).join(', ')}]`);
  }
  const top = `*a${levels}`;
  lines.push('spec:', '  containers:', '    - {name: web, image: *a0}', `    - ${top}`, `  initContainers: ${top}`);
  lines.push(`services: {web: {image: *a0}, bomb: {image: ${top}}}`, `x-bomb: {image: ${top}}`);
  lines.push('image: *a0', `images: ${top}`, `sidecarImage: ${top}`);
  lines.push(`jobs: {build: {container: *a0, services: {db: ${top}}, image: *a0, steps: ${top}}}`);
  return lines.join('\n') + '\n';
}

/** `depth` nested maps, with an image at the bottom (and in every file type's favourite key). */
export function deepMaps(depth: number): string {
  const lines = ['apiVersion: v1', 'kind: Pod'];
  for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i)}k${i}:`);
  const pad = '  '.repeat(depth);
  lines.push(`${pad}containers:`, `${pad}  - image: nginx:1.27`, `${pad}image: redis:7`);
  return lines.join('\n') + '\n';
}

/** `depth` nested block sequences, then the same depth as flow sequences. */
export function deepSeqs(depth: number): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - image: busybox:1.36', '  x:'];
  for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i + 1)}- `);
  lines.push(`${'  '.repeat(depth + 1)}- image: nginx:1.27`);
  lines.push(`flow: ${'['.repeat(depth)}{image: redis:7}${']'.repeat(depth)}`);
  return lines.join('\n') + '\n';
}

/** JSON(C) nested `depth` levels deep, arrays and objects alternating. */
export function deepJson(depth: number): string {
  let inner = '{"image": "nginx:1.27"}';
  for (let i = 0; i < depth; i++) inner = i % 2 ? `{"k": ${inner}}` : `[${inner}]`;
  return `{"image": "mcr.microsoft.com/devcontainers/base:ubuntu", "deep": ${inner}}\n`;
}

const DEPLOYMENT = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels:\n    app: app-${i}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.${i % 30}\n          ports:\n            - containerPort: 80\n      initContainers:\n        - name: init\n          image: "busybox:1.36" # pinned later\n---\n`;

/** Deployments (two images each) separated by `---`, to at least `bytes` characters. */
export function bigManifest(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const d = DEPLOYMENT(i);
    parts.push(d);
    n += d.length;
  }
  return parts.join('');
}

/** A Dockerfile of `lines` lines: stages, ARGs, RUNs with continuations, COPY --from. */
export function bigDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=python:3.12-slim'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `FROM \${BASE} AS s${i}`,
      `RUN echo ${i} && \\`,
      `    apt-get update`,
      `COPY --from=s${Math.max(0, i - 1)} /a /b`,
      `FROM alpine:3.${i % 20}`,
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** Random bytes with NULs (seeded). */
export function randomBytes(size: number, seed: number): Buffer {
  const rnd = seeded(seed);
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = rnd() < 0.05 ? 0 : Math.floor(rnd() * 256);
  return b;
}

/** One line of `size` characters holding `prefix` (e.g. `FROM `) then a long value. */
export function longLine(prefix: string, size: number, fill = 'a'): string {
  return `${prefix}${fill.repeat(Math.max(0, size - prefix.length))}\n`;
}

/** Broken UTF-8: lone continuation bytes, truncated sequences, overlongs, surrogates, 0xFF. */
const BAD_UTF8 = [0x80, 0xbf, 0xc3, 0xe2, 0x82, 0xf0, 0x9f, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe];

function withBadUtf8(template: string): Buffer {
  // `@@` in the template marks where the broken bytes go
  const pieces = template.split('@@').map((s) => Buffer.from(s, 'utf8'));
  const out: Buffer[] = [];
  pieces.forEach((p, i) => {
    if (i > 0) out.push(Buffer.from(BAD_UTF8));
    out.push(p);
  });
  return Buffer.concat(out);
}

const HELM_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ .Values.image }}
        - name: tagged
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
        - name: sidecar
          image: busybox:1.36
      {{- if .Values.debug }}
        - name: debug
          image: {{ .Values.debugImage | quote }}
      {{- end }}
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
    - image: nginx:1.27
`;

const JSONC_DEVCONTAINER = `// devcontainer with comments and trailing commas
{
  /* the base image */
  "name": "dev",
  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm", // trailing comment
  "features": {
    "ghcr.io/devcontainers/features/docker-in-docker:2": {},
  },
  "customizations": { "vscode": { "extensions": ["a.b",], }, },
}
`;

const CRLF = (s: string) => s.replace(/\n/g, '\r\n');
const DOCKERFILE =
  'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n';
const COMPOSE = 'services:\n  web:\n    image: "nginx:1.27"\n  db:\n    image: postgres:16 # comment\n';
const POD = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n';

// ---------- the corpus ----------

const ONE_MB = 1024 * 1024;

/** Every entry, at the sizes the brief names (the big manifest is sized by the caller). */
export function corpus(options: { manifestBytes: number }): CorpusEntry[] {
  return [
    {
      fileName: 'alias-bomb.yaml',
      description: 'billion laughs (9 levels of 9 aliases)',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(aliasBomb(9, 9, 'apiVersion: v1\nkind: Pod')),
    },
    {
      fileName: 'compose.alias-bomb.yaml',
      description: 'billion laughs in a compose file',
      kinds: ['compose'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(aliasBomb(9, 9)),
    },
    {
      fileName: 'deep-maps.yaml',
      description: '100-level nested maps',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(deepMaps(100)),
    },
    {
      fileName: 'deep-seqs.yaml',
      description: '100-level nested sequences (block and flow)',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(deepSeqs(100)),
    },
    {
      fileName: 'deeper-maps.yaml',
      description: '1,000-level nested maps',
      kinds: ['kubernetes', 'helm-values'],
      malformedFor: [],
      ceilingMs: 5000,
      bytes: utf8(deepMaps(1000)),
    },
    {
      fileName: '.devcontainer/devcontainer.json',
      description: '100-level nested JSON',
      kinds: ['devcontainer'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(deepJson(100)),
    },
    {
      fileName: 'big-manifest.yaml',
      description: `${(options.manifestBytes / ONE_MB).toFixed(0)} MB Kubernetes manifest`,
      kinds: ['kubernetes'],
      malformedFor: [],
      ceilingMs: Math.max(8000, (options.manifestBytes / (50 * ONE_MB)) * 60_000),
      bytes: utf8(bigManifest(options.manifestBytes)),
    },
    {
      fileName: 'binary.Dockerfile',
      description: 'random bytes with NULs',
      kinds: ALL_KINDS,
      malformedFor: ALL_KINDS,
      ceilingMs: 2000,
      bytes: () => randomBytes(64 * 1024, 1),
    },
    {
      fileName: 'late-binary.yaml',
      description: '9 KB of text, then random bytes with NULs',
      kinds: ALL_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: () => Buffer.concat([Buffer.from(`${POD}#${'x'.repeat(9 * 1024)}\n`), randomBytes(32 * 1024, 2)]),
    },
    {
      fileName: 'utf8.Dockerfile',
      description: 'invalid UTF-8 (decoded to U+FFFD) around references',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: () => withBadUtf8('FROM @@nginx:1.27\nFROM alpine:3.20 # @@\nARG X=@@\nFROM ${X}\nFROM busybox@@:1.36\n'),
    },
    {
      fileName: 'utf8.yaml',
      description: 'invalid UTF-8 in a manifest',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: () =>
        withBadUtf8(
          'apiVersion: v1\nkind: Pod\n# @@\nspec:\n  containers:\n    - image: nginx:1.27 # @@\n    - image: @@redis:7\n    - image: "@@"\n',
        ),
    },
    {
      fileName: 'bom.Dockerfile',
      description: 'byte order mark before FROM',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(`\uFEFF${DOCKERFILE}`),
    },
    {
      fileName: 'bom.yaml',
      description: 'byte order mark before a manifest',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(`\uFEFF${POD}`),
    },
    {
      fileName: 'bom/devcontainer.json',
      description: 'byte order mark before JSONC',
      kinds: ['devcontainer'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(`\uFEFF${JSONC_DEVCONTAINER}`),
    },
    {
      fileName: 'crlf.Dockerfile',
      description: 'CRLF line ends',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(CRLF(DOCKERFILE)),
    },
    {
      fileName: 'crlf/compose.yaml',
      description: 'CRLF line ends',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(CRLF(COMPOSE)),
    },
    {
      fileName: 'cr.yaml',
      description: 'lone CR line ends (classic Mac)',
      kinds: ALL_KINDS,
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(POD.replace(/\n/g, '\r')),
    },
    {
      fileName: 'tabs.Dockerfile',
      description: 'tabs between words',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8('FROM\tnginx:1.27\tAS\tx\n\tFROM\t\talpine:3.20\nCOPY\t--from=x\t/a /b\n'),
    },
    {
      fileName: 'tabs/compose.yaml',
      description: 'tabs as YAML indentation',
      kinds: YAML_KINDS,
      malformedFor: YAML_KINDS,
      ceilingMs: 2000,
      bytes: utf8('services:\n\tweb:\n\t\timage: nginx:1.27\n'),
    },
    {
      fileName: 'huge.Dockerfile',
      description: '100,000-line Dockerfile',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 15000,
      bytes: utf8(bigDockerfile(100_000)),
    },
    {
      fileName: 'templates/deployment.yaml',
      description: 'Helm template (if/with blocks, {{ .Values.image }})',
      kinds: ['kubernetes', 'helm-values'],
      malformedFor: ['kubernetes', 'helm-values'],
      ceilingMs: 2000,
      bytes: utf8(HELM_DEPLOYMENT),
    },
    {
      fileName: 'jsonc/devcontainer.json',
      description: 'JSONC with comments and trailing commas',
      kinds: ['devcontainer'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8(JSONC_DEVCONTAINER),
    },
    {
      fileName: 'broken/devcontainer.json',
      description: 'unterminated JSON string',
      kinds: ['devcontainer'],
      malformedFor: ['devcontainer'],
      ceilingMs: 2000,
      bytes: utf8('{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu\n  "name": "x"\n'),
    },
    {
      fileName: 'quotes/compose.yaml',
      description: 'unterminated quotes',
      kinds: YAML_KINDS,
      malformedFor: YAML_KINDS,
      ceilingMs: 2000,
      bytes: utf8('services:\n  web:\n    image: "nginx:1.27\n  db:\n    image: \'postgres:16\n'),
    },
    {
      fileName: 'quotes.Dockerfile',
      description: 'unterminated quotes',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8('FROM "nginx:1.27\nARG X="alpine:3.20\nFROM $X\nFROM \'busybox\n'),
    },
    {
      fileName: 'heredoc.Dockerfile',
      description: 'unterminated heredoc, trailing backslash at EOF',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 2000,
      bytes: utf8('FROM nginx:1.27\nRUN <<EOF\necho hi\nFROM evil:1\nCOPY <<-END /x\nFROM alpine:3.20 \\'),
    },
    {
      fileName: 'long-line.Dockerfile',
      description: '1 MB FROM line',
      kinds: ['dockerfile'],
      malformedFor: [],
      ceilingMs: 5000,
      bytes: utf8(
        `FROM nginx:1.27\n${longLine('FROM ', ONE_MB)}RUN ${'x'.repeat(ONE_MB)} \\\n  ${'y'.repeat(ONE_MB)}\n`,
      ),
    },
    {
      fileName: 'long-line.yaml',
      description: '1 MB image value, comment and key',
      kinds: YAML_KINDS,
      malformedFor: [],
      ceilingMs: 5000,
      bytes: utf8(
        `apiVersion: v1\nkind: Pod\n#${'c'.repeat(ONE_MB)}\nspec:\n  containers:\n    - image: nginx:${'1'.repeat(ONE_MB)}\n    - image: "${'a/'.repeat(ONE_MB / 2)}b"\n  ${'k'.repeat(ONE_MB)}: v\n`,
      ),
    },
    {
      fileName: 'long-line/devcontainer.json',
      description: '1 MB JSON line',
      kinds: ['devcontainer'],
      malformedFor: [],
      ceilingMs: 5000,
      bytes: utf8(`{"image": "${'a'.repeat(ONE_MB)}", "x": [${'1,'.repeat(ONE_MB / 2)}1]}`),
    },
  ];
}
