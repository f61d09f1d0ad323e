import { foundSignature } from '../../../server/src/model/facts.js';
// Hover content: what a person sees on a reference, for each state of facts; registry text escaped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageFacts } from '../../../server/src/model/facts.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { hoverMarkdown } from '../../../server/src/policy/index.js';
import { D1, D2, D3, NOW, facts, failed, ref } from '../../helpers/facts.js';

const settings = normalizeSettings({});

interface Case {
  name: string;
  ref: ImageReference;
  facts: ImageFacts | undefined;
  contains: string[];
  absent?: string[];
}

const cases: Case[] = [
  {
    name: 'official, signed, multi-arch',
    ref: ref('nginx:1.27'),
    facts: facts({ attestations: [{ kind: 'provenance' }, { kind: 'sbom' }] }),
    contains: [
      'docker.io/library/nginx:1.27',
      'Docker Official Image',
      '- A cosign signature, **not verified**: not read.',
      'Attestations: provenance, SBOM',
      'Last pushed: 3 days ago (2026-11-20 08:15 UTC)',
      `\`${D1}\` (multi-arch index)`,
      '| `linux/arm64/v8` |',
      'Pin the index digest',
      'https://hub.docker.com/_/nginx',
      'Docker Content Trust',
    ],
  },
  {
    name: 'verified publisher',
    ref: ref('bitnami/redis:7.2'),
    facts: facts({ publisher: { namespace: 'bitnami', badge: 'verified_publisher' } }),
    contains: ['Verified Publisher', 'https://hub.docker.com/r/bitnami/redis'],
  },
  {
    name: 'sponsored OSS',
    ref: ref('grafana/grafana:11.0.0'),
    facts: facts({
      publisher: { namespace: 'grafana', badge: 'open_source' },
      signatures: [foundSignature('sigstore-bundle', D2)],
    }),
    contains: ['Sponsored OSS', 'A Sigstore bundle signature, **not verified**: not read.'],
  },
  {
    name: 'verified GitHub workflow (keyless)',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      signatures: [
        {
          kind: 'sigstore-bundle',
          digest: D2,
          verification: 'verified',
          signer: {
            issuer: 'https://token.actions.githubusercontent.com',
            identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0',
          },
          reason: null,
          evidence: { method: 'sigstore', loggedAt: '2026-10-02T08:15:00.000Z' },
        },
      ],
    }),
    contains: [
      '- Signed by the GitHub workflow `github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0` (Sigstore, in the transparency log since 2026-10-02).',
    ],
  },
  {
    name: 'verified key, then an invalid one',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      signatures: [
        {
          kind: 'cosign',
          digest: D3,
          verification: 'invalid',
          signer: null,
          reason: 'it signs sha256:00, not this image’s digest',
          evidence: { method: 'key' },
        },
        { kind: 'cosign', digest: D2, verification: 'verified', signer: { key: 'acme-release' }, reason: null },
      ],
    }),
    contains: [
      '- Signed with the key `acme-release` (cosign).\n- ⚠ A cosign signature **does not hold**: it signs sha256:00, not this image’s digest.',
    ],
  },
  {
    name: 'email identity with its issuer',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      signatures: [
        {
          kind: 'sigstore-bundle',
          digest: D2,
          verification: 'verified',
          signer: { issuer: 'https://github.com/login/oauth', identity: 'cody@soyland.com' },
          reason: null,
        },
      ],
    }),
    contains: ['Signed by `cody@soyland.com` (issuer `https://github.com/login/oauth`) (Sigstore).'],
  },
  {
    name: 'provenance links the source at its commit',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      provenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: 'a'.repeat(40),
        builder: 'https://github.com/actions/runner/github-hosted',
        from: 'slsa-provenance',
      },
    }),
    contains: [
      `Built from [github.com/acme/app at ${'a'.repeat(12)}](https://github.com/acme/app/tree/${'a'.repeat(40)}) (SLSA provenance, builder \`https://github.com/actions/runner/github-hosted\`).`,
    ],
  },
  {
    name: 'provenance on an unknown host is not linked',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      provenance: {
        sourceRepository: 'https://git.example.com/acme/app',
        revision: 'v1.2.0',
        builder: null,
        from: 'oci-annotations',
      },
    }),
    contains: ['Built from git.example.com/acme/app at v1.2.0 (OCI annotations, the publisher’s claim).'],
    absent: ['](https://git.example.com'],
  },
  {
    name: 'drift links a compare view',
    ref: ref(`acme/app:1.2.0@${D1}`),
    facts: facts({
      digest: D2,
      signedDigest: D1,
      pinnedDigestExists: true,
      provenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: 'a'.repeat(40),
        builder: null,
        from: 'oci-annotations',
      },
      latestProvenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: 'b'.repeat(40),
        builder: null,
        from: 'oci-annotations',
      },
    }),
    contains: [
      `Source changes since the pinned digest: [${'a'.repeat(12)}…${'b'.repeat(12)}](https://github.com/acme/app/compare/${'a'.repeat(40)}...${'b'.repeat(40)}).`,
    ],
  },
  {
    name: 'a hostile signer identity stays inert',
    ref: ref('acme/app:1.2.0'),
    facts: facts({
      signatures: [
        {
          kind: 'sigstore-bundle',
          digest: D2,
          verification: 'verified',
          signer: { issuer: 'https://evil', identity: 'x`](javascript:alert(1))' },
          reason: null,
        },
      ],
    }),
    contains: ['Signed by ``x`](javascript:alert(1))`` (issuer `https://evil`)'],
  },
  {
    name: 'no badge says nobody vouches',
    ref: ref('someone/tool:0.1'),
    facts: facts({ publisher: { namespace: 'someone', badge: 'none' }, signatures: [] }),
    contains: ['nobody vouches', '**no signature found**'],
  },
  {
    name: 'unknown badge',
    ref: ref('someone/tool:0.1'),
    facts: facts({ publisher: { namespace: 'someone', badge: null } }),
    contains: ['Publisher status unknown'],
  },
  {
    name: 'non-Hub registry',
    ref: ref('ghcr.io/acme/app:1'),
    facts: facts({ publisher: null }),
    contains: ['no publisher badges outside Docker Hub'],
    absent: ['hub.docker.com'],
  },
  {
    name: 'rate limited, nothing cached',
    ref: ref('nginx:1.27'),
    facts: failed({ kind: 'rate-limited', message: 'pull rate limit', retryAt: '2026-11-23T13:00:00Z' }),
    contains: ['Rate limited until 2026-11-23 13:00 UTC'],
    absent: ['Not found'],
  },
  {
    name: 'stale facts show their age and why',
    ref: ref('nginx:1.27'),
    facts: facts({ stale: true, fetchedAt: NOW - 3 * 3_600_000, error: { kind: 'network', message: 'ECONNREFUSED' } }),
    contains: ['Network error', 'as of 3 hours ago', 'Docker Official Image'],
  },
  {
    name: 'partial facts say what is missing',
    ref: ref('nginx:1.27'),
    facts: facts({
      partial: { kind: 'network', message: 'Docker Hub API: ECONNRESET; publisher and last push unknown' },
    }),
    contains: ['Some facts are missing', 'publisher and last push unknown'],
  },
  { name: 'not looked up yet', ref: ref('nginx:1.27'), facts: undefined, contains: ['Looking up facts'] },
  {
    name: 'skipped variable explains why',
    ref: ref('${BASE}', { skip: 'variable', image: null, skipDetail: 'BASE has no default value' }),
    facts: undefined,
    contains: ['variable', 'BASE has no default value'],
  },
  {
    name: 'no fix reason is shown',
    ref: ref('python:3.12', { noFixReason: 'the ARG BASE is used by 2 references', pinSite: undefined }),
    facts: facts(),
    contains: ['No pin quick fix', 'used by 2 references'],
  },
];

