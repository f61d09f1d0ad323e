import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { tagsForDigest } from '../../../server/src/hub/dockerHubApi.js';
import { FakeFetch, fixtureJson, type Expectation } from './fakeFetch.js';
import { D1, D2, HUB_API, HUB_REG, hubTagBody, hubToken, service, target } from './support.js';

const images = fixtureJson('skopeo-1794-hub-tag-images-excerpt.json') as unknown[];
const api = (ns: string, repo: string, rest = '') => `${HUB_API}/v2/namespaces/${ns}/repositories/${repo}${rest}`;

/** Signature checks on Docker Hub: free HEAD of the cosign tag + the referrers API, with a token. */
function hubSignatures(repository: string, digest: string, token = 'HT'): Expectation[] {
  return [
    { url: hubToken(repository), body: { token, expires_in: 300 } },
    {
      method: 'HEAD',
      url: `${HUB_REG}/v2/${repository}/manifests/${digest.replace(':', '-')}.sig`,
      headers: { authorization: `Bearer ${token}` },
      status: 404,
    },
    {
      url: `${HUB_REG}/v2/${repository}/referrers/${digest}`,
      headers: { authorization: `Bearer ${token}` },
      body: { manifests: [] },
    },
  ];
}

const isManifestGet = (c: { method: string; url: string }) =>
  c.method === 'GET' && c.url.startsWith(HUB_REG) && c.url.includes('/manifests/');

