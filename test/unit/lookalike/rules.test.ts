// The lookalike and known-malicious findings through evaluate(): which references get them, with
// the exact message, before and after a lookup, and with the user's lists and severities.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ImageFacts } from '../../../server/src/model/facts.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { normalizeSettings, type Settings } from '../../../server/src/model/settings.js';
import { evaluate, RULE_DEFAULTS } from '../../../server/src/policy/index.js';
import { parseMaliciousList } from '../../../server/src/policy/malicious/list.js';
import { D1, NOW, facts, failed, ref } from '../../helpers/facts.js';

const XZ = 'sha256:0aff2113f50451631f0f8c22d85c97aad855d73545b6018fcbe9f0a78ae26583';
const team = parseMaliciousList(
  JSON.stringify({
    version: 1,
    entries: [
      {
        match: 'repository',
        value: 'acme/legacy',
        source: 'https://intranet.example/blocklist',
        reported: '2026-11-01',
        note: 'retired after an incident',
      },
    ],
  }),
  'blocklist.json',
).entries;

function withTeamList(raw: unknown = {}): Settings {
  const s = normalizeSettings(raw, undefined, RULE_DEFAULTS);
  return { ...s, knownMalicious: { lists: ['blocklist.json'], entries: team, unused: [] } };
}

interface Case {
  name: string;
  ref: ImageReference;
  facts: ImageFacts | undefined;
  settings?: Settings;
  /** code → exact message; codes not named here must not appear */
  want: Partial<Record<'lookalike' | 'known-malicious', string>>;
}

const hubNone = (ns: string): ImageFacts => facts({ publisher: { namespace: ns, badge: 'none' } });
const offline = failed({ kind: 'offline', message: 'offline' });

