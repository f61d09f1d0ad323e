// The one-line glance names the verified signer, or says a signature fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foundSignature, type Signature } from '../../../server/src/model/facts.js';
import { glanceParts } from '../../../server/src/policy/glance.js';
import { D2, NOW, facts, ref } from '../../helpers/facts.js';

test('glance: verified signer, invalid signature, found only', () => {
  const verified: Signature = {
    kind: 'cosign',
    digest: D2,
    verification: 'verified',
    signer: { key: 'acme-release' },
    reason: null,
  };
  const invalid: Signature = {
    kind: 'cosign',
    digest: D2,
    verification: 'invalid',
    signer: null,
    reason: 'it signs another digest',
  };
  const cases: Array<[Signature[], string]> = [
    [[verified], 'signed by the key acme-release'],
    [[invalid], 'a signature does not hold'],
    [[foundSignature('notation', D2)], 'signed (notation), not verified'],
    [[], 'unsigned'],
  ];
  for (const [signatures, expected] of cases) {
    assert.ok(glanceParts(ref('acme/app:1'), facts({ signatures }), NOW).includes(expected), expected);
  }
});
