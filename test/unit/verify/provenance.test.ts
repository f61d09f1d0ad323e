// SLSA provenance (v0.2, v1) and OCI annotations → Provenance, with every value validated.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Provenance } from '../../../server/src/model/facts.js';
import {
  provenanceFromAnnotations,
  provenanceFromAttestation,
  provenanceFromStatement,
  repositoryUrl,
} from '../../../server/src/verify/index.js';
import { attestation, image, json, MT, sha256 } from '../../harness/oci.js';

const C1 = '3f2a9c1d5e7b8a6f4c2e0d9b7a5c3e1f0a2b4c6d';
const C2 = 'b'.repeat(40);
const BK = 'https://mobyproject.org/buildkit@v1#metadata';
const stmt = (predicateType: string, predicate: unknown): unknown => ({
  _type: 'https://in-toto.io/Statement/v1',
  subject: [],
  predicateType,
  predicate,
});
const slsa = (from: Partial<Provenance>): Provenance => ({
  sourceRepository: null,
  revision: null,
  builder: null,
  from: 'slsa-provenance',
  ...from,
});

describe('provenanceFromStatement', () => {
  const cases: Array<{ name: string; statement: unknown; expected: Provenance | null }> = [
    {
      name: 'v0.2 BuildKit with VCS metadata',
      statement: stmt('https://slsa.dev/provenance/v0.2', {
        builder: { id: 'https://github.com/docker/buildx' },
        metadata: { [BK]: { vcs: { source: 'https://github.com/nginx/docker-nginx.git', revision: C1 } } },
      }),
      expected: slsa({
        sourceRepository: 'https://github.com/nginx/docker-nginx',
        revision: C1,
        builder: 'https://github.com/docker/buildx',
      }),
    },
    {
      name: 'v0.2 configSource',
      statement: stmt('https://slsa.dev/provenance/v0.2', {
        builder: { id: 'b' },
        invocation: { configSource: { uri: 'git+https://gitlab.com/acme/app@refs/heads/main', digest: { sha1: C2 } } },
      }),
      expected: slsa({ sourceRepository: 'https://gitlab.com/acme/app', revision: C2, builder: 'b' }),
    },
    {
      name: 'v0.2 git material',
      statement: stmt('https://slsa.dev/provenance/v0.2', {
        materials: [
          { uri: 'pkg:docker/alpine@3', digest: { sha256: 'x' } },
          { uri: 'git+https://github.com/acme/app.git', digest: { sha1: C1 } },
        ],
      }),
      expected: slsa({ sourceRepository: 'https://github.com/acme/app', revision: C1 }),
    },
    {
      name: 'v1 GitHub Actions resolvedDependencies',
      statement: stmt('https://slsa.dev/provenance/v1', {
        buildDefinition: {
          resolvedDependencies: [
            { uri: 'git+https://github.com/acme/app@refs/tags/v1.2.0', digest: { gitCommit: C1 } },
          ],
        },
        runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' } },
      }),
      expected: slsa({
        sourceRepository: 'https://github.com/acme/app',
        revision: C1,
        builder: 'https://github.com/actions/runner/github-hosted',
      }),
    },
    {
      name: 'v1 workflow repository only',
      statement: stmt('https://slsa.dev/provenance/v1', {
        buildDefinition: { externalParameters: { workflow: { repository: 'https://github.com/acme/app' } } },
      }),
      expected: slsa({ sourceRepository: 'https://github.com/acme/app' }),
    },
    {
      name: 'v1 BuildKit VCS metadata',
      statement: stmt('https://slsa.dev/provenance/v1', {
        runDetails: {
          builder: { id: 'bk' },
          metadata: { [BK]: { vcs: { source: 'https://github.com/acme/app', revision: 'v1.2.0' } } },
        },
      }),
      expected: slsa({ sourceRepository: 'https://github.com/acme/app', revision: 'v1.2.0', builder: 'bk' }),
    },
    {
      name: 'hostile source URL (javascript:) dropped, builder kept',
      statement: stmt('https://slsa.dev/provenance/v1', {
        buildDefinition: { externalParameters: { workflow: { repository: 'javascript:alert(1)' } } },
        runDetails: { builder: { id: 'b' } },
      }),
      expected: slsa({ builder: 'b' }),
    },
    {
      name: 'revision with control characters and a builder with a newline dropped',
      statement: stmt('https://slsa.dev/provenance/v0.2', {
        builder: { id: 'b\nx' },
        metadata: { [BK]: { vcs: { source: 'https://github.com/a/b', revision: 'v1\u001b[31m' } } },
      }),
      expected: slsa({ sourceRepository: 'https://github.com/a/b' }),
    },
    {
      name: 'nothing usable',
      statement: stmt('https://slsa.dev/provenance/v1', { buildDefinition: {}, runDetails: {} }),
      expected: null,
    },
    { name: 'another predicate', statement: stmt('https://spdx.dev/Document', { name: 'x' }), expected: null },
    { name: 'not a statement', statement: 'provenance', expected: null },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(provenanceFromStatement(c.statement), c.expected));
});

