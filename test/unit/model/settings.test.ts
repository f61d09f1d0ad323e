// Settings normalisation (SPEC §3): each raw input and exactly what it becomes, with exactly the
// warnings a user sees. Ill-typed values fall back to their defaults and say so; nothing is dropped
// silently.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  DEFAULT_SETTINGS,
  normalizeSettings,
  SettingsInput,
  type Settings,
} from '../../../server/src/model/settings.js';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw…\n-----END PUBLIC KEY-----';
const POLICY = {
  images: ['docker.io/acme/*'],
  keys: [{ name: 'acme-release', publicKey: PEM }],
  identities: [
    { issuer: 'https://token.actions.githubusercontent.com', identityRegExp: '^https://github\\.com/acme/' },
  ],
};

interface Case {
  name: string;
  raw: unknown;
  /** the part of the result that must differ from the defaults */
  expected: (d: Settings) => Partial<Settings>;
  warnings?: string[];
}

const cases: Case[] = [
  { name: 'nothing', raw: undefined, expected: () => ({}) },
  { name: 'not an object', raw: [1, 2], expected: () => ({}) },
  {
    name: 'nested',
    raw: { dockerHub: { apiUrl: 'https://hub.example.test/' } },
    expected: (d) => ({ dockerHub: { ...d.dockerHub, apiUrl: 'https://hub.example.test' } }),
  },
  {
    name: 'dotted',
    raw: { 'dockerHub.apiUrl': 'https://hub.example.test' },
    expected: (d) => ({ dockerHub: { ...d.dockerHub, apiUrl: 'https://hub.example.test' } }),
  },
  {
    name: 'prefixed and dotted',
    raw: { 'imageTrust.rules.stale': 'off' },
    expected: (d) => ({ rules: { ...d.rules, stale: 'off' } }),
  },
  {
    name: 'under the prefix, nested',
    raw: { imageTrust: { staleAfterDays: 30 } },
    expected: () => ({ staleAfterDays: 30 }),
  },
  {
    name: 'dotted and nested in one file merge',
    raw: { 'registries.insecure': ['reg.local:5000'], registries: { allowedInUntrustedWorkspaces: [] } },
    expected: (d) => ({
      registries: { ...d.registries, insecure: ['reg.local:5000'], allowedInUntrustedWorkspaces: [] },
    }),
  },
  {
    name: 'mirror host keys keep their dots, are lower-cased',
    raw: { 'registries.mirrors': { 'Docker.IO': 'https://m.example.test/' } },
    expected: (d) => ({ registries: { ...d.registries, mirrors: { 'docker.io': 'https://m.example.test' } } }),
  },
  {
    name: 'a mirror map that is a string',
    raw: { registries: { mirrors: 'https://m.example.test' } },
    expected: () => ({}),
    warnings: ['registries.mirrors: must be an object mapping registry hosts to URLs; no mirror is used'],
  },
  {
    name: 'a mirror map that is an array',
    raw: { registries: { mirrors: ['https://m.example.test'] } },
    expected: () => ({}),
    warnings: ['registries.mirrors: must be an object mapping registry hosts to URLs; no mirror is used'],
  },
  {
    name: 'a mirror key that is not a host',
    raw: {
      registries: { mirrors: { 'docker.io/library': 'https://m.example.test', 'ghcr.io': 'https://g.example.test' } },
    },
    expected: (d) => ({ registries: { ...d.registries, mirrors: { 'ghcr.io': 'https://g.example.test' } } }),
    warnings: ['registries.mirrors: "docker.io/library" is not a registry host; ignored'],
  },
  {
    name: 'a mirror URL that is not http(s)',
    raw: { registries: { mirrors: { 'docker.io': 'file:///etc' } } },
    expected: () => ({}),
    warnings: ['registries.mirrors.docker.io: not an http(s) URL, ignored'],
  },
  {
    name: 'insecure as a string',
    raw: { registries: { insecure: 'reg.local' } },
    expected: () => ({}),
    warnings: ['registries.insecure: must be an array of hosts; using []'],
  },
  {
    name: 'insecure with a number',
    raw: { registries: { insecure: ['reg.local', 5000] } },
    expected: (d) => ({ registries: { ...d.registries, insecure: ['reg.local'] } }),
    warnings: ['registries.insecure[1]: not a host name; ignored'],
  },
  {
    name: 'a section that is not an object',
    raw: { registries: 'x' },
    expected: () => ({}),
    warnings: ['registries: must be an object; ignored'],
  },
  {
    name: 'readIndexes always',
    raw: { 'dockerHub.readIndexes': 'always' },
    expected: (d) => ({ dockerHub: { ...d.dockerHub, readIndexes: 'always' } }),
  },
  {
    name: 'readIndexes never',
    raw: { dockerHub: { readIndexes: 'never' } },
    expected: (d) => ({ dockerHub: { ...d.dockerHub, readIndexes: 'never' } }),
  },
  {
    name: 'readIndexes unknown',
    raw: { dockerHub: { readIndexes: 'sometimes' } },
    expected: () => ({}),
    warnings: ['dockerHub.readIndexes: must be one of on-demand, always, never; using on-demand'],
  },
  {
    name: 'a trust policy, dotted',
    raw: { 'trust.policies': [POLICY] },
    expected: () => ({ trust: { policies: [POLICY], trustedRoots: [] } }),
  },
  {
    name: 'a trust policy with keys only',
    raw: { trust: { policies: [{ images: ['ghcr.io/acme/**'], keys: [{ name: 'k', publicKey: PEM }] }] } },
    expected: () => ({
      trust: {
        policies: [{ images: ['ghcr.io/acme/**'], keys: [{ name: 'k', publicKey: PEM }], identities: [] }],
        trustedRoots: [],
      },
    }),
  },
  {
    name: 'trust.policies not an array',
    raw: { trust: { policies: POLICY } },
    expected: () => ({}),
    warnings: ['trust.policies: must be an array of policies; ignored'],
  },
  {
    name: 'bad policy entries are dropped, each named; a policy left with nothing that verifies stays',
    raw: {
      trust: {
        policies: [
          'docker.io/*',
          { images: [], keys: POLICY.keys },
          { images: ['docker.io/acme/*'], keys: [{ name: 'k', publicKey: 'not a pem' }] },
          POLICY,
        ],
      },
    },
    expected: () => ({
      trust: { policies: [{ images: ['docker.io/acme/*'], keys: [], identities: [] }, POLICY], trustedRoots: [] },
    }),
    warnings: [
      'trust.policies[0]: must be an object; ignored',
      'trust.policies[1]: names no images; ignored',
      'trust.policies[2].keys[0]: needs a name and a PEM publicKey; ignored',
      'trust.policies[2]: names no key or identity, so nothing can satisfy it',
    ],
  },
];

