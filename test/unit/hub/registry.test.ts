import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_ACCEPT } from '../../../server/src/hub/registryClient.js';
import { OCI_INDEX_MEDIA_TYPE as OCI_INDEX } from '../../../server/src/model/facts.js';
import { FakeFetch, fixtureText, sha256, type Expectation } from './fakeFetch.js';
import { Clock, D1, service, settings, target, tokenUrl } from './support.js';

const R = 'https://registry.example.com';
const REPO = 'team/app';
const REALM = `${R}/token`;
const CHALLENGE = { 'www-authenticate': `Bearer realm="${REALM}",service="registry.example.com"` };
const TOKEN = tokenUrl(REALM, 'registry.example.com', REPO);

// The BuildKit fixtures, with the attestation entry's digest made real so the GET verifies
const attManifest = fixtureText('buildkit-attestation-manifest.json');
const indexBody = fixtureText('buildkit-attestation-image-index.json').replace(
  'sha256:02cb9aa7600e73fcf41ee9f0f19cc03122b2d8be43d41ce4b21335118f5dd943',
  sha256(attManifest),
);
const INDEX_DIGEST = sha256(indexBody);

/** Unsigned: no cosign tag, an empty referrers index. */
function noSignatures(digest: string, auth?: string): Expectation[] {
  const headers = auth ? { authorization: auth } : undefined;
  return [
    { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${digest.replace(':', '-')}.sig`, headers, status: 404 },
    {
      url: `${R}/v2/${REPO}/referrers/${digest}`,
      headers,
      body: { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] },
      responseHeaders: { 'content-type': OCI_INDEX },
    },
  ];
}

describe('registry (non-Hub): token flow, HEAD, index', () => {
  test('anonymous HEAD → 401 challenge → token → HEAD with Bearer; index GET by digest gives platforms and attestations', async () => {
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1.0`,
        headers: { accept: MANIFEST_ACCEPT, authorization: undefined },
        status: 401,
        responseHeaders: CHALLENGE,
      },
      { url: TOKEN, headers: { authorization: undefined }, body: { token: 'T1', expires_in: 300 } },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1.0`,
        headers: { accept: MANIFEST_ACCEPT, authorization: 'Bearer T1' },
        responseHeaders: { 'docker-content-digest': INDEX_DIGEST, 'content-type': OCI_INDEX },
      },
      {
        url: `${R}/v2/${REPO}/manifests/${INDEX_DIGEST}`,
        headers: { authorization: 'Bearer T1' },
        body: indexBody,
        responseHeaders: { 'content-type': OCI_INDEX },
      },
      {
        url: `${R}/v2/${REPO}/manifests/${sha256(attManifest)}`,
        body: attManifest,
        responseHeaders: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      },
      ...noSignatures(INDEX_DIGEST, 'Bearer T1'),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1.0' }));
    assert.ok(f);
    assert.equal(f.error, null);
    assert.equal(f.digest, INDEX_DIGEST);
    assert.equal(f.mediaType, OCI_INDEX);
    assert.deepEqual(f.platforms, [
      {
        os: 'linux',
        architecture: 'amd64',
        digest: 'sha256:23678f31b3b3586c4fb318aecfe64a96a1f0916ba8faf9b2be2abee63fa9e827',
      },
    ]);
    assert.deepEqual(f.attestations, [{ kind: 'sbom' }]);
    assert.deepEqual(f.signatures, []);
    assert.equal(f.signedDigest, INDEX_DIGEST);
    assert.equal(f.publisher, null);
    assert.equal(f.lastPushed, null);
    fake.assertDone();
    await s.dispose();
  });

  test('token cached per realm+service+scope until expires_in; a new one after expiry', async () => {
    const clock = new Clock();
    const head = (tag: string, auth: string): Expectation => ({
      method: 'HEAD',
      url: `${R}/v2/${REPO}/manifests/${tag}`,
      headers: { authorization: auth },
      responseHeaders: { 'docker-content-digest': D1, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    });
    const fake = new FakeFetch([
      { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/a`, status: 401, responseHeaders: CHALLENGE },
      { url: TOKEN, body: { token: 'T1', expires_in: 300 } },
      head('a', 'Bearer T1'),
      ...noSignatures(D1, 'Bearer T1'),
    ]);
    const s = service(fake, { now: clock.now });
    assert.equal(
      (await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: 'a' })))?.digest,
      D1,
    );
    fake.assertDone();
    // within expires_in: no token request, no anonymous probe (the challenge is remembered)
    clock.advance(200_000);
    fake.expect(head('b', 'Bearer T1'), ...noSignatures(D1, 'Bearer T1'));
    assert.equal(
      (await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: 'b' })))?.digest,
      D1,
    );
    fake.assertDone();
    // past expires_in: a fresh token
    clock.advance(200_000);
    fake.expect({ url: TOKEN, body: { access_token: 'T2' } }, head('c', 'Bearer T2'), ...noSignatures(D1, 'Bearer T2'));
    assert.equal(
      (await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: 'c' })))?.digest,
      D1,
    );
    fake.assertDone();
    await s.dispose();
  });

  test('Docker manifest list (fixture): platforms with variants, no attestations', async () => {
    const list = fixtureText('dependabot-registry-manifest-list-ubuntu_17.10.json');
    const digest = sha256(list);
    const type = 'application/vnd.docker.distribution.manifest.list.v2+json';
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/17.10`,
        responseHeaders: { 'docker-content-digest': digest, 'content-type': type },
      },
      { url: `${R}/v2/${REPO}/manifests/${digest}`, body: list, responseHeaders: { 'content-type': type } },
      ...noSignatures(digest),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '17.10' }));
    assert.equal(f?.platforms?.length, 6);
    assert.deepEqual(f?.platforms?.[1], {
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
      digest: 'sha256:85ed41b4795e1f189e97687bec8f93ac2a62f895c52da4d32711e166536f5f9b',
    });
    assert.deepEqual(f?.attestations, []);
    fake.assertDone();
    await s.dispose();
  });

  test('an index whose body does not hash to its digest is not trusted (platforms unknown)', async () => {
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        responseHeaders: { 'docker-content-digest': D1, 'content-type': OCI_INDEX },
      },
      { url: `${R}/v2/${REPO}/manifests/${D1}`, body: indexBody },
      ...noSignatures(D1),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
    assert.equal(f?.digest, D1);
    assert.equal(f?.platforms, null);
    assert.match(f?.indexUnread?.error ?? '', /does not match its digest/);
    fake.assertDone();
    await s.dispose();
  });

  const errorCases: Array<{ name: string; script: Expectation[]; kind: string; missing?: string }> = [
    {
      name: 'tag 404, tag list 404 → not-found repository',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 404 },
        { url: `${R}/v2/${REPO}/tags/list?n=1`, status: 404 },
      ],
      kind: 'not-found',
      missing: 'repository',
    },
    {
      name: 'tag 404, tag list 200 → not-found tag',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 404 },
        { url: `${R}/v2/${REPO}/tags/list?n=1`, body: { name: REPO, tags: ['2'] } },
      ],
      kind: 'not-found',
      missing: 'tag',
    },
    {
      name: '401 after a token → unauthorized',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 401, responseHeaders: CHALLENGE },
        { url: TOKEN, body: { token: 'T' } },
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/1`,
          headers: { authorization: 'Bearer T' },
          status: 401,
          responseHeaders: CHALLENGE,
        },
      ],
      kind: 'unauthorized',
    },
    {
      name: '503 → network, never not-found',
      script: [{ method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 503 }],
      kind: 'network',
    },
    {
      name: 'token endpoint sends invalid JSON → bad-response',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 401, responseHeaders: CHALLENGE },
        { url: TOKEN, body: '{not json' },
      ],
      kind: 'bad-response',
    },
  ];
  for (const c of errorCases) {
    test(c.name, async () => {
      const fake = new FakeFetch(c.script);
      const s = service(fake);
      const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
      assert.equal(f?.error?.kind, c.kind);
      assert.equal(f?.error?.missing, c.missing);
      assert.equal(f?.digest, null);
      fake.assertDone();
      await s.dispose();
    });
  }

  // a missing digest in an existing repository is a fact about the digest (digest-not-found), not a
  // failed lookup; only a missing repository is not-found
  const missingDigest: Array<{ name: string; tagList: number; error: string | null; exists: boolean | null }> = [
    {
      name: 'the repository exists → facts: pinnedDigestExists false, no error',
      tagList: 200,
      error: null,
      exists: false,
    },
    { name: 'the repository does not exist → not-found repository', tagList: 404, error: 'not-found', exists: null },
  ];
  for (const c of missingDigest) {
    test(`digest-only reference whose digest is missing: ${c.name}`, async () => {
      const fake = new FakeFetch([
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${D1}`, status: 404 },
        {
          url: `${R}/v2/${REPO}/tags/list?n=1`,
          status: c.tagList,
          body: c.tagList === 200 ? { name: REPO, tags: ['1.0'] } : { errors: [] },
        },
      ]);
      const s = service(fake);
      const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, digest: D1 }));
      assert.equal(f?.error?.kind ?? null, c.error);
      if (c.error) assert.equal(f?.error?.missing, 'repository');
      assert.equal(f?.pinnedDigestExists, c.exists);
      assert.equal(f?.digest, null);
      fake.assertDone();
      await s.dispose();
    });
  }
});

describe('registry: credentials go only where they belong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-creds-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      auths: {
        'registry.example.com': { auth: Buffer.from('alice:s3cret').toString('base64') },
        'https://index.docker.io/v1/': { username: 'hubuser', password: 'hubpass' },
      },
    }),
  );
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  // A Bearer realm gets the registry's credentials only on the registry's own host name.
  const registryRealms: Array<{
    name: string;
    challenge: string;
    tokenUrl: string;
    authorization: string | undefined;
  }> = [
    {
      name: 'token realm on the registry host gets Basic credentials from config.json',
      challenge: CHALLENGE['www-authenticate'],
      tokenUrl: TOKEN,
      authorization: basic('alice', 's3cret'),
    },
    {
      name: 'token realm on another host gets no credentials',
      challenge: 'Bearer realm="https://auth.other.example/token",service="x"',
      tokenUrl: tokenUrl('https://auth.other.example/token', 'x', REPO),
      authorization: undefined,
    },
  ];
  for (const c of registryRealms) {
    test(c.name, async () => {
      const fake = new FakeFetch([
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/1`,
          status: 401,
          responseHeaders: { 'www-authenticate': c.challenge },
        },
        { url: c.tokenUrl, headers: { authorization: c.authorization }, body: { token: 'T' } },
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/1`,
          headers: { authorization: 'Bearer T' },
          responseHeaders: { 'docker-content-digest': D1 },
        },
        ...noSignatures(D1, 'Bearer T'),
      ]);
      const s = service(fake, { dockerConfigPath: config });
      assert.equal(
        (await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' })))?.error,
        null,
      );
      fake.assertDone();
      await s.dispose();
    });
  }

  test('Basic challenge: credentials sent to the registry host itself', async () => {
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        status: 401,
        responseHeaders: { 'www-authenticate': 'Basic realm="reg"' },
      },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        headers: { authorization: basic('alice', 's3cret') },
        responseHeaders: { 'docker-content-digest': D1 },
      },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/${D1.replace(':', '-')}.sig`,
        status: 401,
        responseHeaders: { 'www-authenticate': 'Basic realm="reg"' },
      },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/${D1.replace(':', '-')}.sig`,
        headers: { authorization: basic('alice', 's3cret') },
        status: 404,
      },
      {
        url: `${R}/v2/${REPO}/referrers/${D1}`,
        status: 401,
        responseHeaders: { 'www-authenticate': 'Basic realm="reg"' },
      },
      {
        url: `${R}/v2/${REPO}/referrers/${D1}`,
        headers: { authorization: basic('alice', 's3cret') },
        body: { manifests: [] },
      },
    ]);
    const s = service(fake, { dockerConfigPath: config });
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
    assert.equal(f?.error, null);
    assert.equal(f?.signedDigest, D1);
    fake.assertDone();
    await s.dispose();
  });

  test('untrusted workspace: allowed registry contacted without credentials', async () => {
    const fake = new FakeFetch([
      { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/1`, status: 401, responseHeaders: CHALLENGE },
      { url: TOKEN, headers: { authorization: undefined }, body: { token: 'T' } },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        headers: { authorization: 'Bearer T' },
        responseHeaders: { 'docker-content-digest': D1 },
      },
      ...noSignatures(D1, 'Bearer T'),
    ]);
    const s = service(fake, {
      dockerConfigPath: config,
      trusted: false,
      settings: settings({ allowed: ['docker.io', 'registry.example.com'] }),
    });
    assert.equal(
      (await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' })))?.error,
      null,
    );
    fake.assertDone();
    await s.dispose();
  });

  // As Docker does with registry mirrors: the docker.io mirror (a machine-scoped setting, so a
  // workspace cannot point it elsewhere) and a token realm on the mirror's own host name get
  // docker.io's credentials when the mirror has none of its own; a realm elsewhere gets nothing.
  const M = 'https://mirror.example';
  const mirrorRealms: Array<{ name: string; realm: string; authorization: string | undefined }> = [
    {
      name: 'Docker Hub mirror: docker.io credentials go to the configured mirror and its own realm only',
      realm: `${M}:8443/token`,
      authorization: basic('hubuser', 'hubpass'),
    },
    {
      name: 'Docker Hub mirror: a realm on another host gets no credentials',
      realm: 'https://auth.elsewhere.example/token',
      authorization: undefined,
    },
  ];
  for (const c of mirrorRealms) {
    test(c.name, async () => {
      const fake = new FakeFetch([
        {
          method: 'HEAD',
          url: `${M}/v2/library/nginx/manifests/1`,
          status: 401,
          responseHeaders: { 'www-authenticate': `Bearer realm="${c.realm}",service="mirror"` },
        },
        {
          url: tokenUrl(c.realm, 'mirror', 'library/nginx'),
          headers: { authorization: c.authorization },
          body: { token: 'T' },
        },
        {
          method: 'HEAD',
          url: `${M}/v2/library/nginx/manifests/1`,
          headers: { authorization: 'Bearer T' },
          responseHeaders: { 'docker-content-digest': D1 },
        },
        { method: 'HEAD', url: `${M}/v2/library/nginx/manifests/${D1.replace(':', '-')}.sig`, status: 404 },
        { url: `${M}/v2/library/nginx/referrers/${D1}`, body: { manifests: [] } },
        // the Hub API knows nothing here (tag 404), so the registry (mirror) answers
        { url: 'https://hub.docker.com/v2/namespaces/library/repositories/nginx/tags/1', status: 404 },
        { url: 'https://hub.docker.com/v2/namespaces/library/repositories/nginx', body: { description: 'x' } },
      ]);
      const s = service(fake, { dockerConfigPath: config, settings: settings({ mirrors: { 'docker.io': M } }) });
      const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/nginx', tag: '1' }));
      assert.equal(f?.error, null);
      assert.equal(f?.digest, D1);
      fake.assertDone();
      await s.dispose();
    });
  }

  test('an http mirror for a public host is refused with a clear error', async () => {
    const fake = new FakeFetch([]);
    const s = service(fake, { settings: settings({ mirrors: { 'registry.example.com': 'http://mirror.example' } }) });
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
    assert.equal(f?.error?.kind, 'offline');
    assert.match(f?.error?.message ?? '', /plain http/);
    fake.assertDone();
    await s.dispose();
  });

  test('a loopback registry is reached over http', async () => {
    const L = 'http://127.0.0.1:5000';
    const fake = new FakeFetch([
      { method: 'HEAD', url: `${L}/v2/${REPO}/manifests/1`, responseHeaders: { 'docker-content-digest': D1 } },
      { method: 'HEAD', url: `${L}/v2/${REPO}/manifests/${D1.replace(':', '-')}.sig`, status: 404 },
      { url: `${L}/v2/${REPO}/referrers/${D1}`, body: { manifests: [] } },
    ]);
    const s = service(fake);
    assert.equal((await s.lookup(target({ registry: '127.0.0.1:5000', repository: REPO, tag: '1' })))?.digest, D1);
    fake.assertDone();
    await s.dispose();
  });
});
