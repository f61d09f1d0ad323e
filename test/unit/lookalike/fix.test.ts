// The fix a lookalike finding offers, as a table: the reference as written → the text that
// replaces it (never preferred), or no fix where none is safe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { evaluate, RULE_DEFAULTS } from '../../../server/src/policy/index.js';
import { D1, ref } from '../../helpers/facts.js';

const cases: [written: string, fix: string | null][] = [
  ['ngnix:1.27', 'nginx:1.27'],
  ['library/alpline:3.20', 'alpine:3.20'],
  ['docker.io/ngnix', 'docker.io/nginx'],
  ['someone/ngnix:1', 'nginx:1'],
  ['bitnarni/redis:7', 'bitnami/redis:7'],
  ['docker.io/bitnarni/redis', 'docker.io/bitnami/redis'],
  ['ghrc.io/acme/app:1.0', 'ghcr.io/acme/app:1.0'],
  ['k8s.gcr.lo/pause:3.9', 'k8s.gcr.io/pause:3.9'],
  ['registryk8s.io/pause', 'registry.k8s.io/pause'],
  ['us-docker.pkg.deu/project/repo/app', 'us-docker.pkg.dev/project/repo/app'],
  // the impostor's port is not the registry's
  ['ghcr.io.example.net:5000/a/b', 'ghcr.io/a/b'],
  // no safe fix: a pinned digest belongs to the repository written
  [`ngnix@${D1}`, null],
  [`ngnix:1.27@${D1}`, null],
  // the official image is on Docker Hub, not on the registry written
  ['ghcr.io/someone/pyhton:3', null],
  // a domain that serves no images itself
  ['pkg.deu/project/repo/app', null],
];

describe('lookalike fixes', () => {
  for (const [written, want] of cases) {
    test(`${written} → ${want ?? 'no fix'}`, () => {
      const finding = evaluate(ref(written), undefined, normalizeSettings({}, undefined, RULE_DEFAULTS)).find(
        (f) => f.code === 'lookalike',
      );
      assert.ok(finding, 'a lookalike finding');
      assert.deepEqual(
        finding.fixes.map((f) => f.edit.newText),
        want === null ? [] : [want],
      );
      for (const f of finding.fixes) {
        assert.equal(f.preferred, false, 'it changes what is pulled: a person chooses it');
        assert.deepEqual(f.edit.range, ref(written).range, 'it replaces exactly the reference');
      }
    });
  }
  test('the title says what is used instead and asks to check', () => {
    const finding = evaluate(
      ref('ghrc.io/acme/app:1.0'),
      undefined,
      normalizeSettings({}, undefined, RULE_DEFAULTS),
    ).find((f) => f.code === 'lookalike');
    assert.equal(
      finding?.fixes[0]?.title,
      'Use the registry ghcr.io (GitHub Container Registry) instead of ghrc.io (check that it is what you meant)',
    );
  });
});