describe('normalizeSettings', () => {
  for (const c of cases) {
    test(c.name, () => {
      const warnings: string[] = [];
      const s = normalizeSettings(c.raw, (m) => warnings.push(m));
      assert.deepEqual(JSON.parse(JSON.stringify(s)), { ...DEFAULT_SETTINGS, ...c.expected(DEFAULT_SETTINGS) });
      assert.deepEqual(warnings, c.warnings ?? []);
    });
  }
});

describe('layers (initializationOptions, then a workspace/configuration answer)', () => {
  test('later layers win key by key; a mirror map is one value', () => {
    const input = SettingsInput.read(
      [
        {
          'registries.mirrors': { 'docker.io': 'https://a.example.test' },
          registries: { insecure: ['x.test'] },
          staleAfterDays: 10,
        },
        { registries: { mirrors: { 'ghcr.io': 'https://b.example.test' } }, staleAfterDays: 20 },
      ],
      () => {},
    );
    const s = normalizeSettings(input);
    assert.deepEqual(s.registries.mirrors, { 'ghcr.io': 'https://b.example.test' });
    assert.deepEqual(s.registries.insecure, ['x.test']);
    assert.equal(s.staleAfterDays, 20);
  });
});

describe('package.json contributes every setting with its default', () => {
  // leaves of the settings object, as VS Code names them (rules are checked with the finding codes)
  const leaves = (o: Record<string, unknown>, at = ''): Array<[string, unknown]> =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && !(k === 'mirrors' || k === 'rules')
        ? leaves(v as Record<string, unknown>, `${at}${k}.`)
        : [[`${at}${k}`, v]],
    );
  const contributed = (
    JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    }
  ).contributes.configuration.properties;
  // not settings: rules are checked with the rule registry, the lists' entries (and which could not be
  // used) are read by the views
  const internal = ['rules', 'knownMalicious.entries', 'knownMalicious.unused'];
  for (const [key, value] of leaves(DEFAULT_SETTINGS as unknown as Record<string, unknown>).filter(
    ([k]) => !internal.includes(k),
  )) {
    test(`imageTrust.${key} defaults to ${JSON.stringify(value)}`, () => {
      assert.deepEqual(contributed[`imageTrust.${key}`]?.default, value);
    });
  }
});
