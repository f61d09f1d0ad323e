// Dockerfile extraction as data: each case is a marked-up Dockerfile (⟦ ⟧ around every expected
// reference) and the expected fields of each reference, in document order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDockerfile } from '../../../server/src/extract/dockerfile.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { LineIndex } from '../../../server/src/model/range.js';
import { parseMarkup } from '../../helpers/markup.js';

const D = 'sha256:2d2b1c2a7e9f2f5a5c4d3b3e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a';

type Expected = Partial<
  Pick<
    ImageReference,
    'image' | 'skip' | 'platform' | 'tag' | 'digest' | 'registry' | 'repository' | 'skipDetail' | 'noFixReason'
  >
> & {
  /** the text the pin site covers; null: no pin site */
  pin?: string | null;
};

interface Case {
  name: string;
  input: string;
  refs: Expected[];
  /** substrings expected in problem messages */
  problems?: string[];
}

const hub = (name: string): string => `docker.io/library/${name}`;

const cases: Case[] = [
  // FROM basics
  {
    name: 'plain FROM',
    input: 'FROM ⟦nginx⟧\n',
    refs: [{ image: hub('nginx:latest'), skip: null, platform: null, pin: 'nginx' }],
  },
  {
    name: 'FROM with tag',
    input: 'FROM ⟦nginx:1.27⟧\n',
    refs: [{ image: hub('nginx:1.27'), tag: '1.27', digest: null }],
  },
  { name: 'lowercase from keyword', input: 'from ⟦alpine:3.20⟧ as base\n', refs: [{ image: hub('alpine:3.20') }] },
  { name: 'mixed-case keyword and AS', input: 'From ⟦debian:12⟧ As base\n', refs: [{ image: hub('debian:12') }] },
  {
    name: 'user repository on Docker Hub',
    input: 'FROM ⟦bitnami/redis:7.2⟧\n',
    refs: [{ image: 'docker.io/bitnami/redis:7.2', repository: 'bitnami/redis' }],
  },
  {
    name: 'other registry, nested path',
    input: 'FROM ⟦ghcr.io/org/team/app:v1⟧\n',
    refs: [{ image: 'ghcr.io/org/team/app:v1', registry: 'ghcr.io', repository: 'org/team/app' }],
  },
  {
    name: 'registry with port',
    input: 'FROM ⟦localhost:5000/myapp:dev⟧\n',
    refs: [{ image: 'localhost:5000/myapp:dev', registry: 'localhost:5000', tag: 'dev' }],
  },
  {
    name: 'registry host:port with dots',
    input: 'FROM ⟦registry.example.com:8443/base/python:3.12⟧\n',
    refs: [{ registry: 'registry.example.com:8443', repository: 'base/python', tag: '3.12' }],
  },
  {
    name: 'digest-only reference',
    input: `FROM ⟦nginx@${D}⟧\n`,
    refs: [{ image: `${hub('nginx')}@${D}`, tag: null, digest: D }],
  },
  {
    name: 'tag and digest',
    input: `FROM ⟦nginx:1.27@${D}⟧\n`,
    refs: [{ image: `${hub('nginx:1.27')}@${D}`, tag: '1.27', digest: D }],
  },
  {
    name: 'index.docker.io is Docker Hub',
    input: 'FROM ⟦index.docker.io/library/redis:7⟧\n',
    refs: [{ image: hub('redis:7') }],
  },
  {
    name: 'invalid: uppercase repository',
    input: 'FROM ⟦Nginx:1.27⟧\n',
    refs: [{ image: null, skip: 'invalid', registry: null, pin: null }],
  },
  {
    name: 'invalid: uppercase in path after host',
    input: 'FROM ⟦ghcr.io/Org/app⟧\n',
    refs: [{ image: null, skip: 'invalid' }],
  },
  {
    name: 'invalid: bad tag',
    input: 'FROM ⟦nginx:1.27:2⟧\n',
    refs: [{ skip: 'invalid', skipDetail: 'invalid reference format' }],
  },
  { name: 'scratch', input: 'FROM ⟦scratch⟧\nCOPY app /app\n', refs: [{ image: null, skip: 'scratch', pin: null }] },

  // --platform
  {
    name: 'constant --platform',
    input: 'FROM --platform=linux/arm64 ⟦alpine:3.20⟧\n',
    refs: [{ image: hub('alpine:3.20'), platform: 'linux/arm64' }],
  },
  {
    name: '--platform=$BUILDPLATFORM is not constant',
    input: 'FROM --platform=$BUILDPLATFORM ⟦golang:1.22⟧ AS build\n',
    refs: [{ image: hub('golang:1.22'), platform: null }],
  },
  {
    name: '--platform from an ARG default',
    input: 'ARG P=linux/amd64\nFROM --platform=${P} ⟦alpine⟧\n',
    refs: [{ platform: 'linux/amd64' }],
  },

  // stages
  {
    name: 'FROM an earlier stage, case-insensitive',
    input: 'FROM ⟦golang:1.22⟧ AS Builder\nFROM ⟦builder⟧ AS test\nFROM ⟦BUILDER⟧\n',
    refs: [{ image: hub('golang:1.22') }, { skip: 'stage', image: null }, { skip: 'stage' }],
  },
  {
    name: 'a name defined later is an image, not a stage',
    input: 'FROM ⟦later⟧\nFROM ⟦alpine⟧ AS later\n',
    refs: [{ image: hub('later:latest'), skip: null }, { image: hub('alpine:latest') }],
  },
  {
    name: 'COPY --from stage name, index and image',
    input:
      'FROM ⟦golang:1.22⟧ AS build\nFROM ⟦alpine:3.20⟧\nCOPY --from=⟦build⟧ /out /app\nCOPY --from=⟦0⟧ /x /x\nCOPY --link --from=⟦busybox:1.36⟧ /bin/sh /bin/sh\n',
    refs: [{}, {}, { skip: 'stage' }, { skip: 'stage' }, { image: hub('busybox:1.36'), pin: 'busybox:1.36' }],
  },
  {
    name: 'ADD has no --from',
    input: 'FROM ⟦alpine⟧\nADD --chown=1:1 https://example.com/a.tgz /a\n',
    refs: [{ image: hub('alpine:latest') }],
  },
  {
    name: 'RUN --mount from= image and stage',
    input:
      'FROM ⟦golang:1.22⟧ AS deps\nFROM ⟦golang:1.22⟧\nRUN --mount=type=bind,from=⟦deps⟧,source=/go,target=/go \\\n    --mount=type=cache,target=/root/.cache,from=⟦ghcr.io/acme/cache:1⟧ go build ./...\n',
    refs: [{}, {}, { skip: 'stage' }, { image: 'ghcr.io/acme/cache:1', pin: 'ghcr.io/acme/cache:1' }],
  },
  {
    name: 'RUN --mount without from',
    input: 'FROM ⟦alpine⟧\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    refs: [{}],
  },

  // parser directives
  {
    name: '# syntax directive',
    input: '# syntax=⟦docker/dockerfile:1⟧\nFROM ⟦alpine⟧\n',
    refs: [{ image: 'docker.io/docker/dockerfile:1', pin: 'docker/dockerfile:1' }, {}],
  },
  {
    name: '# syntax with spaces',
    input: '#syntax = ⟦docker/dockerfile:1.7-labs⟧\nFROM ⟦alpine⟧\n',
    refs: [{ image: 'docker.io/docker/dockerfile:1.7-labs' }, {}],
  },
  {
    name: '# syntax after an instruction is a comment',
    input: 'FROM ⟦alpine⟧\n# syntax=docker/dockerfile:1\n',
    refs: [{}],
  },
  {
    name: 'escape=` with backslash paths and backtick continuation',
    input:
      '# escape=`\nFROM ⟦mcr.microsoft.com/windows/servercore:ltsc2022⟧\nCOPY --from=⟦mcr.microsoft.com/powershell:lts⟧ C:\\ps C:\\ps\nFROM ⟦mcr.microsoft.com/dotnet/`\nsdk:8.0⟧ AS sdk\n',
    refs: [
      { image: 'mcr.microsoft.com/windows/servercore:ltsc2022' },
      { image: 'mcr.microsoft.com/powershell:lts' },
      { image: 'mcr.microsoft.com/dotnet/sdk:8.0', pin: 'mcr.microsoft.com/dotnet/`\nsdk:8.0' },
    ],
  },

  // layout: continuations, CRLF, tabs, BOM
  {
    name: 'continuation before the image',
    input: 'FROM \\\n  --platform=linux/amd64 \\\n  ⟦node:20-alpine⟧ \\\n  AS web\n',
    refs: [{ image: hub('node:20-alpine'), platform: 'linux/amd64' }],
  },
  {
    name: 'continuation inside the image',
    input: 'FROM ⟦nginx:1.\\\n27⟧\n',
    refs: [{ image: hub('nginx:1.27'), pin: 'nginx:1.\\\n27' }],
  },
  {
    name: 'continuation with comment line between',
    input: 'FROM \\\n# the base\n  ⟦python:3.12⟧\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'CRLF line endings',
    input: 'FROM ⟦nginx:1.27⟧ AS web\r\nCOPY --from=⟦web⟧ /a /b\r\nFROM \\\r\n  ⟦alpine⟧\r\n',
    refs: [{ image: hub('nginx:1.27') }, { skip: 'stage' }, { image: hub('alpine:latest') }],
  },
  {
    name: 'tabs',
    input: 'FROM\t⟦nginx⟧\tAS\tweb\n\tFROM\t--platform=linux/arm64\t⟦redis:7⟧\n',
    refs: [{ image: hub('nginx:latest') }, { platform: 'linux/arm64' }],
  },
  {
    name: 'byte order mark',
    input: '\uFEFF# syntax=⟦docker/dockerfile:1⟧\nFROM ⟦alpine⟧\n',
    refs: [{ image: 'docker.io/docker/dockerfile:1' }, { image: hub('alpine:latest') }],
  },
  {
    name: 'non-ASCII before the image on the same line',
    input: 'LABEL x="é😀"\nFROM ⟦alpine⟧\n',
    refs: [{ image: hub('alpine:latest') }],
  },

  // ARG resolution
  {
    name: 'global ARG default, used once: pin edits the ARG',
    input: 'ARG BASE=python:3.12-slim\nFROM ⟦${BASE}⟧\n',
    refs: [{ image: hub('python:3.12-slim'), pin: 'python:3.12-slim' }],
  },
  {
    name: '$VAR form',
    input: 'ARG BASE=alpine:3.20\nFROM ⟦$BASE⟧ AS a\n',
    refs: [{ image: hub('alpine:3.20'), pin: 'alpine:3.20' }],
  },
  {
    name: 'quoted ARG default',
    input: 'ARG BASE="nginx:1.27"\nFROM ⟦${BASE}⟧\n',
    refs: [{ image: hub('nginx:1.27'), pin: 'nginx:1.27' }],
  },
  {
    name: 'ARG used by two references: no pin site',
    input: 'ARG BASE=alpine:3.20\nFROM ⟦${BASE}⟧ AS a\nFROM ⟦${BASE}⟧\n',
    refs: [
      { image: hub('alpine:3.20'), pin: null, noFixReason: 'the ARG BASE is used by 2 references; pin it by hand' },
      { image: hub('alpine:3.20'), pin: null },
    ],
  },
  {
    name: 'text mixed with a variable',
    input: 'ARG PY=3.12\nFROM ⟦python:${PY}-slim⟧\n',
    refs: [
      {
        image: hub('python:3.12-slim'),
        pin: null,
        noFixReason: 'the reference is assembled from variables and text; pin it by hand',
      },
    ],
  },
  {
    name: 'ARG without default',
    input: 'ARG BASE\nFROM ⟦${BASE}⟧\n',
    refs: [{ skip: 'variable', image: null, skipDetail: 'BASE has no default value', pin: null }],
  },
  {
    name: 'undeclared variable',
    input: 'FROM ⟦${NOPE}:1⟧\n',
    refs: [{ skip: 'variable', skipDetail: 'NOPE is not declared with ARG before this line' }],
  },
  {
    name: 'builder-defined ARG',
    input: 'FROM ⟦alpine-${TARGETARCH}⟧\n',
    refs: [{ skip: 'variable', skipDetail: 'TARGETARCH is set by the builder for each build' }],
  },
  {
    name: '${VAR:-default} when unset',
    input: 'ARG BASE\nFROM ⟦${BASE:-debian:12}⟧\n',
    refs: [{ image: hub('debian:12'), skip: null }],
  },
  {
    name: '${VAR:-default} when set',
    input: 'ARG BASE=ubuntu:24.04\nFROM ⟦${BASE:-debian:12}⟧\n',
    refs: [{ image: hub('ubuntu:24.04'), pin: 'ubuntu:24.04' }],
  },
  {
    name: '${VAR-default} with an empty value keeps it empty',
    input: 'ARG T=\nFROM ⟦alpine${T-:3.19}⟧\n',
    refs: [{ image: hub('alpine:latest') }],
  },
  {
    name: '${VAR:-default} with an empty value uses the default',
    input: 'ARG T=\nFROM ⟦alpine${T:-:3.19}⟧\n',
    refs: [{ image: hub('alpine:3.19') }],
  },
  {
    name: '${VAR:+word}',
    input: 'ARG V=1\nARG W\nFROM ⟦alpine${V:+:3.18}⟧\nFROM ⟦busybox${W:+:1}⟧\n',
    refs: [{ image: hub('alpine:3.18') }, { image: hub('busybox:latest') }],
  },
  {
    name: 'ARG default built from an earlier ARG',
    input: 'ARG V=3.20\nARG BASE=alpine:${V}\nFROM ⟦${BASE}⟧\n',
    refs: [{ image: hub('alpine:3.20'), pin: null }],
  },
  { name: 'escaped dollar is literal', input: 'FROM ⟦alpine\\$x⟧\n', refs: [{ skip: 'invalid' }] },
  { name: 'unsupported substitution', input: 'ARG V=a\nFROM ⟦alpine:${V/a/b}⟧\n', refs: [{ skip: 'invalid' }] },
  {
    name: 'stage ARG is not seen by the next FROM',
    input: 'FROM ⟦alpine⟧\nARG LATER=redis:7\nFROM ⟦${LATER}⟧\n',
    refs: [{}, { skip: 'variable' }],
  },
  {
    name: 'global ARG is not seen inside a stage until redeclared',
    input: 'ARG TOOL=busybox:1.36\nFROM ⟦alpine⟧\nCOPY --from=⟦${TOOL}⟧ /a /a\nARG TOOL\nCOPY --from=⟦${TOOL}⟧ /b /b\n',
    refs: [{}, { skip: 'variable' }, { image: hub('busybox:1.36'), pin: 'busybox:1.36' }],
  },
  {
    name: 'stage ARG with its own default',
    input: 'FROM ⟦alpine⟧\nARG CACHE=ghcr.io/acme/cache:2\nRUN --mount=type=cache,from=⟦${CACHE}⟧,target=/c true\n',
    refs: [{}, { image: 'ghcr.io/acme/cache:2', pin: 'ghcr.io/acme/cache:2' }],
  },
  {
    name: 'ARG resolving to a stage name',
    input: 'ARG B=builder\nFROM ⟦golang⟧ AS builder\nFROM ⟦${B}⟧\n',
    refs: [{}, { skip: 'stage' }],
  },
  {
    name: 'each line sees the declarations above it, not the ones after',
    input:
      'FROM ⟦alpine⟧ AS base\nENV H=busybox:1.35\nCOPY --from=⟦${H}⟧ /a /a\nENV H=busybox:1.36\nARG C=redis:7\nRUN --mount=from=⟦${H}⟧,target=/m true\nFROM ⟦base⟧\nCOPY --from=⟦${H}⟧ /b /b\nCOPY --from=⟦${C}⟧ /c /c\n',
    refs: [
      {},
      { image: hub('busybox:1.35') },
      { image: hub('busybox:1.36') },
      { skip: 'stage' },
      { image: hub('busybox:1.36') },
      { skip: 'variable' },
    ],
  },
  {
    name: 'ENV inherited from a parent stage',
    input: 'FROM ⟦alpine⟧ AS base\nENV HELPER=busybox:1.36\nFROM ⟦base⟧\nCOPY --from=⟦${HELPER}⟧ /bin/sh /sh\n',
    refs: [{}, { skip: 'stage' }, { image: hub('busybox:1.36') }],
  },

  // never references
  {
    name: 'heredocs and shell text',
    input:
      'FROM ⟦alpine⟧\nRUN <<EOF\nFROM evil:1\nCOPY --from=evil /a /b\nEOF\nCOPY <<EOT /etc/x\nFROM other\nEOT\nRUN echo FROM nope && docker pull x:1\nFROM ⟦redis⟧\n',
    refs: [{}, { image: hub('redis:latest') }],
  },
  {
    name: 'ONBUILD FROM is ignored',
    input: 'FROM ⟦alpine⟧\nONBUILD FROM nginx\nONBUILD COPY --from=nginx /a /b\n',
    refs: [{}],
  },
  { name: 'comments', input: '# FROM nginx\nFROM ⟦alpine⟧ # not a comment for Docker\n', refs: [{}] },

  // malformed input
  { name: 'FROM without an image', input: 'FROM\nFROM ⟦alpine⟧\n', refs: [{}], problems: ['FROM names no image'] },
  { name: 'empty file', input: '', refs: [] },
  {
    name: 'NUL bytes are text like any other',
    input: 'FROM ⟦alpine⟧\n# \0\x01\nFROM ⟦nginx:1\0⟧\n',
    refs: [{ image: hub('alpine:latest') }, { skip: 'invalid' }],
  },
  { name: 'unterminated quote', input: 'FROM ⟦"alpine⟧\n', refs: [{ skip: 'invalid' }] },
  {
    name: 'quoted image',
    input: 'FROM ⟦"alpine:3.20"⟧\n',
    refs: [{ image: hub('alpine:3.20'), pin: '"alpine:3.20"' }],
  },
];