describe('hover content', () => {
  for (const c of cases) {
    test(c.name, () => {
      const md = hoverMarkdown(c.ref, c.facts, settings, NOW);
      for (const s of c.contains) assert.ok(md.includes(s), `expected ${JSON.stringify(s)} in:\n${md}`);
      for (const s of c.absent ?? []) assert.ok(!md.includes(s), `unexpected ${JSON.stringify(s)} in:\n${md}`);
    });
  }

  test('registry text cannot inject links, commands or HTML', () => {
    const hostile = '[click me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `code`';
    const md = hoverMarkdown(
      ref('someone/tool:0.1'),
      facts({ description: hostile, publisher: { namespace: 'someone', badge: 'none' } }),
      settings,
      NOW,
    );
    const line = md.split('\n').find((l) => l.startsWith('Description')) ?? '';
    assert.ok(!/(^|[^\\])\]\(command:/.test(line), line);
    assert.ok(!/(^|[^\\])<img/.test(line), line);
    assert.ok(!line.includes('**bold**'), line);
    assert.ok(line.includes('\\[click me\\]'), line);
  });

  test('a hostile tag name in the digest table stays inside a code span, backtick and all', () => {
    const md = hoverMarkdown(
      ref('nginx:1.27'),
      facts({ platforms: [{ os: 'linux`<b>', architecture: 'x', digest: D2 }] }),
      settings,
      NOW,
    );
    assert.ok(md.includes('| ``linux`<b>/x`` |'), md);
  });
});
