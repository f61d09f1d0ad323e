// The CBOR subset COSE envelopes need: values in, values out; everything else refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode, encode } from '../../../server/src/verify/cbor.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');

test('decodes the RFC 8949 appendix A examples it supports', () => {
  const cases: Array<[string, unknown]> = [
    ['00', 0],
    ['17', 23],
    ['18 18', 24],
    ['19 03e8', 1000],
    ['1a 000f4240', 1_000_000],
    ['20', -1],
    ['38 63', -100],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['40', Buffer.alloc(0)],
    ['44 01020304', Buffer.from([1, 2, 3, 4])],
    ['60', ''],
    ['64 49455446', 'IETF'],
    ['83 01 02 03', [1, 2, 3]],
    [
      'a2 01 02 03 04',
      new Map([
        [1, 2],
        [3, 4],
      ]),
    ],
    ['c1 1a 514b67b0', { tag: 1, value: 1363896240 }],
  ];
  for (const [input, expected] of cases) assert.deepEqual(decode(hex(input)), expected, input);
});

test('refuses what COSE never needs and what would be unsafe', () => {
  const cases: Array<[string, RegExp]> = [
    ['9f ff', /indefinite-length/],
    ['fa 47c35000', /float/],
    ['00 00', /trailing bytes/],
    ['82 01', /truncated/],
    ['1b ffffffffffffffff', /out of range/],
    ['9a 7fffffff', /truncated/],
    ['1c', /malformed/],
  ];
  for (const [input, re] of cases) assert.throws(() => decode(hex(input)), re, input);
});

test('encodes a COSE Sig_structure', () => {
  assert.equal(
    encode(['Signature1', new Uint8Array([0xa0]), new Uint8Array(0), new Uint8Array([1, 2])]).toString('hex'),
    '846a5369676e61747572653141a0404201' + '02',
  );
});
