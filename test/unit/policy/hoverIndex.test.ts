// The hover when Docker Hub's index was not read (SPEC §2 `platforms: null`), and the pull-budget
// footnote when few pulls are left.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageFacts } from '../../../server/src/model/facts.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { hoverMarkdown } from '../../../server/src/policy/index.js';
import { NOW, facts, ref } from '../../helpers/facts.js';

const unread: Partial<ImageFacts> = { platforms: null, attestations: null, indexUnread: { attestationKinds: [] } };
const cases: Array<{
  name: string;
  text: string;
  facts: ImageFacts;
  settings?: unknown;
  has: RegExp[];
  not: RegExp[];
}> = [
  {
    name: 'index not read (on-demand): says so; no platform table, no attestations line',
    text: 'nginx:1.27',
    facts: facts(unread),
    has: [
      /_Platforms and the attestations in the index: not read\._ Docker Hub's tag API no longer lists them; hovering reads the index \(one counted pull, once per index, then kept\)\./,
    ],
    not: [/\| platform \|/, /Attestations:/],
  },
  {
    name: 'readIndexes never: how to read it',
    text: 'nginx:1.27',
    facts: facts(unread),
    settings: { dockerHub: { readIndexes: 'never' } },
    has: [/`imageTrust\.dockerHub\.readIndexes` is `never`\. Set it to `on-demand`/],
    not: [/\| platform \|/],
  },
  {
    name: 'the read failed: why',
    text: 'nginx:1.27',
    facts: facts({ ...unread, indexUnread: { attestationKinds: [], error: 'registry-1.docker.io failed (HTTP 503)' } }),
    has: [/Reading the index failed: registry-1\.docker\.io failed \\?\(HTTP 503\\?\)\./],
    not: [],
  },
  {
    name: 'index read: the platform table, no note',
    text: 'nginx:1.27',
    facts: facts(),
    has: [/\| `linux\/arm64\/v8` \|/, /Attestations: provenance\./],
    not: [/in the index: not read/],
  },
  {
    name: 'few Docker Hub pulls left: a footnote',
    text: 'nginx:1.27',
    facts: facts({ rateLimit: { limit: 100, remaining: 4, resetAt: null } }),
    has: [
      /_Docker Hub pulls left: 4 of 100 in this 6-hour window\. Reading an image index or a signature costs one; the rest of a lookup is free\._/,
    ],
    not: [],
  },
  {
    name: 'plenty of pulls left: no footnote',
    text: 'nginx:1.27',
    facts: facts({ rateLimit: { limit: 100, remaining: 76, resetAt: null } }),
    has: [],
    not: [/pulls left/],
  },
  {
    name: 'not Docker Hub: no footnote',
    text: 'ghcr.io/acme/app:1',
    facts: facts({ publisher: null, rateLimit: { limit: 100, remaining: 1, resetAt: null } }),
    has: [],
    not: [/pulls left/],
  },
];

describe('hover: unread index and pull budget', () => {
  for (const c of cases) {
    test(c.name, () => {
      const md = hoverMarkdown(ref(c.text), c.facts, normalizeSettings(c.settings ?? {}), NOW);
      for (const r of c.has) assert.match(md, r);
      for (const r of c.not) assert.doesNotMatch(md, r);
    });
  }
});