function check(c: Case): void {
  const { text, ranges } = parseMarkup(c.input);
  const result = extractDockerfile('Dockerfile', text);
  const refs = result.references;
  assert.deepEqual(
    refs.map((r) => r.range),
    ranges,
    'reference ranges',
  );
  const index = new LineIndex(text);
  refs.forEach((ref, i) => {
    const expected = c.refs[i] ?? {};
    assert.equal(ref.file, 'Dockerfile');
    assert.equal(ref.source, 'dockerfile');
    assert.equal(
      ref.text,
      text.slice(index.offsetAt(ref.range.start), index.offsetAt(ref.range.end)),
      'text is the range',
    );
    const { pin, ...fields } = expected;
    for (const [key, value] of Object.entries(fields)) {
      assert.deepEqual(ref[key as keyof ImageReference], value, `reference ${i}: ${key}`);
    }
    if (expected.skip === undefined && ref.skip !== null)
      assert.fail(`reference ${i} unexpectedly skipped: ${ref.skip} ${ref.skipDetail}`);
    if (pin !== undefined) assert.equal(ref.pinSite?.text ?? null, pin, `reference ${i}: pin site`);
    if (ref.pinSite) {
      const r = ref.pinSite.range;
      assert.equal(
        text.slice(index.offsetAt(r.start), index.offsetAt(r.end)),
        ref.pinSite.text,
        'pin site text is its range',
      );
    }
    if (ref.skip !== null) assert.ok(ref.skipDetail, 'a skipped reference says why');
  });
  assert.equal(refs.length, c.refs.length, 'expected table length');
  for (const p of c.problems ?? []) {
    assert.ok(
      result.problems.some((q) => q.message.includes(p)),
      `problem mentioning "${p}" in ${JSON.stringify(result.problems)}`,
    );
  }
  if (!c.problems) assert.deepEqual(result.problems, []);
}

