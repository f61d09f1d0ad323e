// Security through the real HTTP stack: the sandbox (registry + token server + fake Hub) and loopback
// listeners of our own that record the Authorization VALUE of every request. Credentials come from a
// ~/.docker/config.json in a temp DOCKER_CONFIG with entries for several hosts; each host must see
// only its own credentials (and tokens from its own realm), nothing may cross a redirect, an
// untrusted workspace sends none, and no secret reaches the log or the disk cache.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { createFactsService, type FactsServiceOptions, type HubFactsService } from '../../server/src/hub/index.js';
import type { ImageFacts } from '../../server/src/model/facts.js';
import { normalizeSettings } from '../../server/src/model/settings.js';
import { runCli } from '../../server/src/cli/main.js';
import {
  startMiniRegistry,
  startRecordingServer,
  type MiniRegistry,
  type Recorded,
  type RecordingServer,
} from '../unit/security/recordingServer.js';

const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const DIGEST_D = `sha256:${'d'.repeat(64)}`;
const BOB = { username: 'bob', password: 'b0b-registry-secret' };
const DORA = { username: 'dora', password: 'd0ra-registry-secret' };
const HUB_EDITOR = { username: 'hubuser', token: 'dckr_pat_editor-secret-token' };
const HUB_CONFIG = { username: 'hubcfg', password: 'hub-config-secret' };

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
let attacker: RecordingServer;
let b: MiniRegistry;
let d: MiniRegistry;
let hostile: MiniRegistry;
let dir = '';
let savedDockerConfig: string | undefined;

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
  attacker = await startRecordingServer();
  b = await startMiniRegistry({ user: BOB, digest: DIGEST_B, redirects: { 'redir/app': () => attacker.url } });
  // a registry whose token realm is on ANOTHER host name (the attacker, reached as `localhost` while
  // D is 127.0.0.1): its credentials must not go there. (A realm on the registry's own host name, any
  // port, may receive them: hub/transport.ts mayReceiveCredentials.)
  d = await startMiniRegistry({
    user: DORA,
    digest: DIGEST_D,
    realm: () => `${attacker.url.replace('127.0.0.1', 'localhost')}/token`,
  });
  // a registry that answers with a Docker-Content-Digest that is not a digest
  hostile = await startMiniRegistry({ user: BOB, digest: 'sha256:1111", privileged: true, "x": "' });
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-security-'));
  const auths: Record<string, unknown> = {
    [b.host]: { auth: Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64') },
    [d.host]: { username: DORA.username, password: DORA.password },
    'https://index.docker.io/v1/': {
      auth: Buffer.from(`${HUB_CONFIG.username}:${HUB_CONFIG.password}`).toString('base64'),
    },
  };
  if (sb) {
    auths[sb.ociHost] = { username: sb.credentials.username, password: sb.credentials.password };
    auths[sb.registryHost] = { username: sb.credentials.username, password: sb.credentials.password };
  }
  // a helper name that must be refused (B's auths entry is used instead; the log gets a warning)
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths, credHelpers: { [b.host]: 'x;rm -rf ~' } }));
  savedDockerConfig = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = dir;
});
after(async () => {
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  await sb?.stop();
  await Promise.all([attacker?.stop(), b?.stop(), d?.stop(), hostile?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) t.skip(unavailable);
  return sb;
}

/** No dockerConfigPath: the service reads $DOCKER_CONFIG/config.json like docker does. */
function service(
  s: Sandbox,
  extra: Partial<FactsServiceOptions> = {},
  settings: Record<string, unknown> = {},
): HubFactsService {
  return createFactsService({
    settings: normalizeSettings({ ...s.config, ...settings }),
    trusted: true,
    dockerHubCredentials: HUB_EDITOR,
    timeoutMs: 3000,
    ...extra,
  });
}

const at = (host: string, repository: string) => ({ registry: host, repository, tag: '1.0', digest: null });
const hub = (repository: string, tag: string) => ({ registry: 'docker.io', repository, tag, digest: null });
const since = (r: RecordingServer, n: number): Recorded[] => r.requests.slice(n);
const marks = () => ({
  attacker: attacker.requests.length,
  b: b.requests.length,
  d: d.requests.length,
  hostile: hostile.requests.length,
});

function clearSandbox(s: Sandbox): void {
  for (const k of ['registry', 'hub', 'oci'] as const) {
    s.faults[k].clear();
    s.log[k].clear();
  }
}

describe('credentials only to their own host and auth realm', () => {
  test("a private image on B: bob's Basic only to B's own /token, then only B's bearer token on B", async (t) => {
    const s = need(t);
    if (!s) return;
    const m = marks();
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup(at(b.host, 'private/app'));
    assert.equal(f?.error, null, JSON.stringify(f?.error));
    assert.equal(f?.digest, DIGEST_B);
    const seen = since(b, m.b);
    assert.deepEqual(
      seen.filter((r) => r.path.startsWith('/token')).map((r) => r.authorization),
      [basic(BOB.username, BOB.password)],
    );
    for (const r of seen.filter((x) => x.path.startsWith('/v2/'))) {
      assert.ok(
        r.authorization === null || r.authorization === `Bearer ${b.userToken}`,
        `${r.path}: ${r.authorization}`,
      );
    }
    assert.ok(
      seen.some((r) => r.authorization === `Bearer ${b.userToken}`),
      'the user token was used',
    );
    assert.equal(since(attacker, m.attacker).length, 0);
  });

  test("D's token realm is on another host name: dora's credentials never go there (nor to D as Basic)", async (t) => {
    const s = need(t);
    if (!s) return;
    const m = marks();
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup(at(d.host, 'private/app'));
    const toAttacker = since(attacker, m.attacker);
    assert.ok(
      toAttacker.some((r) => r.path.startsWith('/token')),
      'the foreign realm was asked (anonymously)',
    );
    assert.deepEqual(
      toAttacker.map((r) => r.authorization),
      toAttacker.map(() => null),
      'no Authorization to the foreign realm',
    );
    assert.ok(
      since(d, m.d).every((r) => r.authorization === null),
      'no Basic to D either',
    );
    assert.ok(f?.error, 'no facts without a token');
    assert.notEqual(f?.error?.kind, 'not-found');
  });

  test("sandbox registry, realm on its own host name (token server beside it): alice's entry gets her a token; the Hub API gets nothing", async (t) => {
    const s = need(t);
    if (!s) return;
    clearSandbox(s);
    const before = s.tokens.issuedBy();
    const m = marks();
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup({ registry: s.ociHost, repository: 'private/secret', tag: '1.0', digest: null });
    assert.equal(f?.error, null, JSON.stringify(f?.error));
    assert.equal(f?.digest, s.seed.secret.digest);
    const after = s.tokens.issuedBy();
    assert.ok((after.alice ?? 0) > (before.alice ?? 0), 'a token was issued to alice');
    assert.equal(s.log.hub.entries().length, 0);
    assert.equal(since(attacker, m.attacker).length, 0);
  });

  test("docker.io through its mirror: the mirror's own entry is used; the editor's Hub token and the Hub API see nothing", async (t) => {
    const s = need(t);
    if (!s) return;
    clearSandbox(s);
    const before = s.tokens.issuedBy();
    const m = marks();
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup(hub('bitnami/redis', '7.2'));
    // the token server refuses unknown users (401): had the editor's token or the config's
    // index.docker.io password been sent to it, this lookup would have failed
    assert.equal(f?.error, null, JSON.stringify(f?.error));
    assert.equal(s.log.hub.requests({ authorization: true }).length, 0, 'Hub API asked anonymously');
    assert.ok(s.log.hub.entries().length > 0);
    const after = s.tokens.issuedBy();
    const named = (x: Record<string, number>) =>
      Object.keys(x)
        .filter((k) => k !== '' && k !== 'alice')
        .map((k) => [k, x[k]]);
    assert.deepEqual(named(after), named(before), "no user but the mirror's own");
    assert.equal(since(attacker, m.attacker).length, 0);
  });
});

describe('never across redirects', () => {
  test('B redirects a manifest to another host: the request there carries no Authorization', async (t) => {
    const s = need(t);
    if (!s) return;
    const m = marks();
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup(at(b.host, 'redir/app'));
    const redirected = since(b, m.b).filter((r) => r.path.startsWith('/v2/redir/app/manifests/'));
    assert.ok(
      redirected.some((r) => r.authorization === `Bearer ${b.userToken}`),
      'B got the token (so there was one to leak)',
    );
    const there = since(attacker, m.attacker);
    assert.ok(
      there.some((r) => r.path.startsWith('/v2/redir/app/manifests/')),
      'the redirect was followed',
    );
    assert.deepEqual(
      there.map((r) => r.authorization),
      there.map(() => null),
    );
    assert.notEqual(f?.error?.kind, 'not-found');
  });

  test('the sandbox registry proxy redirects every request to another host: no Authorization arrives there', async (t) => {
    const s = need(t);
    if (!s) return;
    clearSandbox(s);
    const m = marks();
    const svc = service(s);
    t.after(async () => {
      clearSandbox(s);
      await svc.dispose();
    });
    const warm = await svc.lookup(at(s.ociHost, 'team/app'));
    assert.equal(warm?.error, null);
    s.faults.oci.set({ path: /./, fault: { kind: 'redirect', status: 302, to: attacker.url } });
    const f = await svc.lookup({ registry: s.ociHost, repository: 'library/alpine', tag: '3.19', digest: null });
    assert.ok(
      s.log.oci.requests({ fault: 'redirect', authorization: true }).length >= 1,
      'a bearer token was on the redirected request',
    );
    const there = since(attacker, m.attacker);
    assert.ok(there.length >= 1);
    assert.deepEqual(
      there.map((r) => r.authorization),
      there.map(() => null),
    );
    assert.notEqual(f?.error?.kind, 'not-found');
  });
});

describe('untrusted workspace', () => {
  test('only allowedInUntrustedWorkspaces are contacted, and without any credentials', async (t) => {
    const s = need(t);
    if (!s) return;
    clearSandbox(s);
    const before = s.tokens.issuedBy();
    const m = marks();
    const svc = service(
      s,
      { trusted: false },
      { registries: { ...s.config.registries, allowedInUntrustedWorkspaces: ['docker.io', b.host] } },
    );
    t.after(() => svc.dispose());
    const nginx = await svc.lookup(hub('library/nginx', '1.27'));
    const bPublic = await svc.lookup(at(b.host, 'team/app'));
    const bPrivate = await svc.lookup(at(b.host, 'private/app'));
    const oci = await svc.lookup(at(s.ociHost, 'team/app'));
    const dd = await svc.lookup(at(d.host, 'team/app'));
    assert.equal(nginx?.error, null, JSON.stringify(nginx?.error));
    assert.equal(bPublic?.digest, DIGEST_B);
    assert.equal(bPrivate?.error?.kind, 'unauthorized', "bob's credentials were not used");
    const toB = since(b, m.b);
    assert.ok(toB.length > 0);
    assert.ok(
      toB.every((r) => r.authorization === null || r.authorization === `Bearer ${b.anonymousToken}`),
      JSON.stringify(toB),
    );
    for (const [name, f] of [
      ['sandbox oci registry', oci],
      ['D', dd],
    ] as const) {
      assert.equal(f?.error?.kind, 'offline', name);
      assert.match(f?.error?.message ?? '', /untrusted/);
    }
    assert.equal(s.log.oci.entries().length, 0, 'zero requests to a registry not allowed');
    assert.equal(since(d, m.d).length, 0, 'zero requests to D');
    assert.equal(since(attacker, m.attacker).length, 0);
    assert.equal(s.log.hub.requests({ authorization: true }).length, 0);
    const after = s.tokens.issuedBy();
    assert.equal(
      Object.keys(after).filter((k) => k !== '' && after[k] !== before[k]).length,
      0,
      'anonymous tokens only',
    );
  });
});

describe('secrets never in logs or on disk', () => {
  test('a full authenticated session: the log and the cache files hold no password, token or JWT', async (t) => {
    const s = need(t);
    if (!s) return;
    clearSandbox(s);
    const cacheDir = path.join(dir, 'cache-secrets');
    const logs: string[] = [];
    const svc = service(s, { cacheDir, log: (level, message) => logs.push(`${level}: ${message}`) });
    const results: Array<ImageFacts | undefined> = [];
    try {
      results.push(await svc.lookup(at(b.host, 'private/app')));
      results.push(await svc.lookup(at(b.host, 'redir/app')));
      results.push(await svc.lookup(at(d.host, 'private/app')));
      results.push(await svc.lookup(at(s.ociHost, 'private/secret')));
      results.push(await svc.lookup(at(s.ociHost, 'team/app')));
      results.push(await svc.lookup(hub('library/nginx', '1.27')));
      results.push(await svc.lookup(hub('bitnami/redis', '7.2')));
    } finally {
      await svc.dispose(); // flushes the disk cache
    }
    assert.equal(results[0]?.digest, DIGEST_B, 'the authenticated lookup worked');
    assert.ok(logs.length > 0, 'something was logged (failures, the refused helper)');
    assert.ok(
      logs.some((l) => l.includes('not valid')),
      'the refused helper name was logged',
    );
    const files = readdirSync(cacheDir);
    assert.ok(files.length > 0, 'the cache was written');
    const disk = files.map((f) => readFileSync(path.join(cacheDir, f), 'utf8')).join('\n');
    assert.ok(disk.includes(DIGEST_B), 'the cache holds the facts');
    const secrets = [
      BOB.password,
      DORA.password,
      HUB_EDITOR.token,
      HUB_CONFIG.password,
      s.credentials.password,
      b.userToken,
      b.anonymousToken,
      d.userToken,
      d.anonymousToken,
      Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64'),
      Buffer.from(`${HUB_CONFIG.username}:${HUB_CONFIG.password}`).toString('base64'),
    ];
    const jwt = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;
    const where: Array<[string, string]> = [
      ['log', logs.join('\n')],
      ['disk cache', disk],
      ['facts', JSON.stringify(results)],
    ];
    for (const [name, text] of where) {
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `${name} contains a secret (${secret.slice(0, 4)}…)`);
      assert.doesNotMatch(text, jwt, `${name} contains a JWT`);
      assert.doesNotMatch(text, /\b(Basic|Bearer) [A-Za-z0-9+/=_.-]{8,}/, `${name} contains an Authorization value`);
    }
    t.diagnostic(`${logs.length} log lines, ${disk.length} bytes of cache checked`);
  });
});

describe("a hostile registry's lying digest", () => {
  test('a Docker-Content-Digest that is not a digest is not trusted (no facts.digest, no pin fix with it)', async (t) => {
    const s = need(t);
    if (!s) return;
    // what it would do: image-trust fix writes the header value into a Compose file
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  app: { image: "${hostile.host}/team/app:1.0" }\n`);
    writeFileSync(path.join(dir, 'hostile-config.json'), '{}');
    process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, 'cache-hostile');
    await runCli(['fix', '--config', 'hostile-config.json', 'compose.yaml'], {
      cwd: dir,
      out: () => {},
      err: () => {},
      now: () => Date.now(),
      version: '0.0.0-test',
    });
    const after = readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    t.diagnostic(`compose.yaml after fix: ${after.trim()}`);
    const svc = service(s);
    t.after(() => svc.dispose());
    const f = await svc.lookup(at(hostile.host, 'team/app'));
    t.diagnostic(`facts.digest from the hostile header: ${JSON.stringify(f?.digest)}`);
    const digest = f?.digest ?? null;
    assert.ok(
      digest === null || /^sha(256|512):[a-f0-9]{64,128}$/.test(digest),
      `digest taken as ${JSON.stringify(digest)}`,
    );
    assert.doesNotMatch(after, /privileged/, "the registry injected a key into the user's file");
  });
});
