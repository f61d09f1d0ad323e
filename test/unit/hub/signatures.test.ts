import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { classifyReferrers } from '../../../server/src/hub/signatures.js';
import { DCT_NOTE } from '../../../server/src/policy/hover.js';
import { OCI_INDEX_MEDIA_TYPE as OCI_INDEX } from '../../../server/src/model/facts.js';
import { FakeFetch, fixtureJson, sha256, type Expectation } from './fakeFetch.js';
import { D1, HUB_API, HUB_REG, SIG, hubTagBody, hubToken, service, target } from './support.js';
import { foundSignature } from '../../../server/src/model/facts.js';

const R = 'https://registry.example.com';
const REPO = 'team/app';
const sigTag = (d: string) => `${d.replace(':', '-')}.sig`;
const notation = fixtureJson('notation-signature-manifest.jsonc') as {
  artifactType: string;
  annotations: Record<string, string>;
};
const fallbackTag = (d: string) => d.replace(':', '-');

/** The spec examples' placeholder digests (`sha256:facefeed`, `sha256:a1a1a1...`) made real, as a
 * registry would send them; the placeholders themselves are not digests and are dropped. */
function realDigests(json: unknown): { json: unknown; real: (placeholder: string) => string } {
  const real = (placeholder: string) => sha256(placeholder);
  const text = JSON.stringify(json).replace(/"(sha256:[^"]+)"/g, (m, d: string) =>
    /^sha256:[a-f0-9]{64}$/.test(d) ? m : `"${real(d)}"`,
  );
  return { json: JSON.parse(text), real };
}
const bundleSpec = realDigests(fixtureJson('cosign-bundle-spec-referrers-index.json'));

