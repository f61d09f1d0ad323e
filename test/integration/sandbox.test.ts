// Proves the sandbox with clients nobody here wrote (skopeo) and plain fetch: auth, digests, Hub data
// consistency with the registry, the fault proxy and the request log.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { startSandbox, type Sandbox, type SeededImage } from '../harness/sandbox.js';
import { MANIFEST_ACCEPT, cosignSigTag, fallbackTag, MT } from '../harness/oci.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
const hasSkopeo = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0;

before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
});
after(async () => {
  await sb?.stop();
});

/** The sandbox, or undefined after marking the test skipped with the reason. */
function need(t: TestContext, opts: { skopeo?: boolean } = {}): Sandbox | undefined {
  if (!sb) {
    t.skip(unavailable);
    return undefined;
  }
  if (opts.skopeo && !hasSkopeo) {
    t.skip('skopeo not installed');
    return undefined;
  }
  return sb;
}

function skopeo(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('skopeo', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => err.push(c));
    p.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }),
    );
  });
}
const sha256 = (b: Buffer): string => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** Registry request through the proxy with the Bearer flow (anonymous unless creds given). */
async function registry(
  s: Sandbox,
  method: string,
  repo: string,
  ref: string,
  creds?: { username: string; password: string },
): Promise<Response> {
  const u = new URL(s.tokens.realm);
  u.searchParams.set('service', s.tokens.service);
  u.searchParams.set('scope', `repository:${repo}:pull`);
  const headers: Record<string, string> = creds
    ? { authorization: 'Basic ' + Buffer.from(`${creds.username}:${creds.password}`).toString('base64') }
    : {};
  const { token } = (await (await fetch(u, { headers })).json()) as { token: string };
  return fetch(`${s.registryUrl}/v2/${repo}/manifests/${ref}`, {
    method,
    headers: { accept: MANIFEST_ACCEPT, authorization: `Bearer ${token}` },
  });
}

describe('skopeo through the registry proxy', () => {
  test('anonymous inspect of library/nginx:1.27 returns the seeded index', async (t) => {
    const s = need(t, { skopeo: true });
    if (!s) return;
    const r = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--no-creds',
      `docker://${s.registryHost}/library/nginx:1.27`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256(r.stdout), s.seed.nginx.digest);
    const index = JSON.parse(r.stdout.toString()) as {
      mediaType: string;
      manifests: Array<{ platform: { os: string } }>;
    };
    assert.equal(index.mediaType, MT.ociIndex);
    assert.equal(index.manifests.filter((m) => m.platform.os === 'unknown').length, 2, 'two attestation manifests');
  });
  test('anonymous inspect of private/secret is denied', async (t) => {
    const s = need(t, { skopeo: true });
    if (!s) return;
    const r = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--no-creds',
      `docker://${s.registryHost}/private/secret:1.0`,
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /denied|unauthorized/);
  });
  test("alice's inspect of private/secret works", async (t) => {
    const s = need(t, { skopeo: true });
    if (!s) return;
    const r = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      'alice:wonderland',
      `docker://${s.registryHost}/private/secret:1.0`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256(r.stdout), s.seed.secret.digest);
  });
  test('inspect of the non-Hub image team/app:1.0 by registry host', async (t) => {
    const s = need(t, { skopeo: true });
    if (!s) return;
    const r = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--no-creds',
      `docker://${s.registryHost}/team/app:1.0`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256(r.stdout), s.seed.teamApp.digest);
  });
});

const hubCases: Array<{ name: string; image: (s: Sandbox) => SeededImage; tag: string; mediaType: string }> = [
  {
    name: 'library/nginx:1.27 (OCI index + attestations)',
    image: (s) => s.seed.nginx,
    tag: '1.27',
    mediaType: MT.ociIndex,
  },
  { name: 'library/nginx:latest', image: (s) => s.seed.nginx, tag: 'latest', mediaType: MT.ociIndex },
  { name: 'library/python:3.12 (moved)', image: (s) => s.seed.python, tag: '3.12', mediaType: MT.ociIndex },
  {
    name: 'library/python:3.12-slim (Docker v2)',
    image: (s) => s.seed.pythonSlim,
    tag: '3.12-slim',
    mediaType: MT.dockerManifest,
  },
  { name: 'library/alpine:3.19 (manifest list)', image: (s) => s.seed.alpine, tag: '3.19', mediaType: MT.dockerList },
  { name: 'bitnami/redis:7.2', image: (s) => s.seed.redis, tag: '7.2', mediaType: MT.ociIndex },
  { name: 'grafana/grafana:11.0.0', image: (s) => s.seed.grafana, tag: '11.0.0', mediaType: MT.ociIndex },
  { name: 'acme/notary-app:2.0', image: (s) => s.seed.notaryApp, tag: '2.0', mediaType: MT.ociManifest },
  { name: 'someone/stale-tool:0.1', image: (s) => s.seed.staleTool, tag: '0.1', mediaType: MT.ociManifest },
];

