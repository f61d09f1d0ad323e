import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenges, type Challenge } from '../../../server/src/hub/challenge.js';
import { fixtureText } from './fakeFetch.js';

const specHeader = /^Www-Authenticate: (.*)$/m.exec(fixtureText('distribution-token-spec-401-challenge.txt'))![1]!;

const cases: Array<{ name: string; header: string | null; expected: Challenge[] }> = [
  { name: 'absent header', header: null, expected: [] },
  { name: 'empty header', header: '', expected: [] },
  {
    name: 'distribution token spec example (fixture)',
    header: specHeader,
    expected: [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:samalba/my-app:pull,push',
        },
      },
    ],
  },
  {
    name: 'Basic with realm',
    header: 'Basic realm="Registry Realm"',
    expected: [{ scheme: 'basic', params: { realm: 'Registry Realm' } }],
  },
  {
    name: 'two challenges in one header (Bearer then Basic)',
    header: 'Bearer realm="https://r.example/token",service="r.example",scope="*",Basic realm="x y"',
    expected: [
      { scheme: 'bearer', params: { realm: 'https://r.example/token', service: 'r.example', scope: '*' } },
      { scheme: 'basic', params: { realm: 'x y' } },
    ],
  },
  {
    name: 'scheme and parameter names are case-insensitive; unquoted URL values',
    header: 'BEARER Realm=https://r.example/t , Service=reg',
    expected: [{ scheme: 'bearer', params: { realm: 'https://r.example/t', service: 'reg' } }],
  },
  {
    name: 'token68 challenge then Basic',
    header: 'Negotiate abc==, Basic realm=foo',
    expected: [
      { scheme: 'negotiate', params: { token68: 'abc==' } },
      { scheme: 'basic', params: { realm: 'foo' } },
    ],
  },
  {
    name: 'escaped quote inside a quoted value',
    header: 'Basic realm="a \\"b\\" c"',
    expected: [{ scheme: 'basic', params: { realm: 'a "b" c' } }],
  },
  { name: 'Bearer without parameters', header: 'Bearer', expected: [{ scheme: 'bearer', params: {} }] },
];

describe('WWW-Authenticate parsing', () => {
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(parseChallenges(c.header), c.expected));
  }
});