function registryFacts(extra: Expectation[]): Expectation[] {
  return [
    {
      method: 'HEAD',
      url: `${R}/v2/${REPO}/manifests/1`,
      responseHeaders: { 'docker-content-digest': D1, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    },
    ...extra,
  ];
}

async function lookup(script: Expectation[]) {
  const fake = new FakeFetch(script);
  const s = service(fake);
  const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
  fake.assertDone();
  await s.dispose();
  return { f: f!, fake };
}

describe('signatures on an OCI registry', () => {
  test('cosign .sig tag found → cosign signature with the digest from Docker-Content-Digest', async () => {
    const { f } = await lookup(
      registryFacts([
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`,
          responseHeaders: { 'docker-content-digest': SIG },
        },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, body: { manifests: [] } },
      ]),
    );
    assert.deepEqual(f.signatures, [foundSignature('cosign', SIG)]);
    assert.equal(f.signedDigest, D1);
  });

  test('cosign .sig not found and no referrers → no signatures, but checked', async () => {
    const { f } = await lookup(
      registryFacts([
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, body: { manifests: [] } },
      ]),
    );
    assert.deepEqual(f.signatures, []);
    assert.equal(f.signedDigest, D1);
  });

  test('referrers API 200 with Sigstore bundles (cosign BUNDLE_SPEC fixture) → sigstore-bundle ×2 + provenance attestation', async () => {
    const { f } = await lookup(
      registryFacts([
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        {
          url: `${R}/v2/${REPO}/referrers/${D1}`,
          body: bundleSpec.json as object,
          responseHeaders: { 'content-type': OCI_INDEX },
        },
      ]),
    );
    assert.deepEqual(f.signatures, [
      foundSignature('sigstore-bundle', bundleSpec.real('sha256:facefeed')),
      foundSignature('sigstore-bundle', bundleSpec.real('sha256:d0d0caca')),
    ]);
    assert.deepEqual(f.attestations, [{ kind: 'provenance' }]);
  });

  test('referrers 404 → HEAD of the fallback tag sha256-<hex>, then its GET → notation signature', async () => {
    const { f } = await lookup(
      registryFacts([
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 404 },
        ...fallbackIndex(R, REPO, D1),
      ]),
    );
    assert.deepEqual(f.signatures, [foundSignature('notation', SIG)]);
  });

  test('referrers 404 and no fallback tag (HEAD 404) → no signatures, checked, no manifest GET', async () => {
    const { f, fake } = await lookup(
      registryFacts([
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 404 },
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${fallbackTag(D1)}`, status: 404 },
      ]),
    );
    assert.deepEqual(f.signatures, []);
    assert.equal(f.signedDigest, D1);
    assert.equal(
      fake.count((c) => c.method === 'GET' && c.url.includes('/manifests/')),
      0,
    );
  });

  test('fallback tag that resolves to the subject itself (its HEAD says so) is not a referrers index, and is not fetched', async () => {
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ digest: SIG, artifactType: notation.artifactType }],
    });
    const fake = new FakeFetch([
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/1`,
        responseHeaders: {
          'docker-content-digest': sha256(body),
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
        },
      },
      { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(sha256(body))}`, status: 404 },
      { url: `${R}/v2/${REPO}/referrers/${sha256(body)}`, status: 404 },
      {
        method: 'HEAD',
        url: `${R}/v2/${REPO}/manifests/${fallbackTag(sha256(body))}`,
        responseHeaders: { 'docker-content-digest': sha256(body), 'content-type': OCI_INDEX },
      },
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'registry.example.com', repository: REPO, tag: '1' }));
    assert.deepEqual(f?.signatures, []);
    fake.assertDone();
    await s.dispose();
  });

  // A method that could not be tried is never "no signature": any one failing → not checked.
  const failing: Array<{ name: string; script: Expectation[] }> = [
    {
      name: 'cosign tag HEAD 503',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 503 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, body: { manifests: [] } },
      ],
    },
    {
      name: 'referrers API 500',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 500 },
      ],
    },
    {
      name: 'referrers API 401',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 401 },
      ],
    },
    {
      name: 'fallback tag HEAD 502',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 404 },
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${fallbackTag(D1)}`, status: 502 },
      ],
    },
    {
      name: 'fallback tag GET fails after its HEAD said it exists',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 404 },
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/${fallbackTag(D1)}`,
          responseHeaders: { 'content-type': OCI_INDEX },
        },
        { url: `${R}/v2/${REPO}/manifests/${fallbackTag(D1)}`, status: 503 },
      ],
    },
    {
      name: 'referrers API sends invalid JSON',
      script: [
        { method: 'HEAD', url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`, status: 404 },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, body: '{"manifests": [' },
      ],
    },
  ];
  for (const c of failing) {
    test(`${c.name} → signatures not checked (signedDigest null, no "unsigned"), facts still served, partial`, async () => {
      const { f } = await lookup(registryFacts(c.script));
      assert.equal(f.error, null);
      assert.equal(f.digest, D1);
      assert.equal(f.signedDigest, null);
      assert.deepEqual(f.signatures, []);
      // a check that could not be made is never clean: lookup-failed names it, and `check` exits 3
      assert.match(f.partial?.message ?? '', /^signatures not checked: /);
    });
  }

  test('the cosign tag found while the referrers API fails → the cosign signature kept, partly checked', async () => {
    const { f } = await lookup(
      registryFacts([
        {
          method: 'HEAD',
          url: `${R}/v2/${REPO}/manifests/${sigTag(D1)}`,
          responseHeaders: { 'docker-content-digest': SIG },
        },
        { url: `${R}/v2/${REPO}/referrers/${D1}`, status: 500 },
      ]),
    );
    assert.deepEqual(f.signatures, [foundSignature('cosign', SIG)]);
    assert.equal(f.signedDigest, D1);
    assert.deepEqual(f.partial, {
      kind: 'network',
      message: 'signatures partly checked: referrers API answered HTTP 500',
    });
  });
});

/** HEAD of the referrers fallback tag (an index that exists) and its GET: one notation signature. */
function fallbackIndex(base: string, repo: string, subject: string): Expectation[] {
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: SIG,
        size: 1,
        artifactType: notation.artifactType,
        annotations: notation.annotations,
      },
    ],
  });
  const headers = { 'docker-content-digest': sha256(body), 'content-type': OCI_INDEX };
  return [
    { method: 'HEAD', url: `${base}/v2/${repo}/manifests/${fallbackTag(subject)}`, responseHeaders: headers },
    { url: `${base}/v2/${repo}/manifests/${fallbackTag(subject)}`, body, responseHeaders: headers },
  ];
}

describe('signatures on Docker Hub and its mirrors without the referrers API: the fallback tag HEAD is free, GET only when it exists', () => {
  const hubFacts = (): Expectation[] => [
    { url: `${HUB_API}/v2/namespaces/library/repositories/nginx/tags/1`, body: hubTagBody(D1) },
    { url: `${HUB_API}/v2/namespaces/library/repositories/nginx`, body: {} },
    { url: hubToken('library/nginx'), body: { token: 'HT' } },
  ];
  const manifestGets = (fake: FakeFetch) => fake.count((c) => c.method === 'GET' && c.url.includes('/manifests/'));

  test('referrers 404, no fallback tag → cosign via free HEADs; zero manifest GETs', async () => {
    const fake = new FakeFetch([
      ...hubFacts(),
      {
        method: 'HEAD',
        url: `${HUB_REG}/v2/library/nginx/manifests/${sigTag(D1)}`,
        responseHeaders: { 'docker-content-digest': SIG },
      },
      { url: `${HUB_REG}/v2/library/nginx/referrers/${D1}`, status: 404 },
      { method: 'HEAD', url: `${HUB_REG}/v2/library/nginx/manifests/${fallbackTag(D1)}`, status: 404 },
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/nginx', tag: '1' }));
    assert.deepEqual(f?.signatures, [foundSignature('cosign', SIG)]);
    assert.equal(manifestGets(fake), 0);
    fake.assertDone();
    await s.dispose();
  });

  test('referrers 404, the fallback tag exists → one GET (the counted exception) → notation signature', async () => {
    const fake = new FakeFetch([
      ...hubFacts(),
      { method: 'HEAD', url: `${HUB_REG}/v2/library/nginx/manifests/${sigTag(D1)}`, status: 404 },
      { url: `${HUB_REG}/v2/library/nginx/referrers/${D1}`, status: 404 },
      ...fallbackIndex(HUB_REG, 'library/nginx', D1),
    ]);
    const s = service(fake);
    const f = await s.lookup(target({ registry: 'docker.io', repository: 'library/nginx', tag: '1' }));
    assert.deepEqual(f?.signatures, [foundSignature('notation', SIG)]);
    assert.equal(f?.signedDigest, D1);
    assert.equal(manifestGets(fake), 1);
    fake.assertDone();
    await s.dispose();
  });
});

describe('referrer classification by artifactType', () => {
  const cases: Array<{
    artifactType?: string;
    config?: string;
    annotations?: Record<string, string>;
    sig?: string;
    att?: string;
  }> = [
    { artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json', sig: 'sigstore-bundle' },
    { artifactType: 'application/vnd.dev.sigstore.bundle+json;version=0.2', sig: 'sigstore-bundle' },
    {
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' },
      sig: 'sigstore-bundle',
    },
    {
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: { 'dev.sigstore.bundle.predicateType': 'https://spdx.dev/Document' },
      sig: 'sigstore-bundle',
      att: 'sbom',
    },
    { artifactType: 'application/vnd.cncf.notary.signature', sig: 'notation' },
    { config: 'application/vnd.cncf.notary.signature', sig: 'notation' },
    { artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json', sig: 'cosign' },
    { artifactType: 'application/vnd.in-toto+json', att: 'other' },
    {
      artifactType: 'application/vnd.in-toto+json',
      annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' },
      att: 'provenance',
    },
    { artifactType: 'application/spdx+json', att: 'sbom' },
    { artifactType: 'application/vnd.cyclonedx+json', att: 'sbom' },
    { artifactType: 'application/vnd.example.signature.v1' },
  ];
  for (const c of cases) {
    test(`${c.artifactType ?? `config ${c.config}`}${c.annotations ? ' + annotation' : ''} → ${c.sig ?? '-'} / ${c.att ?? '-'}`, () => {
      const d: Record<string, unknown> = { digest: SIG, mediaType: 'application/vnd.oci.image.manifest.v1+json' };
      if (c.artifactType) d.artifactType = c.artifactType;
      if (c.config) d.config = { mediaType: c.config };
      if (c.annotations) d.annotations = c.annotations;
      const r = classifyReferrers({ manifests: [d] });
      assert.deepEqual(
        r.signatures.map((s) => ({ kind: s.kind, digest: s.digest })),
        c.sig ? [{ kind: c.sig, digest: SIG }] : [],
      );
      assert.deepEqual(r.attestationKinds, c.att ? [c.att] : []);
    });
  }
  test('OCI spec example response (fixture, digests made real): the example SBOM is an sbom, the example signature type is unknown', () => {
    assert.deepEqual(
      classifyReferrers(realDigests(fixtureJson('oci-distribution-spec-referrers-response.jsonc')).json),
      { signatures: [], attestationKinds: ['sbom'] },
    );
  });
  test('placeholder digests (the fixtures verbatim) are not digests: those entries are dropped', () => {
    assert.deepEqual(classifyReferrers(fixtureJson('cosign-bundle-spec-referrers-index.json')), {
      signatures: [],
      attestationKinds: [],
    });
    assert.deepEqual(classifyReferrers(fixtureJson('oci-distribution-spec-referrers-response.jsonc')), {
      signatures: [],
      attestationKinds: [],
    });
  });
  test('DCT note names the shutdown date', () => assert.match(DCT_NOTE, /2026-12-08/));
});