describe('Hub tag endpoint agrees with the registry (as Docker Hub answers today: images: [])', () => {
  for (const c of hubCases) {
    test(c.name, async (t) => {
      const s = need(t);
      if (!s) return;
      const img = c.image(s);
      const [ns, repo] = img.repository.split('/');
      const hub = await fetch(`${s.hubUrl}/v2/namespaces/${ns}/repositories/${repo}/tags/${c.tag}`);
      assert.equal(hub.status, 200);
      const tag = (await hub.json()) as {
        digest: string;
        media_type: string;
        images: Array<{ digest: string; os: string; architecture: string }>;
        tag_last_pushed: string;
      };
      const head = await registry(s, 'HEAD', img.repository, c.tag);
      assert.equal(head.status, 200);
      assert.equal(tag.digest, head.headers.get('docker-content-digest'));
      assert.equal(head.headers.get('content-type'), c.mediaType);
      assert.equal(tag.media_type, c.mediaType);
      assert.deepEqual(tag.images, [], 'no platforms since 2025-08-11 (docker/hub-feedback#2484)');
      assert.equal(tag.tag_last_pushed.slice(0, 23), img.pushedAt.toISOString().slice(0, 23));
    });
  }
  test('legacy /v2/repositories/{ns}/{repo}/tags/{tag} form answers the same digest', async (t) => {
    const s = need(t);
    if (!s) return;
    const r = await fetch(`${s.hubUrl}/v2/repositories/library/nginx/tags/1.27/`);
    assert.equal(((await r.json()) as { digest: string }).digest, s.seed.nginx.digest);
  });
});

