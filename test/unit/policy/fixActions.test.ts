// Quick fixes and pin-all edits: which actions, with which titles and texts, and only on reference text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { range } from '../../../server/src/model/range.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { fixActions, pinAllEdits, pinnedReferenceText } from '../../../server/src/policy/index.js';
import { D1, D2, D3, NOW, facts, ref } from '../../helpers/facts.js';

const settings = normalizeSettings({});

describe('pinnedReferenceText', () => {
  const cases: Array<[string, string, string | undefined, string | null]> = [
    ['nginx:1.27', D1, undefined, `nginx:1.27@${D1}`],
    ['nginx', D1, undefined, `nginx:latest@${D1}`],
    [`nginx@${D2}`, D1, undefined, `nginx@${D1}`],
    [`nginx:1.27@${D2}`, D1, undefined, `nginx:1.27@${D1}`],
    ['localhost:5000/team/app:1.0', D1, undefined, `localhost:5000/team/app:1.0@${D1}`],
    ['index.docker.io/library/nginx:latest', D1, '1.27.3', `index.docker.io/library/nginx:1.27.3@${D1}`],
    ['Not/Valid', D1, undefined, null],
  ];
  for (const [written, digest, tag, expected] of cases) {
    test(`${written}${tag ? ` → tag ${tag}` : ''}`, () =>
      assert.equal(pinnedReferenceText(written, digest, tag), expected));
  }
});

describe('fixActions', () => {
  test('multi-arch unpinned: index pin preferred, platform pin second when FROM --platform is constant', () => {
    const actions = fixActions(ref('nginx:1.27', { platform: 'linux/arm64/v8' }), facts(), settings, NOW);
    assert.equal(actions.length, 2);
    assert.match(actions[0]!.title, /index digest/);
    assert.equal(actions[0]!.preferred, true);
    assert.equal(actions[0]!.edit.newText, `nginx:1.27@${D1}`);
    assert.match(actions[1]!.title, /linux\/arm64\/v8 digest .*only that platform/);
    assert.equal(actions[1]!.edit.newText, `nginx:1.27@${D3}`);
  });
  test('drifted digest: update action', () => {
    const actions = fixActions(ref(`nginx:1.27@${D2}`), facts({ pinnedDigestExists: true }), settings, NOW);
    assert.deepEqual(
      actions.map((a) => a.code),
      ['digest-drift'],
    );
    assert.equal(actions[0]!.edit.newText, `nginx:1.27@${D1}`);
  });
  test('no facts: no actions', () => {
    assert.deepEqual(fixActions(ref('nginx:1.27'), undefined, settings, NOW), []);
  });
  test('Helm map: digest field inserted, tag left alone', () => {
    const site = { kind: 'insert-digest-field' as const, range: range(3, 11, 3, 11), text: '\n  digest: ' };
    const actions = fixActions(ref('nginx:1.27', { pinSite: site }), facts(), settings, NOW);
    assert.equal(actions[0]!.edit.newText, `\n  digest: ${D1}`);
    assert.deepEqual(actions[0]!.edit.range, site.range);
  });
});

describe('pinAllEdits', () => {
  test('pins unpinned references, skips pinned, skipped and unknown ones', () => {
    const a = ref('nginx:1.27');
    const b = ref(`redis:7@${D2}`);
    const c = ref('${X}', { skip: 'variable' });
    const d = ref('unknown/thing:1');
    const { edits, skipped } = pinAllEdits([a, b, c, d], (r) => (r === d ? undefined : facts()));
    assert.deepEqual(
      edits.map((e) => e.newText),
      [`nginx:1.27@${D1}`],
    );
    assert.deepEqual(skipped, [d]);
  });
});