describe('extractDockerfile', () => {
  for (const c of cases) test(c.name, () => check(c));
});

describe('extractDockerfile component ranges', () => {
  const partCases: Array<{ name: string; input: string; parts: Array<'registry' | 'repository' | 'tag' | 'digest'> }> =
    [
      {
        name: 'registry, repository and tag of a literal FROM',
        input: 'FROM ⟦ghcr.io⟧/⟦acme/app⟧:⟦1.2⟧ AS a\r\n',
        parts: ['registry', 'repository', 'tag'],
      },
      {
        name: 'repository and digest after a BOM',
        input: `\uFEFFFROM ⟦nginx⟧@⟦${D}⟧\n`,
        parts: ['repository', 'digest'],
      },
      {
        name: 'COPY --from image',
        input: 'FROM scratch\nCOPY --from=⟦busybox⟧:⟦1.36⟧ /bin/sh /sh\n',
        parts: ['repository', 'tag'],
      },
      { name: 'none through an ARG', input: 'ARG B=nginx:1\nFROM ${B}\n', parts: [] },
      { name: 'none across a continuation', input: 'FROM ngi\\\nnx:1\n', parts: [] },
    ];
  for (const c of partCases) {
    test(c.name, () => {
      const { text, ranges } = parseMarkup(c.input);
      const refs = extractDockerfile('Dockerfile', text).references.filter((r) => r.skip === null);
      assert.equal(refs.length, 1);
      assert.deepEqual(refs[0]?.parts, Object.fromEntries(c.parts.map((p, i) => [p, ranges[i]])));
    });
  }
});
