// Trust under faults (issue 6): every fault the sandbox proxies can inject, through the real HTTP
// stack and the real facts service (and `image-trust check`). A fault must end as a classified
// error (rate-limited with its retry time, network, timeout, bad-response) — never as not-found,
// never as better-looking facts — must cost bounded time, must leave other images alone, and
// must not hide facts fetched before it (served stale, with their age). Costs are asserted as
// requests and bytes from the proxy logs, never as time (time figures belong to `npm run bench`).
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Fault, type Sandbox } from '../harness/sandbox.js';
import { createFactsService, type HubFactsService } from '../../server/src/hub/index.js';
import type { ImageFacts } from '../../server/src/model/facts.js';
import { normalizeSettings } from '../../server/src/model/settings.js';
import { runCli } from '../../server/src/cli/main.js';
import { startRecordingServer, type RecordingServer } from '../unit/security/recordingServer.js';

const TIMEOUT_MS = 1500;
/** the manifest body cap (hub/registryClient.ts MAX_MANIFEST_BYTES) */
const MANIFEST_CAP = 4 * 1024 * 1024;
/** what loopback socket buffers can hold beyond what the client read before it hung up */
const SOCKET_SLACK = 16 * 1024 * 1024;

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
let attacker: RecordingServer | undefined;
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
  attacker = await startRecordingServer();
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-faults-'));
});
after(async () => {
  await sb?.stop();
  await attacker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) t.skip(unavailable);
  return sb;
}

/** A fresh service (fresh back-off state) on an injectable clock. */
function service(s: Sandbox, clock?: { now: number }, extra: Record<string, unknown> = {}): HubFactsService {
  return createFactsService({
    settings: normalizeSettings({ ...s.config, ...extra }),
    trusted: true,
    dockerConfigPath: '/nonexistent/docker-config.json',
    timeoutMs: TIMEOUT_MS,
    ...(clock ? { now: () => clock.now } : {}),
  });
}

/** A clean sandbox (see `clean`) and a fresh service for one test, disposed after it, failed or
 * not. Undefined (the test skipped) without the sandbox. */
function faulty(
  t: TestContext,
  clock?: { now: number },
  extra: Record<string, unknown> = {},
): { s: Sandbox; svc: HubFactsService } | undefined {
  const s = clean(t);
  if (!s) return undefined;
  const svc = service(s, clock, extra);
  t.after(() => svc.dispose());
  return { s, svc };
}

/** The sandbox with no faults and empty logs for one test, and again so after it. */
function clean(t: TestContext): Sandbox | undefined {
  const s = need(t);
  if (!s) return undefined;
  resetSandbox(s);
  t.after(() => resetSandbox(s));
  return s;
}

const oci = (s: Sandbox, repository: string, tag: string) => ({ registry: s.ociHost, repository, tag, digest: null });
const hub = (repository: string, tag: string) => ({ registry: 'docker.io', repository, tag, digest: null });

function resetSandbox(s: Sandbox): void {
  for (const k of ['registry', 'hub', 'oci'] as const) {
    s.faults[k].clear();
    s.log[k].clear();
  }
}

function assertClassified(f: ImageFacts | undefined, kind: string): void {
  assert.ok(f, 'facts returned');
  assert.equal(f.error?.kind, kind, `expected ${kind}, got ${JSON.stringify(f.error)}`);
  assert.notEqual(f.error?.kind, 'not-found');
  assert.equal(f.digest, null, 'no digest invented under a fault');
}

