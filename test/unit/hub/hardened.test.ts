// Docker Hardened Images (issue 10): `dhi.io` needs a Docker login, said plainly when it refuses;
// their signatures and attestations are looked up where Docker keeps them,
// registry.scout.docker.com/dhi/<name>, with that registry's own credentials; the publisher line
// names them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCI_INDEX_MEDIA_TYPE as OCI_INDEX } from '../../../server/src/model/facts.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { hoverMarkdown } from '../../../server/src/policy/index.js';
import { NOW, facts, ref } from '../../helpers/facts.js';
import { FakeFetch, type Expectation } from './fakeFetch.js';
import { D1, SIG, service, target, tokenUrl } from './support.js';

const DHI = 'https://dhi.io';
const SCOUT = 'https://registry.scout.docker.com';
const challenge = (realm: string, svc: string) => ({ 'www-authenticate': `Bearer realm="${realm}",service="${svc}"` });
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const python = target({ registry: 'dhi.io', repository: 'python', tag: '3.13' });
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

describe('Docker Hardened Images', () => {
  test('anonymous: dhi.io refuses, and the error says a Docker login is needed and how', async () => {
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${DHI}/v2/python/manifests/3.13`,
        status: 401,
        responseHeaders: challenge(`${DHI}/token`, 'dhi.io'),
      },
      {
        url: tokenUrl(`${DHI}/token`, 'dhi.io', 'python'),
        status: 401,
        body: { details: 'incorrect username or password' },
      },
    ]);
    const s = service(fake);
    const f = await s.lookup(python);
    assert.equal(f?.error?.kind, 'unauthorized');
    assert.match(
      f?.error?.message ?? '',
      /dhi\.io\/python is a Docker Hardened Image, and dhi\.io needs a Docker login: docker login dhi\.io \(and docker login registry\.scout\.docker\.com for its attestations\)/,
    );
    fake.assertDone();
    await s.dispose();
  });

  test('signed in: the image from dhi.io; its signatures and attestations from registry.scout.docker.com/dhi/python, each host with its own credentials', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-trust-dhi-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        auths: {
          'dhi.io': { username: 'alice', password: 'dhi-secret' },
          'registry.scout.docker.com': { username: 'alice', password: 'scout-secret' },
        },
      }),
    );
    const sig = `${D1.replace(':', '-')}.sig`;
    const referrers = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: MANIFEST,
          digest: SIG,
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          annotations: { 'dev.sigstore.bundle.predicateType': 'https://cyclonedx.org/bom/v1.6' },
        },
        {
          mediaType: MANIFEST,
          digest: `sha256:${'7'.repeat(64)}`,
          artifactType: 'application/vnd.in-toto+json',
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
      ],
    };
    const script: Expectation[] = [
      {
        method: 'HEAD',
        url: `${DHI}/v2/python/manifests/3.13`,
        headers: { authorization: undefined },
        status: 401,
        responseHeaders: challenge(`${DHI}/token`, 'dhi.io'),
      },
      {
        url: tokenUrl(`${DHI}/token`, 'dhi.io', 'python'),
        headers: { authorization: basic('alice', 'dhi-secret') },
        body: { token: 'DT' },
      },
      {
        method: 'HEAD',
        url: `${DHI}/v2/python/manifests/3.13`,
        headers: { authorization: 'Bearer DT' },
        responseHeaders: { 'docker-content-digest': D1, 'content-type': MANIFEST },
      },
      {
        method: 'HEAD',
        url: `${SCOUT}/v2/dhi/python/manifests/${sig}`,
        status: 401,
        responseHeaders: challenge(`${SCOUT}/token`, 'registry.scout.docker.com'),
      },
      {
        url: tokenUrl(`${SCOUT}/token`, 'registry.scout.docker.com', 'dhi/python'),
        headers: { authorization: basic('alice', 'scout-secret') },
        body: { token: 'ST' },
      },
      {
        method: 'HEAD',
        url: `${SCOUT}/v2/dhi/python/manifests/${sig}`,
        headers: { authorization: 'Bearer ST' },
        status: 404,
      },
      {
        url: `${SCOUT}/v2/dhi/python/referrers/${D1}`,
        headers: { authorization: 'Bearer ST' },
        body: referrers,
        responseHeaders: { 'content-type': OCI_INDEX },
      },
    ];
    const fake = new FakeFetch(script);
    const s = service(fake, { dockerConfigPath: config });
    const f = await s.lookup(python);
    assert.equal(f?.error, null, JSON.stringify(f?.error));
    assert.equal(f?.digest, D1);
    assert.equal(f?.signedDigest, D1);
    assert.deepEqual(
      f?.signatures.map((x) => [x.kind, x.digest]),
      [['sigstore-bundle', SIG]],
    );
    assert.deepEqual(f?.attestations, [{ kind: 'provenance' }, { kind: 'sbom' }]);
    fake.assertDone();
    await s.dispose();
  });

  test('the publisher line names a Docker Hardened Image and the logins it needs', () => {
    const md = hoverMarkdown(ref('dhi.io/python:3.13'), facts({ publisher: null }), normalizeSettings({}), NOW);
    assert.match(md, /Publisher: \*\*Docker Hardened Image\*\*: built, signed and maintained by Docker\./);
    assert.match(md, /kept in `registry\.scout\.docker\.com`, not the image index/);
    assert.match(md, /`docker login dhi\.io`, and `docker login registry\.scout\.docker\.com` for the attestations/);
    assert.doesNotMatch(md, /no publisher badges outside Docker Hub/);
  });
});
