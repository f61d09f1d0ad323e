// Rule tables: for each finding code, references and facts that must and must not produce it,
// with the fix text where there is one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageFacts } from '../../../server/src/model/facts.js';
import { toFindingJson, type FindingCode } from '../../../server/src/model/finding.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { evaluate } from '../../../server/src/policy/index.js';
import { D1, D2, NOW, facts, failed, ref } from '../../helpers/facts.js';

interface Case {
  name: string;
  ref: ImageReference;
  facts: ImageFacts | undefined;
  /** codes expected, exactly */
  codes: FindingCode[];
  /** expected fix text per code */
  fixes?: Partial<Record<FindingCode, string | null>>;
  settings?: unknown;
}

const signedOfficial = facts();
const cases: Case[] = [
  {
    name: 'pinned official signed fresh image has no findings',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts({ pinnedDigestExists: true }),
    codes: [],
  },
  {
    name: 'unpinned tag → unpinned-digest with a pin that keeps the tag',
    ref: ref('nginx:1.27'),
    facts: signedOfficial,
    codes: ['unpinned-digest'],
    fixes: { 'unpinned-digest': `nginx:1.27@${D1}` },
  },
  {
    name: 'unpinned before lookup → unpinned-digest without fix',
    ref: ref('nginx:1.27'),
    facts: undefined,
    codes: ['unpinned-digest'],
    fixes: { 'unpinned-digest': null },
  },
  {
    name: 'implied latest → latest-tag and unpinned-digest',
    ref: ref('nginx'),
    facts: signedOfficial,
    codes: ['unpinned-digest', 'latest-tag'],
    fixes: { 'unpinned-digest': `nginx:latest@${D1}`, 'latest-tag': null },
  },
  {
    name: 'written latest with a version tag known → replaced and pinned',
    ref: ref('nginx:latest'),
    facts: facts({ tagsForDigest: ['1.27.3', '1.27', 'latest'] }),
    codes: ['unpinned-digest', 'latest-tag'],
    fixes: { 'latest-tag': `nginx:1.27.3@${D1}` },
  },
  {
    name: 'digest-only reference: no tag findings',
    ref: ref(`nginx@${D1}`),
    facts: facts({ pinnedDigestExists: true }),
    codes: [],
  },
  {
    name: 'community namespace without badge → unverified-publisher',
    ref: ref(`someone/tool:0.1@${D1}`),
    facts: facts({ publisher: { namespace: 'someone', badge: 'none' } }),
    codes: ['unverified-publisher'],
  },
  {
    name: 'unknown badge (null) is not unverified',
    ref: ref(`someone/tool:0.1@${D1}`),
    facts: facts({ publisher: { namespace: 'someone', badge: null } }),
    codes: [],
  },
  {
    name: 'non-Hub registry is never unverified',
    ref: ref(`ghcr.io/someone/tool:0.1@${D1}`),
    facts: facts({ publisher: { namespace: 'someone', badge: 'none' } }),
    codes: [],
  },
  {
    name: 'no signature for the pulled digest → unsigned',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts({ signatures: [] }),
    codes: ['unsigned'],
  },
  {
    name: 'signatures not checked → not unsigned',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts({ signatures: [], signedDigest: null }),
    codes: [],
  },
  {
    name: 'pushed 400 days ago → stale',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts({ lastPushed: new Date(NOW - 400 * 86_400_000).toISOString() }),
    codes: ['stale'],
  },
  {
    name: 'pushed 400 days ago with staleAfterDays 500 → fresh',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts({ lastPushed: new Date(NOW - 400 * 86_400_000).toISOString() }),
    codes: [],
    settings: { staleAfterDays: 500 },
  },
  {
    name: 'tag moved away from the pin → digest-drift with update fix',
    ref: ref(`nginx:1.27@${D2}`),
    facts: facts({ pinnedDigestExists: true }),
    codes: ['digest-drift'],
    fixes: { 'digest-drift': `nginx:1.27@${D1}` },
  },
  {
    name: 'pinned digest missing → digest-not-found, not drift',
    ref: ref(`nginx:1.27@${D2}`),
    facts: facts({ pinnedDigestExists: false }),
    codes: ['digest-not-found'],
  },
  {
    name: 'repository missing → not-found only',
    ref: ref('nobody/missing:1'),
    facts: failed({ kind: 'not-found', message: 'repository not found', missing: 'repository' }),
    codes: ['unpinned-digest', 'not-found'],
  },
  {
    name: 'rate limited → lookup-failed, never not-found',
    ref: ref('nginx:1.27'),
    facts: failed({ kind: 'rate-limited', message: '429', retryAt: '2026-11-23T13:00:00Z' }),
    codes: ['unpinned-digest', 'lookup-failed'],
  },
  {
    name: 'network error → lookup-failed only (no unsigned, no unverified)',
    ref: ref(`someone/tool:0.1@${D1}`),
    facts: failed({ kind: 'network', message: 'ECONNREFUSED' }),
    codes: ['lookup-failed'],
  },
  {
    name: 'stale cached facts with a timeout still drive findings',
    ref: ref('nginx:1.27'),
    facts: facts({ stale: true, error: { kind: 'timeout', message: 'no answer in 10 s' }, signatures: [] }),
    codes: ['unpinned-digest', 'unsigned', 'lookup-failed'],
  },
  {
    name: 'Hub API down while the registry answered → lookup-failed says what is unknown',
    ref: ref(`someone/tool:0.1@${D1}`),
    facts: facts({
      publisher: { namespace: 'someone', badge: null },
      lastPushed: null,
      partial: { kind: 'rate-limited', message: 'Docker Hub API: 429; publisher and last push unknown' },
    }),
    codes: ['lookup-failed'],
  },
  {
    name: 'severity off drops the finding',
    ref: ref('nginx:1.27'),
    facts: signedOfficial,
    codes: [],
    settings: { rules: { 'unpinned-digest': 'off' } },
  },
  {
    name: 'skipped reference has no findings',
    ref: ref('${BASE}', { skip: 'variable', image: null }),
    facts: undefined,
    codes: [],
  },
];

describe('policy rules', () => {
  for (const c of cases) {
    test(c.name, () => {
      const findings = evaluate(c.ref, c.facts, normalizeSettings(c.settings ?? {}), NOW);
      assert.deepEqual(findings.map((f) => f.code).sort(), [...c.codes].sort());
      for (const [code, text] of Object.entries(c.fixes ?? {})) {
        const f = findings.find((x) => x.code === code);
        assert.ok(f, `finding ${code}`);
        const fix = toFindingJson(f).fix;
        assert.equal(fix?.newText ?? null, text);
        if (fix) assert.deepEqual(fix.range, c.ref.range, 'a fix replaces exactly the reference');
      }
      for (const f of findings) assert.ok(f.message.length > 20, 'a message that says what to do');
    });
  }

  test('user severities are carried to the finding', () => {
    const [f] = evaluate(
      ref('nginx:1.27'),
      signedOfficial,
      normalizeSettings({ 'rules.unpinned-digest': 'error' }),
      NOW,
    );
    assert.equal(f?.severity, 'error');
  });
});