const cases: Case[] = [
  {
    name: 'a typo of an official name, before any lookup',
    ref: ref('ngnix:1.27'),
    facts: undefined,
    want: {
      lookalike:
        '`ngnix` looks like the Docker Official Image `nginx`, but it is another repository (it differs by a small edit). Did you mean `nginx`?',
    },
  },
  {
    name: 'a typo of an official name, offline',
    ref: ref('ng1nx:1.27'),
    facts: offline,
    want: {
      lookalike:
        '`ng1nx` looks like the Docker Official Image `nginx`, but it is another repository (it differs only in look-alike characters or separators). Did you mean `nginx`?',
    },
  },
  {
    name: 'an official name under a namespace Docker Hub says has no badge, also on the list',
    ref: ref('docker123321/tomcat:8'),
    facts: hubNone('docker123321'),
    want: {
      lookalike:
        '`docker123321/tomcat` looks like the Docker Official Image `tomcat`, but it is published by `docker123321`, which has no Docker Hub badge: it is not the official image. Use `tomcat` unless you mean this publisher.',
      'known-malicious':
        '`docker123321/tomcat` is known to be malicious: the namespace `docker.io/docker123321` was reported malicious on 2018-03-16 (https://github.com/docker/hub-feedback/issues/1417): 17 backdoored images (Monero miners, reverse shells) named after popular software (Tomcat, MySQL, cron), pulled about 5 million times; Docker disabled the account on 2018-07-16 (Fortinet, Sysdig and Kromtech reports). Do not pull it.',
    },
  },
  {
    name: 'the same reference before the lookup: the badge is unknown, the list still knows it',
    ref: ref('docker123321/tomcat:8'),
    facts: undefined,
    want: {
      'known-malicious':
        '`docker123321/tomcat` is known to be malicious: the namespace `docker.io/docker123321` was reported malicious on 2018-03-16 (https://github.com/docker/hub-feedback/issues/1417): 17 backdoored images (Monero miners, reverse shells) named after popular software (Tomcat, MySQL, cron), pulled about 5 million times; Docker disabled the account on 2018-07-16 (Fortinet, Sysdig and Kromtech reports). Do not pull it.',
    },
  },
  {
    name: 'a badge clears the lookalike',
    ref: ref('someone/ngnix:1'),
    facts: facts({ publisher: { namespace: 'someone', badge: 'verified_publisher' } }),
    want: {},
  },
  {
    name: 'a lookalike registry host',
    ref: ref('ghrc.io/acme/app:1.0'),
    facts: undefined,
    want: {
      lookalike:
        '`ghrc.io/acme/app` looks like the registry `ghcr.io` (GitHub Container Registry), but `ghrc.io` is another host (it differs by a small edit): it may serve other images and collect the credentials you send it. Use `ghcr.io` if that is what you meant.',
    },
  },
  {
    name: 'a lookalike namespace',
    ref: ref('bitnarni/redis:7'),
    facts: undefined,
    want: {
      lookalike:
        '`bitnarni/redis` looks like `bitnami/redis`, but the namespace `bitnarni` is another publisher (it differs only in look-alike characters or separators). Check the namespace before you pull.',
    },
  },
  {
    name: 'a written digest on the list',
    ref: ref(`debian@${XZ}`),
    facts: undefined,
    want: {
      'known-malicious':
        '`debian@sha256:0aff2113f504…` is known to be malicious: the digest `sha256:0aff2113f504…` was reported malicious on 2025-08-06 (https://github.com/debuerreotype/docker-debian-artifacts/issues/246): debian:sid-20240311 (manifest digest as Binarly reported it) contains the xz-utils backdoor CVE-2024-3094; Debian keeps the tag as a historical artifact. Do not pull it.',
    },
  },
  {
    name: 'a tag that resolves to a digest on the list',
    ref: ref('debian:sid-20240311'),
    facts: facts({ digest: XZ, signedDigest: XZ, platforms: [] }),
    want: {
      'known-malicious':
        '`debian@sha256:0aff2113f504…` is known to be malicious: the digest `sha256:0aff2113f504…` was reported malicious on 2025-08-06 (https://github.com/debuerreotype/docker-debian-artifacts/issues/246): debian:sid-20240311 (manifest digest as Binarly reported it) contains the xz-utils backdoor CVE-2024-3094; Debian keeps the tag as a historical artifact. Do not pull it.',
    },
  },
  {
    name: 'an index whose platform manifest is on the list',
    ref: ref('debian:sid'),
    facts: facts({ platforms: [{ os: 'linux', architecture: 'amd64', digest: XZ }] }),
    want: {
      'known-malicious':
        '`debian@sha256:0aff2113f504…` is known to be malicious: the digest `sha256:0aff2113f504…` was reported malicious on 2025-08-06 (https://github.com/debuerreotype/docker-debian-artifacts/issues/246): debian:sid-20240311 (manifest digest as Binarly reported it) contains the xz-utils backdoor CVE-2024-3094; Debian keeps the tag as a historical artifact. Do not pull it.',
    },
  },
  {
    name: "the user's list, with its file named",
    ref: ref('acme/legacy:2'),
    facts: undefined,
    settings: withTeamList(),
    want: {
      'known-malicious':
        '`acme/legacy` is known to be malicious: the repository `docker.io/acme/legacy` was reported malicious on 2026-11-01 (https://intranet.example/blocklist, list blocklist.json): retired after an incident. Do not pull it.',
    },
  },
  {
    name: 'severities off drop both',
    ref: ref('docker123321/tomcat:8'),
    facts: hubNone('docker123321'),
    settings: withTeamList({ rules: { lookalike: 'off', 'known-malicious': 'off' } }),
    want: {},
  },
  {
    name: 'an ordinary image has neither',
    ref: ref(`nginx:1.27@${D1}`),
    facts: facts(),
    want: {},
  },
];

describe('lookalike and known-malicious findings', () => {
  for (const c of cases) {
    test(c.name, () => {
      const findings = evaluate(c.ref, c.facts, c.settings ?? normalizeSettings({}, undefined, RULE_DEFAULTS), NOW);
      const got = Object.fromEntries(
        findings.filter((f) => f.code === 'lookalike' || f.code === 'known-malicious').map((f) => [f.code, f.message]),
      );
      assert.deepEqual(got, c.want);
      for (const f of findings) {
        if (f.code === 'lookalike') assert.equal(f.severity, 'warning');
        if (f.code === 'known-malicious') assert.equal(f.severity, 'error');
      }
    });
  }
});
