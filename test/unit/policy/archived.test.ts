// archived (SPEC §5): Docker Hub's archive state (a fact), or a namespace or registry its publisher
// froze (the shipped list, policy/frozen.ts: by name, so it holds before and without a lookup).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageFacts } from '../../../server/src/model/facts.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { FROZEN } from '../../../server/src/policy/frozen.js';
import { evaluate } from '../../../server/src/policy/index.js';
import { D1, NOW, facts, failed, ref } from '../../helpers/facts.js';

const cases: Array<{ name: string; ref: ImageReference; facts: ImageFacts | undefined; message: RegExp | null }> = [
  {
    name: 'Docker Hub marks the repository archived',
    ref: ref(`someone/old-tool:1.0@${D1}`),
    facts: facts({ archived: true }),
    message: /^Docker Hub marks someone\/old-tool archived: it is read-only/,
  },
  {
    name: 'archived facts served stale still count',
    ref: ref(`someone/old-tool:1.0@${D1}`),
    facts: facts({ archived: true, stale: true, error: { kind: 'timeout', message: 'x' } }),
    message: /archived/,
  },
  { name: 'not archived', ref: ref(`someone/tool:1.0@${D1}`), facts: facts({ archived: false }), message: null },
  {
    name: 'archive state unknown is not archived',
    ref: ref(`someone/tool:1.0@${D1}`),
    facts: facts({ archived: null }),
    message: null,
  },
  {
    name: 'bitnamilegacy: frozen, with the successor Bitnami named and the source',
    ref: ref(`bitnamilegacy/redis:7.2.5@${D1}`),
    facts: facts({ archived: false }),
    message:
      /^bitnamilegacy\/redis is frozen since 2025-08-28: .*no further updates or support.*\(https:\/\/github\.com\/bitnami\/containers\/issues\/83267\)\. Its publisher names a successor: Bitnami Secure Images/,
  },
  {
    name: 'bitnamilegacy before any lookup',
    ref: ref('docker.io/bitnamilegacy/postgresql:16'),
    facts: undefined,
    message: /frozen since 2025-08-28/,
  },
  {
    name: 'bitnamilegacy while the lookup failed',
    ref: ref('bitnamilegacy/postgresql:16'),
    facts: failed({ kind: 'network', message: 'down' }),
    message: /frozen/,
  },
  {
    name: 'k8s.gcr.io: the whole registry, successor registry.k8s.io',
    ref: ref('k8s.gcr.io/pause:3.9'),
    facts: undefined,
    message: /^k8s\.gcr\.io\/pause is frozen since 2023-04-03: .*registry\.k8s\.io/,
  },
  {
    name: 'bitnami itself is not frozen',
    ref: ref(`bitnami/redis:7.2@${D1}`),
    facts: facts({ archived: false }),
    message: null,
  },
  {
    name: 'a namespace that only starts like one is not frozen',
    ref: ref(`bitnamilegacyx/redis:1@${D1}`),
    facts: facts({ archived: false }),
    message: null,
  },
  {
    name: 'registry.k8s.io is the successor, not frozen',
    ref: ref('registry.k8s.io/pause:3.9'),
    facts: undefined,
    message: null,
  },
];

describe('archived', () => {
  for (const c of cases) {
    test(c.name, () => {
      const found = evaluate(c.ref, c.facts, normalizeSettings({}), NOW).find((f) => f.code === 'archived');
      if (c.message === null) assert.equal(found, undefined);
      else {
        assert.ok(found, 'archived reported');
        assert.match(found.message, c.message);
        assert.equal(found.severity, 'warning');
        assert.deepEqual(found.fixes, []);
      }
    });
  }
  test('every frozen entry names a public https source and a date', () => {
    for (const e of FROZEN) {
      assert.match(e.source, /^https:\/\//);
      assert.match(e.since, /^\d{4}-\d{2}-\d{2}$/);
    }
  });
  test('severity off silences it', () => {
    const f = evaluate(
      ref('bitnamilegacy/redis:7.2.5'),
      undefined,
      normalizeSettings({ rules: { archived: 'off' } }),
      NOW,
    );
    assert.equal(
      f.find((x) => x.code === 'archived'),
      undefined,
    );
  });
});