describe('registry faults on a non-Hub reference: each is a classified error', () => {
  const cases: Array<{ name: string; fault: Fault; kind: string; message: RegExp }> = [
    { name: '503', fault: { kind: 'status', status: 503 }, kind: 'network', message: /HTTP 503/ },
    {
      name: '502 with an HTML error page',
      fault: { kind: 'status', status: 502, body: '<html>bad gateway</html>' },
      kind: 'network',
      message: /HTTP 502/,
    },
    { name: 'connection reset', fault: { kind: 'reset' }, kind: 'network', message: /cannot reach/ },
    {
      name: 'an unexpected status (418)',
      fault: { kind: 'status', status: 418 },
      kind: 'bad-response',
      message: /418/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} → ${c.kind}, not not-found`, async (t) => {
      const env = faulty(t);
      if (!env) return;
      const { s, svc } = env;
      s.faults.oci.set({ path: /^\/v2\/library\/alpine\//, fault: c.fault });
      const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
      assertClassified(f, c.kind);
      assert.match(f?.error?.message ?? '', c.message);
      assert.ok(s.log.oci.requests({ fault: c.fault.kind }).length >= 1, 'the fault was hit');
    });
  }

  test('a stall → timeout (not not-found), after one request that was never answered', async (t) => {
    const env = faulty(t);
    if (!env) return;
    const { s, svc } = env;
    s.faults.oci.set({ path: /^\/v2\/library\/alpine\//, fault: { kind: 'stall' } });
    const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
    assertClassified(f, 'timeout');
    assert.match(f?.error?.message ?? '', /did not answer within 1\.5 s/);
    assert.deepEqual(
      s.log.oci.entries().map((e) => [e.method, e.fault, e.status]),
      [['HEAD', 'stall', 0]],
    );
  });

  test('a body far over the cap (50 MiB, no digest header) → bad-response; reading stopped near the cap', async (t) => {
    const env = faulty(t);
    if (!env) return;
    const { s, svc } = env;
    // HEAD answers 200 without Docker-Content-Digest, so the client GETs the manifest: 50 MiB.
    s.faults.oci.set({ path: /^\/v2\/library\/alpine\/manifests\/3\.19/, fault: { kind: 'huge' } });
    const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
    assertClassified(f, 'bad-response');
    assert.match(f?.error?.message ?? '', /more than \d+ bytes/);
    assert.equal(s.log.oci.requests({ method: 'GET', fault: 'huge' }).length, 1, 'the huge body was requested once');
    const [huge] = await s.log.oci.waitFor({ method: 'GET', fault: 'huge', closed: true });
    const sent = huge?.bytesSent ?? Infinity;
    t.diagnostic(`bytes handed to the socket before the client hung up: ${sent}`);
    assert.ok(sent > MANIFEST_CAP && sent < MANIFEST_CAP + SOCKET_SLACK, `${sent} bytes of 50 MiB`);
  });

  test('truncated manifest JSON (HEAD without digest, GET cut in half) → bad-response', async (t) => {
    const env = faulty(t);
    if (!env) return;
    const { s, svc } = env;
    // learn the host's challenge first, so the faulted requests below carry a bearer token
    const warm = await svc.lookup(oci(s, 'team/app', '1.0'));
    assert.equal(warm?.error, null);
    s.faults.oci.set({
      path: /^\/v2\/library\/alpine\/manifests\/3\.19/,
      method: 'HEAD',
      fault: {
        kind: 'status',
        status: 200,
        body: '',
        headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
      },
    });
    s.faults.oci.add({ path: /^\/v2\/library\/alpine\/manifests\/3\.19/, method: 'GET', fault: { kind: 'truncate' } });
    const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
    assert.equal(
      s.log.oci.requests({ method: 'GET', fault: 'truncate', status: 200 }).length,
      1,
      'the truncated body was served',
    );
    assertClassified(f, 'bad-response');
    assert.match(f?.error?.message ?? '', /invalid JSON/);
  });

  test('a redirect to another host: followed without Authorization; its failure is network, not not-found', async (t) => {
    const env = faulty(t);
    if (!env || !attacker) return;
    const { s, svc } = env;
    const warm = await svc.lookup(oci(s, 'team/app', '1.0'));
    assert.equal(warm?.error, null);
    attacker.requests.length = 0;
    s.faults.oci.set({ path: /^\/v2\/library\/alpine\//, fault: { kind: 'redirect', status: 307, to: attacker.url } });
    const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
    const redirected = s.log.oci.requests({ fault: 'redirect' });
    assert.ok(redirected.length >= 1);
    assert.ok(
      redirected.every((e) => e.authorization),
      'the redirected request carried a bearer token',
    );
    assert.ok(attacker.requests.length >= 1, 'the redirect was followed');
    assert.deepEqual(
      attacker.requests.map((r) => r.authorization),
      attacker.requests.map(() => null),
      'no Authorization across hosts',
    );
    assertClassified(f, 'network');
  });
});

describe('a dead host costs about one timeout, not one per reference (circuit breaker per host)', () => {
  // 13 images the registry has and 27 tags it does not: 40 references on one host
  const seeded = [
    ['library/nginx', '1.27.3'],
    ['library/nginx', '1.27'],
    ['library/nginx', '1'],
    ['library/nginx', 'latest'],
    ['library/python', '3.12'],
    ['library/python', '3.12-slim'],
    ['library/alpine', '3.19'],
    ['bitnami/redis', '7.2'],
    ['grafana/grafana', '11.0.0'],
    ['acme/notary-app', '2.0'],
    ['someone/stale-tool', '0.1'],
    ['team/app', '1.0'],
    ['private/secret', '1.0'],
  ] as const;
  const refs = (s: Sandbox) => [
    ...seeded.map(([r, tag]) => oci(s, r, tag)),
    ...Array.from({ length: 27 }, (_, i) => oci(s, 'team/app', `t${i}`)),
  ];
  const stalled = (s: Sandbox) => s.log.oci.requests({ fault: 'stall' }).length;

  test('40 references on a stalled host: 1 request reaches it, each reports timeout; half-open later probes once; an answer closes it', async (t) => {
    const clock = { now: Date.now() };
    const env = faulty(t, clock);
    if (!env) return;
    const { s, svc } = env;
    s.faults.oci.set({ path: /./, fault: { kind: 'stall' } });
    const first = await Promise.all(refs(s).map((r) => svc.lookup(r)));
    for (const f of first) assertClassified(f, 'timeout');
    t.diagnostic(`requests that reached the stalled host for ${first.length} references: ${stalled(s)}`);
    assert.equal(stalled(s), 1);
    assert.equal(s.log.oci.entries().length, 1, 'nothing else reached it either');

    // past the errors' 60 s TTL and the 30 s cool-down: half-open, one probe, which stalls again
    clock.now += 61_000;
    const second = await Promise.all(refs(s).map((r) => svc.lookup(r)));
    for (const f of second) assertClassified(f, 'timeout');
    assert.equal(stalled(s), 2, 'one probe');

    // inside the doubled cool-down (60 s): nothing is sent at all, even with the host healthy again
    clock.now += 30_000;
    s.faults.oci.clear();
    const blocked = await svc.lookup(oci(s, 'team/app', 'never-asked'));
    assertClassified(blocked, 'timeout');
    assert.match(blocked?.error?.message ?? '', /not asked again until/);
    assert.equal(s.log.oci.entries().length, 2, 'no request while the circuit is open');

    // past it (and the errors' TTL): the probe is answered, the circuit closes, every reference gets its answer
    clock.now += 31_000;
    const third = await Promise.all(refs(s).map((r) => svc.lookup(r)));
    for (const [i, [repository]] of seeded.entries()) {
      const f = third[i];
      if (repository === 'private/secret') assert.equal(f?.error?.kind, 'unauthorized');
      else assert.equal(f?.error, null, `${repository}: ${JSON.stringify(f?.error)}`);
    }
    for (const f of third.slice(seeded.length)) assert.equal(f?.error?.kind, 'not-found');
  });

  test('a stalled Docker Hub API and 40 references: one round of requests (the per-host concurrency) reaches it; the registry still gives digests', async (t) => {
    const env = faulty(t);
    if (!env) return;
    const { s, svc } = env;
    s.faults.hub.set({ path: /./, fault: { kind: 'stall' } });
    const refs = [
      ...seeded.filter(([r]) => r !== 'private/secret' && r !== 'team/app').map(([r, tag]) => hub(r, tag)),
      ...Array.from({ length: 29 }, (_, i) => hub('library/nginx', `t${i}`)),
    ];
    const facts = await Promise.all(refs.map((r) => svc.lookup(r)));
    const reached = s.log.hub.requests({ fault: 'stall' }).length;
    t.diagnostic(`Hub API requests for ${refs.length} references: ${reached}`);
    assert.ok(reached <= 16, `${reached} requests reached the stalled Hub API`);
    for (const f of facts.slice(0, 11)) {
      assert.ok(f?.digest, JSON.stringify(f?.error));
      assert.equal(f?.partial?.kind, 'timeout', JSON.stringify(f?.partial));
      assert.equal(
        f?.publisher?.badge ?? null,
        f?.publisher?.namespace === 'library' ? 'official' : null,
        'an unknown badge is unknown',
      );
    }
  });

  test('image-trust check over 30 references on a stalled host: each is lookup-failed (timeout), 1 request reached it', async (t) => {
    const s = clean(t);
    if (!s) return;
    s.faults.oci.set({ path: /./, fault: { kind: 'stall' } });
    const lines = Array.from({ length: 30 }, (_, i) => `FROM ${s.ociHost}/team/app:s${i}`);
    // the CLI's own request timeout (10 s): one of it for all 30
    const { refs: out } = await check(s, 'dead.Dockerfile', `${lines.join('\n')}\n`, 'cache-faults-dead');
    assert.equal(out.length, 30);
    for (const r of out) {
      assert.equal(r.facts?.error?.kind, 'timeout', r.text);
      assert.ok(
        r.findings.some((f) => f.code === 'lookup-failed'),
        r.text,
      );
    }
    assert.equal(stalled(s), 1);
  });
});

describe('rate limits: 429 → rate-limited with its retry time, and zero requests until then', () => {
  const cases: Array<{ name: string; fault: (now: number) => Fault; retryAt: (now: number) => number }> = [
    {
      name: 'Retry-After: 120 (seconds)',
      fault: () => ({ kind: 'rate-limit', retryAfterSeconds: 120 }),
      retryAt: (now) => now + 120_000,
    },
    {
      name: 'X-Retry-After: <epoch + 90 s>',
      fault: (now) => ({ kind: 'rate-limit-epoch', retryAtEpoch: Math.floor(now / 1000) + 90 }),
      retryAt: (now) => (Math.floor(now / 1000) + 90) * 1000,
    },
  ];
  for (const c of cases) {
    test(`registry ${c.name}`, async (t) => {
      const clock = { now: Date.now() };
      const t0 = clock.now;
      const env = faulty(t, clock);
      if (!env) return;
      const { s, svc } = env;
      // once: if the service asked again during the back-off, the request would pass and show in the log
      s.faults.oci.set({ path: /./, times: 1, fault: c.fault(t0) });
      const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
      assertClassified(f, 'rate-limited');
      const retryAt = c.retryAt(t0);
      assert.equal(f?.error?.retryAt, new Date(retryAt).toISOString());
      const at429 = s.log.oci.entries().length;
      assert.equal(at429, 1);
      // during the back-off: other images on the host, the same image again, later in time
      const during: Array<ImageFacts | undefined> = [];
      during.push(await svc.lookup(oci(s, 'team/app', '1.0')));
      clock.now = t0 + 61_000; // past the error TTL: a real refresh attempt, still inside the back-off
      during.push(await svc.lookup(oci(s, 'library/alpine', '3.19')));
      during.push(await svc.lookup(oci(s, 'grafana/grafana', '11.0.0')));
      const backedOff = s.log.oci.entries().length - at429;
      t.diagnostic(
        `requests to the backed-off host between the 429 and ${new Date(retryAt).toISOString()}: ${backedOff} (over ${during.length} lookups)`,
      );
      assert.equal(backedOff, 0);
      for (const d of during) {
        assertClassified(d, 'rate-limited');
        assert.equal(d?.error?.retryAt, new Date(retryAt).toISOString());
      }
      assert.deepEqual(svc.status(), { state: 'rate-limited', host: s.ociHost, until: retryAt, remaining: null });
      // after the retry time (and the 60 s error TTL of the last refresh): asked again, facts come
      clock.now = Math.max(retryAt, t0 + 121_000) + 1_000;
      const later = await svc.lookup(oci(s, 'library/alpine', '3.19'));
      assert.equal(later?.error, null, JSON.stringify(later?.error));
      assert.equal(later?.digest, s.seed.alpine.digest);
      assert.ok(s.log.oci.entries().length > at429, 'asked again after the retry time');
      assert.equal(svc.status().state, 'live');
    });

    test(`Docker Hub API ${c.name}: no Hub request until then; the registry still answers the digest`, async (t) => {
      const clock = { now: Date.now() };
      const t0 = clock.now;
      const env = faulty(t, clock);
      if (!env) return;
      const { s, svc } = env;
      s.faults.hub.set({ path: /./, fault: c.fault(t0) });
      const f = await svc.lookup(hub('bitnami/redis', '7.2'));
      assert.ok(s.log.hub.requests({ status: 429 }).length >= 1, 'the Hub answered 429');
      assert.notEqual(f?.error?.kind, 'not-found');
      assert.equal(f?.digest, s.seed.redis.digest, 'digest from the registry (a free HEAD)');
      assert.equal(f?.publisher?.badge, null, 'badge unknown, not "none"');
      assert.equal(f?.lastPushed, null, 'age unknown, not invented');
      const retryAt = c.retryAt(t0);
      assert.deepEqual(svc.status(), {
        state: 'rate-limited',
        host: new URL(s.hubUrl).host,
        until: retryAt,
        remaining: null,
      });
      const at429 = s.log.hub.entries().length;
      clock.now = t0 + 30_000;
      const g = await svc.lookup(hub('someone/stale-tool', '0.1'));
      assert.equal(g?.digest, s.seed.staleTool.digest);
      t.diagnostic(`Hub API requests during the back-off: ${s.log.hub.entries().length - at429}`);
      assert.equal(s.log.hub.entries().length - at429, 0, 'no Hub request during the back-off');
      s.faults.hub.clear();
      clock.now = retryAt + 61 * 60_000; // past the retry time and the facts' TTL
      const h = await svc.lookup(hub('someone/stale-tool', '0.1'));
      assert.equal(h?.publisher?.badge, 'none');
      assert.ok(h?.lastPushed, 'Hub facts back after the retry time');
    });
  }
});

test('right after its retry time a rate-limited image is asked again (the error is not cached past retryAt)', async (t) => {
  const clock = { now: Date.now() };
  const t0 = clock.now;
  const env = faulty(t, clock);
  if (!env) return;
  const { s, svc } = env;
  s.faults.oci.set({ path: /./, times: 1, fault: { kind: 'rate-limit', retryAfterSeconds: 10 } });
  const f = await svc.lookup(oci(s, 'library/alpine', '3.19'));
  assert.equal(f?.error?.kind, 'rate-limited');
  clock.now = t0 + 11_000;
  const later = await svc.lookup(oci(s, 'library/alpine', '3.19'));
  t.diagnostic(`11 s after a 'Retry-After: 10': ${later?.error ? later.error.message : 'facts'}`);
  assert.equal(later?.error, null, `still: ${later?.error?.message}`);
});

describe('Docker Hub API faults: the registry decides, nothing is invented', () => {
  const cases: Array<{ name: string; fault: Fault }> = [
    { name: 'truncated JSON', fault: { kind: 'truncate' } },
    { name: 'a 50 MiB body', fault: { kind: 'huge' } },
    { name: '503', fault: { kind: 'status', status: 503 } },
    {
      name: 'a lying 404 for everything',
      fault: { kind: 'status', status: 404, body: '{"message":"object not found"}' },
    },
    { name: 'connection reset', fault: { kind: 'reset' } },
    { name: 'a redirect to another host', fault: { kind: 'redirect', status: 302, to: 'http://127.0.0.1:9' } },
  ];
  for (const c of cases) {
    test(`${c.name} on every Hub API path → digest from the registry, badge and age unknown, no error`, async (t) => {
      const env = faulty(t);
      if (!env) return;
      const { s, svc } = env;
      s.faults.hub.set({ path: /./, fault: c.fault });
      const f = await svc.lookup(hub('someone/stale-tool', '0.1'));
      assert.ok(s.log.hub.requests({ fault: c.fault.kind }).length >= 1, 'the fault was hit');
      assert.equal(f?.error, null, JSON.stringify(f?.error));
      assert.equal(f?.digest, s.seed.staleTool.digest);
      assert.equal(f?.publisher?.badge, null);
      assert.equal(f?.lastPushed, null);
    });
  }

  test('Hub API stalled and registry 503 → a classified error; each Hub request was tried once', async (t) => {
    const env = faulty(t);
    if (!env) return;
    const { s, svc } = env;
    s.faults.hub.set({ path: /./, fault: { kind: 'stall' } });
    s.faults.registry.set({ path: /./, fault: { kind: 'status', status: 503 } });
    const f = await svc.lookup(hub('someone/stale-tool', '0.1'));
    assert.ok(f?.error && ['network', 'timeout'].includes(f.error.kind), JSON.stringify(f?.error));
    assert.equal(f?.digest, null);
    // tag, search and repository, in parallel; none asked twice
    const paths = s.log.hub.requests({ fault: 'stall' }).map((e) => e.path.split('?')[0]);
    assert.equal(paths.length, new Set(paths).size, paths.join('\n'));
    assert.ok(paths.length <= 3, paths.join('\n'));
  });
});

describe('stale facts under a fault', () => {
  const faults: Array<{ name: string; fault: Fault; kind: string }> = [
    { name: '503', fault: { kind: 'status', status: 503 }, kind: 'network' },
    { name: 'stall', fault: { kind: 'stall' }, kind: 'timeout' },
    { name: '429', fault: { kind: 'rate-limit', retryAfterSeconds: 300 }, kind: 'rate-limited' },
  ];
  for (const c of faults) {
    test(`after the TTL, ${c.name} → the earlier facts, stale: true, error ${c.kind}, their fetchedAt`, async (t) => {
      const clock = { now: Date.now() };
      const t0 = clock.now;
      const env = faulty(t, clock);
      if (!env) return;
      const { s, svc } = env;
      const first = await svc.lookup(oci(s, 'library/alpine', '3.19'));
      assert.equal(first?.error, null);
      assert.equal(first?.fetchedAt, t0);
      s.faults.oci.set({ path: /./, fault: c.fault });
      clock.now = t0 + 61 * 60_000; // default TTL 60 min
      const again = await svc.lookup(oci(s, 'library/alpine', '3.19'));
      assert.equal(again?.stale, true);
      assert.equal(again?.error?.kind, c.kind);
      assert.equal(again?.fetchedAt, t0, 'the age of the facts shown');
      assert.equal(again?.digest, s.seed.alpine.digest);
      assert.deepEqual(again?.platforms, first?.platforms);
    });
  }

  test('cache.ttlMinutes 0: every lookup refreshes; a 503 serves the earlier facts stale', async (t) => {
    const env = faulty(t, undefined, { cache: { ttlMinutes: 0 } });
    if (!env) return;
    const { s, svc } = env;
    const first = await svc.lookup(oci(s, 'team/app', '1.0'));
    assert.equal(first?.error, null);
    s.faults.oci.set({ path: /./, fault: { kind: 'status', status: 503 } });
    const again = await svc.lookup(oci(s, 'team/app', '1.0'));
    assert.ok(s.log.oci.requests({ status: 503 }).length >= 1, 'refreshed (TTL 0)');
    assert.equal(again?.stale, true);
    assert.equal(again?.error?.kind, 'network');
    assert.equal(again?.fetchedAt, first?.fetchedAt);
    assert.equal(again?.digest, s.seed.teamApp.digest);
  });
});

interface JsonRef {
  text: string;
  facts: {
    digest: string | null;
    error: { kind: string; message: string } | null;
    publisher: { badge: string | null } | null;
  } | null;
  findings: Array<{ code: string }>;
}

async function check(
  s: Sandbox,
  file: string,
  content: string,
  cacheName: string,
  config: Record<string, unknown> = {},
) {
  writeFileSync(path.join(dir, file), content);
  writeFileSync(path.join(dir, `${cacheName}.json`), JSON.stringify({ ...s.config, ...config }));
  process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, cacheName);
  let out = '';
  let err = '';
  const code = await runCli(['check', '--format', 'json', '--config', `${cacheName}.json`, file], {
    cwd: dir,
    out: (x) => (out += `${x}\n`),
    err: (x) => (err += `${x}\n`),
    now: () => Date.now(),
    version: '0.0.0-test',
  });
  return { code, refs: (JSON.parse(out) as { references: JsonRef[] }).references, err };
}

describe('image-trust check --format json under faults', () => {
  test('one image behind a 503, another behind a reset: lookup-failed for those, facts for the rest, no not-found', async (t) => {
    const s = clean(t);
    if (!s) return;
    s.faults.oci.set({ path: /^\/v2\/library\/alpine\//, fault: { kind: 'status', status: 503 } });
    s.faults.oci.add({ path: /^\/v2\/grafana\/grafana\//, fault: { kind: 'reset' } });
    const lines = [
      `FROM ${s.ociHost}/library/alpine:3.19`,
      `FROM ${s.ociHost}/grafana/grafana:11.0.0`,
      `FROM ${s.ociHost}/team/app:1.0`,
      'FROM nginx:1.27',
      'FROM bitnami/redis:7.2',
    ];
    const { code, refs } = await check(s, 'faults.Dockerfile', `${lines.join('\n')}\n`, 'cache-faults-mixed');
    assert.equal(refs.length, 5);
    assert.equal(refs[0]!.facts?.error?.kind, 'network');
    assert.equal(refs[1]!.facts?.error?.kind, 'network');
    for (const r of refs.slice(0, 2)) {
      assert.ok(
        r.findings.some((f) => f.code === 'lookup-failed'),
        r.text,
      );
      assert.equal(r.facts?.digest, null);
    }
    assert.equal(refs[2]!.facts?.digest, s.seed.teamApp.digest);
    assert.equal(refs[3]!.facts?.digest, s.seed.nginx.digest);
    assert.equal(refs[4]!.facts?.digest, s.seed.redis.digest);
    for (const r of refs.slice(2)) assert.equal(r.facts?.error, null, r.text);
    assert.ok(refs.every((r) => !r.findings.some((f) => f.code === 'not-found' || f.code === 'digest-not-found')));
    assert.equal(
      code,
      3,
      'a fault makes the run incomplete (exit 3, SPEC §1), never a failure as not-found would be (1)',
    );
  });

  test('registry 429 on the docker.io mirror: rate-limited with retry time on every Hub image, no not-found', async (t) => {
    const s = clean(t);
    if (!s) return;
    s.faults.registry.set({ path: /./, fault: { kind: 'rate-limit', retryAfterSeconds: 600 } });
    s.faults.hub.set({ path: /./, fault: { kind: 'rate-limit', retryAfterSeconds: 600 } });
    const { refs } = await check(
      s,
      'ratelimit.Dockerfile',
      'FROM nginx:1.27\nFROM nobody/missing:1\nFROM python:3.12\n',
      'cache-faults-429',
    );
    for (const r of refs) {
      assert.equal(r.facts?.error?.kind, 'rate-limited', r.text);
      assert.ok(
        r.findings.some((f) => f.code === 'lookup-failed'),
        r.text,
      );
      assert.ok(!r.findings.some((f) => f.code === 'not-found'), `${r.text}: a rate limit is not proof of absence`);
    }
  });

  test('a Hub API 429 does not make a check look better (same findings or a lookup-failed)', async (t) => {
    const s = clean(t);
    if (!s) return;
    const content = `FROM someone/stale-tool:0.1@${s.seed.staleTool.digest}\n`;
    const healthy = await check(s, 'worse.Dockerfile', content, 'cache-faults-worse-a');
    const healthyCodes = healthy.refs[0]!.findings.map((f) => f.code).sort();
    assert.ok(healthyCodes.includes('stale') && healthyCodes.includes('unverified-publisher'), healthyCodes.join());
    s.faults.hub.set({ path: /./, fault: { kind: 'rate-limit', retryAfterSeconds: 600 } });
    const faulted = await check(s, 'worse.Dockerfile', content, 'cache-faults-worse-b');
    const codes = faulted.refs[0]!.findings.map((f) => f.code).sort();
    t.diagnostic(
      `healthy: ${healthyCodes.join(',')} (exit ${healthy.code}); under Hub 429: ${codes.join(',') || 'none'} (exit ${faulted.code})`,
    );
    assert.ok(
      codes.includes('lookup-failed') || healthyCodes.every((c) => codes.includes(c)),
      `findings under the fault: ${codes.join(',') || 'none'}; without: ${healthyCodes.join(',')}`,
    );
    assert.ok(faulted.code >= healthy.code, 'the exit status is not better under a fault');
  });
});