describe('seeded registry content', () => {
  test('python 3.12 moved: the tag is the new index, the old one is still fetchable by digest', async (t) => {
    const s = need(t);
    if (!s) return;
    assert.notEqual(s.seed.python.digest, s.seed.pythonOld.digest);
    assert.equal(
      (await registry(s, 'HEAD', 'library/python', '3.12')).headers.get('docker-content-digest'),
      s.seed.python.digest,
    );
    assert.equal((await registry(s, 'HEAD', 'library/python', s.seed.pythonOld.digest)).status, 200);
  });
  test('missing digest, tag and repository answer 404', async (t) => {
    const s = need(t);
    if (!s) return;
    for (const [repo, ref] of [
      ['library/nginx', s.seed.missing.digest],
      ['library/nginx', s.seed.missing.tag],
      [s.seed.missing.repository, 'latest'],
    ] as const) {
      assert.equal((await registry(s, 'HEAD', repo, ref)).status, 404, `${repo}@${ref}`);
    }
  });
  test('redis cosign signatures verify with the exported public key (index and each platform)', async (t) => {
    const s = need(t);
    if (!s) return;
    const subjects = [s.seed.redis.digest, ...s.seed.redis.platforms.map((p) => p.digest)];
    assert.deepEqual(Object.keys(s.seed.signatures.redisCosign).sort(), [...subjects].sort());
    for (const subject of subjects) {
      const m = await registry(s, 'GET', 'bitnami/redis', cosignSigTag(subject));
      assert.equal(m.status, 200);
      const layer = (
        (await m.json()) as {
          layers: Array<{ mediaType: string; digest: string; annotations: Record<string, string> }>;
        }
      ).layers[0];
      assert.ok(layer);
      assert.equal(layer.mediaType, MT.cosignSimpleSigning);
      const u = new URL(s.tokens.realm);
      u.searchParams.set('service', s.tokens.service);
      u.searchParams.set('scope', 'repository:bitnami/redis:pull');
      const { token } = (await (await fetch(u)).json()) as { token: string };
      const payload: Buffer = Buffer.from(
        await (
          await fetch(`${s.registryUrl}/v2/bitnami/redis/blobs/${layer.digest}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).arrayBuffer(),
      );
      const sig = Buffer.from(layer.annotations['dev.cosignproject.cosign/signature'] ?? '', 'base64');
      assert.ok(verify('sha256', payload, createPublicKey(s.seed.cosign.publicKeyPem), sig));
      assert.equal(
        (JSON.parse(payload.toString()) as { critical: { image: { 'docker-manifest-digest': string } } }).critical
          .image['docker-manifest-digest'],
        subject,
      );
    }
  });
  const referrerCases = [
    {
      name: 'grafana sigstore bundle',
      repo: 'grafana/grafana',
      subject: (s: Sandbox) => s.seed.grafana.digest,
      artifact: (s: Sandbox) => s.seed.signatures.grafanaBundle,
      artifactType: MT.sigstoreBundle,
    },
    {
      name: 'acme notation signature',
      repo: 'acme/notary-app',
      subject: (s: Sandbox) => s.seed.notaryApp.digest,
      artifact: (s: Sandbox) => s.seed.signatures.notation,
      artifactType: MT.notarySignature,
    },
  ];
  for (const c of referrerCases) {
    test(`referrers fallback tag lists the ${c.name}`, async (t) => {
      const s = need(t);
      if (!s) return;
      const r = await registry(s, 'GET', c.repo, fallbackTag(c.subject(s)));
      assert.equal(r.status, 200);
      const idx = (await r.json()) as { manifests: Array<{ digest: string; artifactType: string }> };
      assert.deepEqual(
        idx.manifests.map((m) => [m.digest, m.artifactType]),
        [[c.artifact(s), c.artifactType]],
      );
      const art = (await (await registry(s, 'GET', c.repo, c.artifact(s))).json()) as { subject: { digest: string } };
      assert.equal(art.subject.digest, c.subject(s));
    });
    test(`the docker.io mirror answers the referrers API for the ${c.name}; the plain registry has none`, async (t) => {
      const s = need(t);
      if (!s) return;
      const path = `/v2/${c.repo}/referrers/${c.subject(s)}`;
      assert.equal(
        (await fetch(`${s.registryUrl}${path}`)).status,
        401,
        'the referrers API needs a token, as the registry does',
      );
      const u = new URL(s.tokens.realm);
      u.searchParams.set('service', s.tokens.service);
      u.searchParams.set('scope', `repository:${c.repo}:pull`);
      const { token } = (await (await fetch(u)).json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const hubLike = await fetch(`${s.registryUrl}${path}`, { headers: auth });
      assert.equal(hubLike.status, 200);
      assert.equal(hubLike.headers.get('content-type'), 'application/vnd.oci.image.index.v1+json');
      const idx = (await hubLike.json()) as { manifests: Array<{ digest: string; artifactType: string }> };
      assert.deepEqual(
        idx.manifests.map((m) => [m.digest, m.artifactType]),
        [[c.artifact(s), c.artifactType]],
      );
      const plain = await fetch(`http://${s.ociHost}${path}`, { headers: auth });
      assert.equal(plain.status, 404);
    });
  }
});

describe('fake Hub', () => {
  const notFound = [
    { name: 'private repository, anonymous', path: '/v2/namespaces/private/repositories/secret' },
    { name: 'private tag, anonymous', path: '/v2/namespaces/private/repositories/secret/tags/1.0' },
    { name: 'missing repository', path: '/v2/namespaces/nobody/repositories/missing' },
    { name: 'missing tag', path: '/v2/namespaces/library/repositories/nginx/tags/0.0.0-nope' },
    { name: 'page past the end', path: '/v2/namespaces/library/repositories/nginx/tags?page=9&page_size=10' },
  ];
  for (const c of notFound) {
    test(`404 object not found: ${c.name}`, async (t) => {
      const s = need(t);
      if (!s) return;
      const r = await fetch(s.hubUrl + c.path);
      assert.equal(r.status, 404);
      assert.deepEqual(await r.json(), { message: 'object not found', errinfo: {} });
    });
  }
  test('alice with a Hub token sees the private repository', async (t) => {
    const s = need(t);
    if (!s) return;
    const login = await fetch(`${s.hubUrl}/v2/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'alice', secret: 'wonderland' }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const r = await fetch(`${s.hubUrl}/v2/namespaces/private/repositories/secret`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { is_private: boolean }).is_private, true);
  });
  test('repository info has the live shape', async (t) => {
    const s = need(t);
    if (!s) return;
    const info = (await (await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(info.name, 'nginx');
    assert.equal(info.namespace, 'library');
    assert.equal(info.status, 1);
    assert.equal(info.status_description, 'active');
    assert.equal(info.is_private, false);
  });
  test('an archived repository: status 6 in the repository endpoint, archived: true in search v4', async (t) => {
    const s = need(t);
    if (!s) return;
    const info = (await (await fetch(`${s.hubUrl}/v2/namespaces/someone/repositories/old-tool`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(info.status, 6);
    const search = (await (await fetch(`${s.hubUrl}/api/search/v4?query=someone/old-tool`)).json()) as {
      results: Array<{ id: string; archived: boolean }>;
    };
    assert.deepEqual(
      search.results.filter((r) => r.archived).map((r) => r.id),
      ['someone/old-tool'],
    );
    assert.ok(search.results.some((r) => r.id === 'someone/stale-tool' && r.archived === false));
  });
  test('the docker.io mirror sends the pull budget on manifest requests, down by one per GET (HEAD is free)', async (t) => {
    const s = need(t);
    if (!s) return;
    const remaining = (r: Response) => Number(/^(\d+);w=21600$/.exec(r.headers.get('ratelimit-remaining') ?? '')?.[1]);
    const head1 = await registry(s, 'HEAD', 'library/nginx', '1.27');
    const head2 = await registry(s, 'HEAD', 'library/nginx', '1.27');
    assert.equal(head1.headers.get('ratelimit-limit'), '100;w=21600');
    assert.equal(remaining(head2), remaining(head1), 'HEAD costs nothing');
    const get = await registry(s, 'GET', 'library/nginx', '1.27');
    assert.equal(remaining(get), remaining(head1) - 1);
  });
  test('tag list pages with absolute next links through the proxy', async (t) => {
    const s = need(t);
    if (!s) return;
    const first = (await (
      await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx/tags?page_size=3`)
    ).json()) as { count: number; next: string; results: Array<{ name: string }> };
    assert.equal(first.count, 4);
    assert.equal(first.results.length, 3);
    assert.ok(first.next.startsWith(s.hubUrl + '/'), first.next);
    const second = (await (await fetch(first.next)).json()) as {
      next: null;
      previous: string;
      results: Array<{ name: string }>;
    };
    assert.equal(second.next, null);
    assert.deepEqual([...first.results, ...second.results].map((r) => r.name).sort(), [
      '1',
      '1.27',
      '1.27.3',
      'latest',
    ]);
  });
  test('search v4 returns fuzzy results: the exact repository plus near-misses with badges', async (t) => {
    const s = need(t);
    if (!s) return;
    const r = (await (await fetch(`${s.hubUrl}/api/search/v4?query=bitnami/redis`)).json()) as {
      total: number;
      results: Array<{ id: string; name: string; badge: string }>;
    };
    assert.ok(r.total > 1);
    assert.equal(r.results.find((x) => x.id === 'bitnami/redis')?.badge, 'verified_publisher');
    assert.equal(r.results.find((x) => x.id === 'library/redis')?.name, 'redis');
    assert.notEqual(r.results[0]?.id, 'bitnami/redis', 'the exact match is not first');
  });
});

describe('fault proxy and request log', () => {
  test('429 with Retry-After when told to, once', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.hub.set({ path: /\/tags\/1\.27$/, fault: { kind: 'rate-limit', retryAfterSeconds: 7 }, times: 1 });
    t.after(() => s.faults.hub.clear());
    const url = `${s.hubUrl}/v2/namespaces/library/repositories/nginx/tags/1.27`;
    const limited = await fetch(url);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await fetch(url)).status, 200);
  });
  test('429 with X-Retry-After epoch on the registry', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.registry.set({
      path: '/v2/library/nginx/manifests/',
      fault: { kind: 'rate-limit-epoch', retryAtEpoch: 1_900_000_000 },
    });
    t.after(() => s.faults.registry.clear());
    const r = await registry(s, 'HEAD', 'library/nginx', '1.27');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('x-retry-after'), '1900000000');
  });
  const failing = [
    { name: 'connection reset rejects the fetch', fault: { kind: 'reset' } as const },
    { name: 'truncated JSON body does not parse', fault: { kind: 'truncate' } as const },
  ];
  for (const c of failing) {
    test(c.name, async (t) => {
      const s = need(t);
      if (!s) return;
      s.faults.hub.set({ path: /\/repositories\/nginx$/, fault: c.fault });
      t.after(() => s.faults.hub.clear());
      await assert.rejects(async () => (await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx`)).json());
    });
  }
  test('503 is returned as is', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.hub.set({ path: /./, fault: { kind: 'status', status: 503 }, times: 1 });
    t.after(() => s.faults.hub.clear());
    assert.equal((await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx`)).status, 503);
  });
  test('stall never answers; the client aborts after the proxy logged the request', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.hub.set({ path: /stall-me/, fault: { kind: 'stall' } });
    t.after(() => s.faults.hub.clear());
    const ac = new AbortController();
    const pending = fetch(`${s.hubUrl}/v2/namespaces/library/repositories/stall-me`, { signal: ac.signal });
    await s.log.hub.waitFor({ fault: 'stall' });
    ac.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });
  test('huge body streams 50 MiB', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.hub.set({ path: /huge/, fault: { kind: 'huge' } });
    t.after(() => s.faults.hub.clear());
    const r = await fetch(`${s.hubUrl}/huge`);
    assert.equal(r.headers.get('content-length'), String(50 * 1024 * 1024));
    let n = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
    assert.equal(n, 50 * 1024 * 1024);
  });
  test('redirect 307 to another loopback host keeps the path', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.registry.set({ path: '/v2/', fault: { kind: 'redirect', status: 307, to: 'http://127.0.0.1:9' } });
    t.after(() => s.faults.registry.clear());
    const r = await fetch(`${s.registryUrl}/v2/library/nginx/tags/list`, { redirect: 'manual' });
    assert.equal(r.status, 307);
    assert.equal(r.headers.get('location'), 'http://127.0.0.1:9/v2/library/nginx/tags/list');
  });
  test('latency option (for the bench) leaves answers intact', async (t) => {
    const s = need(t);
    if (!s) return;
    s.faults.hub.latency(60);
    t.after(() => s.faults.hub.latency(0));
    const r = await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx`);
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { name: string }).name, 'nginx');
  });
  test('the request log counts requests and records Authorization presence, never its value', async (t) => {
    const s = need(t);
    if (!s) return;
    s.log.registry.clear();
    s.log.hub.clear();
    await (await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx/tags/1.27`)).json();
    await (await fetch(`${s.hubUrl}/v2/namespaces/library/repositories/nginx/tags/1`)).json();
    await registry(s, 'HEAD', 'library/nginx', '1.27');
    assert.equal(s.log.hub.requests().length, 2);
    assert.equal(s.log.hub.requests({ path: /\/tags\/1$/ }).length, 1);
    const reg = s.log.registry.requests({ method: 'HEAD' });
    assert.equal(reg.length, 1);
    assert.deepEqual(
      { status: reg[0]?.status, authorization: reg[0]?.authorization },
      { status: 200, authorization: true },
    );
    assert.doesNotMatch(JSON.stringify(s.log.registry.entries()), /Bearer/);
    assert.ok(s.tokens.issued() > 0);
  });
});

describe('several sandboxes', () => {
  test('a second sandbox in the same process gets its own ports and the same image digests', async (t) => {
    const s = need(t);
    if (!s) return;
    const other = await startSandbox();
    assert.ok(other.available);
    t.after(() => other.stop());
    assert.notEqual(other.registryHost, s.registryHost);
    assert.notEqual(other.config.dockerHub.apiUrl, s.config.dockerHub.apiUrl);
    assert.equal(other.seed.nginx.digest, s.seed.nginx.digest);
  });
});
