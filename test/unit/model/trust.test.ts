// trust.policies: globs over normalised names, and settings that are dropped with a reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { globToRegExp, normalizeTrust, policiesFor } from '../../../server/src/model/trust.js';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n';

describe('image globs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['docker.io/acme/*', 'docker.io/acme/app', true],
    ['docker.io/acme/*', 'docker.io/acme/team/app', false],
    ['docker.io/acme/**', 'docker.io/acme/team/app', true],
    ['docker.io/acme/*', 'docker.io/acmex/app', false],
    ['**', 'ghcr.io/x/y', true],
    ['ghcr.io/acme/app', 'ghcr.io/acme/app', true],
    ['ghcr.io/acme/app', 'ghcr.io/acme/app2', false],
    ['ghcr.io/acme/a.p', 'ghcr.io/acme/axp', false],
    ['Docker.io/Acme/*', 'docker.io/acme/app', true],
  ];
  for (const [glob, name, expected] of cases)
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${name}`, () =>
      assert.equal(globToRegExp(glob).test(name), expected));
});

test('policiesFor picks every policy that names the image', () => {
  const a = { images: ['docker.io/acme/*'], keys: [], identities: [] };
  const b = { images: ['docker.io/**'], keys: [], identities: [] };
  assert.deepEqual(policiesFor('docker.io/acme/app', [a, b]), [a, b]);
  assert.deepEqual(policiesFor('ghcr.io/acme/app', [a, b]), []);
});

test('normalizeTrust keeps valid entries and says why it drops the rest', () => {
  const warnings: string[] = [];
  const t = normalizeTrust(
    {
      policies: [
        {
          images: ['docker.io/acme/*'],
          keys: [
            { name: 'acme-release', publicKey: PEM },
            { name: 'x', publicKey: 'not pem' },
          ],
          identities: [
            { issuer: 'https://token.actions.githubusercontent.com', identityRegExp: '^https://github\\.com/acme/' },
            { issuer: 'i', identityRegExp: '(' },
          ],
        },
        { images: [] },
        'nope',
      ],
      trustedRoots: [{ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }, 'x'],
    },
    (m) => warnings.push(m),
  );
  assert.deepEqual(t.policies, [
    {
      images: ['docker.io/acme/*'],
      keys: [{ name: 'acme-release', publicKey: PEM }],
      identities: [
        { issuer: 'https://token.actions.githubusercontent.com', identityRegExp: '^https://github\\.com/acme/' },
      ],
    },
  ]);
  assert.equal(t.trustedRoots.length, 1);
  assert.deepEqual(
    warnings.map((w) => w.replace(/ \(.*\)/, '')),
    [
      'trust.policies[0].keys[1]: needs a name and a PEM publicKey; ignored',
      'trust.policies[0].identities[1]: identityRegExp is not a regular expression; ignored',
      'trust.policies[1]: names no images; ignored',
      'trust.policies[2]: must be an object; ignored',
      'trust.trustedRoots[1]: must be a trusted-root JSON object; ignored',
    ],
  );
});