describe('repositoryUrl validation', () => {
  const cases: Array<[string, string | null]> = [
    ['https://github.com/acme/app', 'https://github.com/acme/app'],
    ['https://github.com/acme/app.git#7b29f6f:docker/default', 'https://github.com/acme/app'],
    ['git+https://github.com/acme/app@refs/heads/main', 'https://github.com/acme/app'],
    ['http://git.example.com:8080/team/app/', 'http://git.example.com:8080/team/app'],
    ['https://user:secret@github.com/acme/app', null],
    ['https://github.com/acme/app?x=1', null],
    ['https://github.com/acme/app)](javascript:alert(1)', null],
    ['ftp://example.com/x', null],
    ['github.com/acme/app', null],
    ['https://' + 'a'.repeat(600) + '.com/x', null],
  ];
  for (const [input, expected] of cases)
    test(`${input.slice(0, 60)} → ${expected}`, () => assert.equal(repositoryUrl(input), expected));
});

describe('provenanceFromAnnotations', () => {
  const cases: Array<{ name: string; annotations: unknown; expected: Provenance | null }> = [
    {
      name: 'source and commit',
      annotations: {
        'org.opencontainers.image.source': 'https://github.com/acme/app',
        'org.opencontainers.image.revision': C1.toUpperCase(),
      },
      expected: {
        sourceRepository: 'https://github.com/acme/app',
        revision: C1,
        builder: null,
        from: 'oci-annotations',
      },
    },
    {
      name: 'source only',
      annotations: { 'org.opencontainers.image.source': 'https://github.com/acme/app' },
      expected: {
        sourceRepository: 'https://github.com/acme/app',
        revision: null,
        builder: null,
        from: 'oci-annotations',
      },
    },
    {
      name: 'revision with ".." dropped',
      annotations: {
        'org.opencontainers.image.source': 'https://github.com/acme/app',
        'org.opencontainers.image.revision': '../../etc',
      },
      expected: {
        sourceRepository: 'https://github.com/acme/app',
        revision: null,
        builder: null,
        from: 'oci-annotations',
      },
    },
    { name: 'revision only: no provenance', annotations: { 'org.opencontainers.image.revision': C1 }, expected: null },
    { name: 'not an object', annotations: ['x'], expected: null },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(provenanceFromAnnotations(c.annotations), c.expected));
});

test('provenanceFromAttestation reads the SLSA layer of a BuildKit attestation manifest', () => {
  const subject = image({ platform: { os: 'linux', architecture: 'amd64' }, text: 'provenance subject' });
  const att = attestation(subject, 'provenance subject');
  assert.deepEqual(
    provenanceFromAttestation(att.bytes, att.blobs),
    slsa({ builder: 'https://github.com/docker-library' }),
  );
  assert.equal(provenanceFromAttestation(att.bytes, new Map()), null, 'layer not supplied');
  const broken = json({
    layers: [
      {
        mediaType: MT.inToto,
        digest: sha256(Buffer.from('{')),
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
      },
    ],
  });
  assert.equal(
    provenanceFromAttestation(broken, new Map([[sha256(Buffer.from('{')), Buffer.from('{')]])),
    null,
    'malformed statement',
  );
});