describe('Docker Hub: facts from the Hub API, zero manifest GETs', () => {
  test('library/debian:bullseye-slim → digest, media type, platforms (fixture images), last push, official, description', async () => {
    const fake = new FakeFetch([
      {
        url: api('library', 'debian', '/tags/bullseye-slim'),
        headers: { accept: 'application/json', authorization: undefined },
        body: hubTagBody(D1, images, '2022-10-25T02:08:16.065759Z'),
      },
      {
        url: api('library', 'debian'),
        body: { name: 'debian', namespace: 'library', description: 'Debian is a <b>Linux</b> distribution' },
      },
      ...hubSignatures('library/debian', D1),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/debian', tag: 'bullseye-slim' }));
    assert.ok(f);
    assert.equal(f.error, null);
    assert.equal(f.digest, D1);
    assert.equal(f.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(f.platforms, [
      {
        os: 'linux',
        architecture: 'amd64',
        digest: 'sha256:76cdda8fe5eb597ef5e712e4c9a9f5f1fb119e69f353daaa7bd6d0f6e66e541d',
      },
      {
        os: 'linux',
        architecture: 'arm',
        variant: 'v5',
        digest: 'sha256:086e6053b37c25f57aed3d7e37b91b31c144eb50066b55ce89623960e7c69212',
      },
    ]);
    assert.equal(f.lastPushed, '2022-10-25T02:08:16.065759Z');
    assert.deepEqual(f.publisher, { namespace: 'library', badge: 'official' });
    assert.equal(f.description, 'Debian is a <b>Linux</b> distribution');
    assert.equal(f.signedDigest, D1);
    assert.deepEqual(f.tagsForDigest, []);
    assert.equal(fake.count(isManifestGet), 0, 'no manifest GET on Docker Hub');
    fake.assertDone();
    await s.dispose();
  });

  test('a pinned digest is checked with a free HEAD; signatures are looked up for the pinned digest', async () => {
    const fake = new FakeFetch([
      { url: api('library', 'nginx', '/tags/1.27'), body: hubTagBody(D2) },
      { url: api('library', 'nginx'), body: { description: null } },
      { url: hubToken('library/nginx'), body: { token: 'HT' } },
      {
        method: 'HEAD',
        url: `${HUB_REG}/v2/library/nginx/manifests/${D1}`,
        headers: { authorization: 'Bearer HT' },
        responseHeaders: { 'docker-content-digest': D1 },
      },
      { method: 'HEAD', url: `${HUB_REG}/v2/library/nginx/manifests/${D1.replace(':', '-')}.sig`, status: 404 },
      { url: `${HUB_REG}/v2/library/nginx/referrers/${D1}`, body: { manifests: [] } },
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: D1 }));
    assert.equal(f?.digest, D2, 'what the tag points to now');
    assert.equal(f?.pinnedDigestExists, true);
    assert.equal(f?.signedDigest, D1);
    assert.equal(fake.count(isManifestGet), 0);
    fake.assertDone();
    await s.dispose();
  });

  test('latest: other tags on the same digest from one page, most specific first', async () => {
    const fake = new FakeFetch([
      { url: api('library', 'node', '/tags/latest'), body: hubTagBody(D1) },
      { url: api('library', 'node'), body: { description: '' } },
      {
        url: api('library', 'node', '/tags?page_size=100&ordering=last_updated'),
        body: {
          count: 5,
          next: null,
          results: [
            { name: 'latest', digest: D1 },
            { name: '24', digest: D1 },
            { name: '24.1.0', digest: D1 },
            { name: '24.1', digest: D1 },
            { name: '22', digest: D2 },
            { name: `${D1.replace(':', '-')}.sig`, digest: D1 },
          ],
        },
      },
      ...hubSignatures('library/node', D1),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/node', tag: 'latest' }));
    assert.deepEqual(f?.tagsForDigest, ['24.1.0', '24.1', '24']);
    fake.assertDone();
    await s.dispose();
  });
});

describe('Docker Hub: publisher badges (search v4, per namespace)', () => {
  const search = (q: string) => `${HUB_API}/api/search/v4?query=${encodeURIComponent(q)}`;
  const repoFacts = (ns: string, repo: string, digest: string): Expectation[] => [
    { url: api(ns, repo, '/tags/1'), body: hubTagBody(digest) },
    { url: api(ns, repo), body: { description: 'd' } },
    ...hubSignatures(`${ns}/${repo}`, digest, `T-${repo}`),
  ];

  test('one search per namespace: the exact-name result is picked, the next repository reuses it', async () => {
    const fake = new FakeFetch([
      {
        url: search('bitnami/redis'),
        body: {
          total: 2,
          results: [
            { id: 'bitnami/redis-cluster', name: 'bitnami/redis-cluster', badge: 'none' },
            { id: 'bitnami/redis', name: 'bitnami/redis', badge: 'verified_publisher' },
          ],
        },
      },
      ...repoFacts('bitnami', 'redis', D1),
    ]);
    const s = service(fake);
    const a = await s.lookup(target({ registry: 'docker.io', repository: 'bitnami/redis', tag: '1' }));
    assert.deepEqual(a?.publisher, { namespace: 'bitnami', badge: 'verified_publisher' });
    fake.expect(...repoFacts('bitnami', 'nginx', D2));
    const b = await s.lookup(target({ registry: 'docker.io', repository: 'bitnami/nginx', tag: '1' }));
    assert.deepEqual(b?.publisher, { namespace: 'bitnami', badge: 'verified_publisher' });
    assert.equal(
      fake.count((c) => c.url.includes('/api/search/')),
      1,
    );
    fake.assertDone();
    await s.dispose();
  });

  const nullCases: Array<{ name: string; answer: Partial<Expectation>; badge: string | null }> = [
    { name: 'search fails (500) → badge null (unknown)', answer: { status: 500 }, badge: null },
    { name: 'search unreachable → badge null', answer: { networkError: 'ENOTFOUND' }, badge: null },
    { name: 'unexpected shape → badge null', answer: { body: { hits: [] } }, badge: null },
    {
      name: 'no exact match → badge null, never a guess',
      answer: { body: { results: [{ name: 'someone/app2', badge: 'official' }] } },
      badge: null,
    },
    {
      name: 'unknown badge value → badge null',
      answer: { body: { results: [{ name: 'someone/app', badge: 'gold' }] } },
      badge: null,
    },
    {
      name: 'badge null on the match → none (community publisher)',
      answer: { body: { results: [{ name: 'someone/app', badge: null }] } },
      badge: 'none',
    },
    {
      name: 'open_source',
      answer: { body: { results: [{ name: 'someone/app', badge: 'open_source' }] } },
      badge: 'open_source',
    },
  ];
  for (const c of nullCases) {
    test(c.name, async () => {
      const fake = new FakeFetch([{ url: search('someone/app'), ...c.answer }, ...repoFacts('someone', 'app', D1)]);
      const s = service(fake);
      const f = await s.lookup(target({ registry: 'docker.io', repository: 'someone/app', tag: '1' }));
      assert.equal(f?.error, null);
      assert.deepEqual(f?.publisher, { namespace: 'someone', badge: c.badge });
      fake.assertDone();
      await s.dispose();
    });
  }
});

describe('Docker Hub: not-found only when the registry agrees', () => {
  const search = `${HUB_API}/api/search/v4?query=${encodeURIComponent('acme/app')}`;
  const base: Expectation[] = [{ url: search, body: { results: [{ name: 'acme/app', badge: 'none' }] } }];
  const head = (status: number, extra: Partial<Expectation> = {}): Expectation[] => [
    { url: hubToken('acme/app'), body: { token: 'HT' } },
    { method: 'HEAD', url: `${HUB_REG}/v2/acme/app/manifests/9`, status, ...extra },
  ];
  const cases: Array<{ name: string; script: Expectation[]; kind: string | null; missing?: string }> = [
    {
      name: 'tag 404 on the Hub API and on the registry → not-found tag',
      script: [
        { url: api('acme', 'app', '/tags/9'), status: 404 },
        { url: api('acme', 'app'), body: {} },
        ...head(404),
      ],
      kind: 'not-found',
      missing: 'tag',
    },
    {
      name: 'repository 404 on the Hub API, registry 404 → not-found repository',
      script: [
        { url: api('acme', 'app', '/tags/9'), status: 404 },
        { url: api('acme', 'app'), status: 404 },
        ...head(404),
      ],
      kind: 'not-found',
      missing: 'repository',
    },
    {
      name: 'repository 404 on the Hub API, registry 401 (private, or missing on real Hub) → unauthorized, never not-found',
      script: [
        { url: api('acme', 'app', '/tags/9'), status: 404 },
        { url: api('acme', 'app'), status: 404 },
        ...head(401, {
          responseHeaders: {
            'www-authenticate': 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io"',
          },
        }),
      ],
      kind: 'unauthorized',
    },
    {
      name: 'Hub API 404 but the registry is unreachable → network, not not-found',
      script: [
        { url: api('acme', 'app', '/tags/9'), status: 404 },
        { url: api('acme', 'app'), status: 404 },
        { url: hubToken('acme/app'), networkError: 'ECONNRESET' },
      ],
      kind: 'network',
    },
    {
      name: 'Hub API 503, registry 503 → network',
      script: [
        { url: api('acme', 'app', '/tags/9'), status: 503 },
        { url: api('acme', 'app'), status: 503 },
        ...head(503),
      ],
      kind: 'network',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const fake = new FakeFetch([...base, ...c.script]);
      const s = service(fake);
      const f = await s.lookup(target({ registry: 'docker.io', repository: 'acme/app', tag: '9' }));
      assert.equal(f?.error?.kind ?? null, c.kind);
      assert.equal(f?.error?.missing, c.missing);
      fake.assertDone();
      await s.dispose();
    });
  }

  test('Hub API down, registry answers → facts from the registry HEAD', async () => {
    const fake = new FakeFetch([
      ...base,
      { url: api('acme', 'app', '/tags/9'), status: 502 },
      { url: api('acme', 'app'), status: 502 },
      ...head(200, {
        responseHeaders: { 'docker-content-digest': D1, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      }),
      { method: 'HEAD', url: `${HUB_REG}/v2/acme/app/manifests/${D1.replace(':', '-')}.sig`, status: 404 },
      { url: `${HUB_REG}/v2/acme/app/referrers/${D1}`, body: { manifests: [] } },
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'acme/app', tag: '9' }));
    assert.equal(f?.error, null);
    assert.equal(f?.digest, D1);
    assert.equal(f?.lastPushed, null);
    assert.equal(fake.count(isManifestGet), 0);
    fake.assertDone();
    await s.dispose();
  });
});

describe('Docker Hub without descriptions (the CLI): the repository endpoint only when something is missing', () => {
  const search = `${HUB_API}/api/search/v4?query=${encodeURIComponent('acme/app')}`;
  const base: Expectation[] = [
    { url: search, body: { results: [{ name: 'acme/app', badge: 'none', archived: false }] } },
  ];
  test('found: tag endpoint, token, .sig HEAD, referrers — 4 requests, no repository call (the search said archived: false)', async () => {
    const fake = new FakeFetch([
      ...base,
      { url: api('acme', 'app', '/tags/9'), body: hubTagBody(D1) },
      ...hubSignatures('acme/app', D1),
    ]);
    const s = service(fake, { describe: false });
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'acme/app', tag: '9' }));
    assert.equal(f?.error, null);
    assert.equal(f?.description, null);
    assert.equal(f?.archived, false);
    fake.assertDone();
    await s.dispose();
  });
  // archived: Docker Hub's repository `status` 6, or search v4's `archived` for the repository
  const archivedCases: Array<{ name: string; search: object; repository?: object; archived: boolean | null }> = [
    {
      name: 'search v4 says archived: true → archived, no repository call',
      search: { name: 'acme/app', badge: 'none', archived: true },
      archived: true,
    },
    {
      name: 'search v4 says nothing → the repository endpoint: status 6 → archived',
      search: { name: 'acme/app', badge: 'none' },
      repository: { status: 6 },
      archived: true,
    },
    {
      name: 'search v4 says nothing → the repository endpoint: status 1 → not archived',
      search: { name: 'acme/app', badge: 'none' },
      repository: { status: 1 },
      archived: false,
    },
    {
      name: 'the repository endpoint has no status → unknown',
      search: { name: 'acme/app', badge: 'none' },
      repository: { name: 'app' },
      archived: null,
    },
    {
      name: 'archived: "yes" in search is not a boolean → the repository endpoint decides',
      search: { name: 'acme/app', badge: 'none', archived: 'yes' },
      repository: { status: 1 },
      archived: false,
    },
  ];
  for (const c of archivedCases) {
    test(c.name, async () => {
      const fake = new FakeFetch([
        { url: search, body: { results: [c.search] } },
        { url: api('acme', 'app', '/tags/9'), body: hubTagBody(D1) },
        ...(c.repository ? [{ url: api('acme', 'app'), body: c.repository }] : []),
        ...hubSignatures('acme/app', D1),
      ]);
      const s = service(fake, { describe: false });
      const f = await s.lookup(target({ registry: 'docker.io', repository: 'acme/app', tag: '9' }));
      assert.equal(f?.error, null);
      assert.equal(f?.archived, c.archived);
      fake.assertDone();
      await s.dispose();
    });
  }
  test('tag missing: the repository endpoint tells a missing tag from a missing repository', async () => {
    const fake = new FakeFetch([
      ...base,
      { url: api('acme', 'app', '/tags/9'), status: 404 },
      { url: hubToken('acme/app'), body: { token: 'HT' } },
      { method: 'HEAD', url: `${HUB_REG}/v2/acme/app/manifests/9`, status: 404 },
      { url: api('acme', 'app'), status: 404 },
    ]);
    const s = service(fake, { describe: false });
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'acme/app', tag: '9' }));
    assert.equal(f?.error?.kind, 'not-found');
    assert.equal(f?.error?.missing, 'repository');
    fake.assertDone();
    await s.dispose();
  });
});

describe('tagsForDigest ordering', () => {
  test('most dots/segments first, latest and helper tags excluded', () => {
    assert.deepEqual(
      tagsForDigest(
        [
          { name: '1', digest: D1 },
          { name: '1.2.3-alpine', digest: D1 },
          { name: '1.2', digest: D1 },
          { name: 'latest', digest: D1 },
          { name: `${D1.replace(':', '-')}`, digest: D1 },
        ],
        D1,
        'latest',
      ),
      ['1.2.3-alpine', '1.2', '1'],
    );
  });
});
