// Tag lists against the sandbox (completion and updates read them): Docker Hub's tag API where it
// answers (dates, digests), the registry's own list elsewhere or when the Hub API fails; never a
// counted pull; a missing repository is `not-found`, a fault is never an empty list without error.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { createFactsService, type HubFactsService } from '../../server/src/hub/index.js';
import { normalizeSettings } from '../../server/src/model/settings.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
});
after(async () => {
  await sb?.stop();
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) t.skip(unavailable);
  return sb;
}

function service(s: Sandbox, extra: Record<string, unknown> = {}): HubFactsService {
  return createFactsService({
    settings: normalizeSettings({ ...s.config, ...extra }),
    trusted: true,
    dockerConfigPath: '/nonexistent/config.json',
    timeoutMs: 3000,
  });
}

const manifestGets = (s: Sandbox) =>
  s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length +
  s.log.oci.requests({ method: 'GET', path: /\/manifests\// }).length;

describe('tag lists', () => {
  test('Docker Hub: the tag API, newest first, with digests and push times; cached; no pull', async (t) => {
    const s = need(t);
    if (!s) return;
    const svc = service(s);
    t.after(() => svc.dispose());
    const pulls = manifestGets(s);
    const list = await svc.tags({ registry: 'docker.io', repository: 'library/nginx' });
    assert.equal(list?.error, null);
    assert.equal(list?.source, 'hub');
    assert.deepEqual(new Set(list?.tags.map((x) => x.name)), new Set(s.seed.nginx.tags));
    for (const tag of list?.tags ?? []) {
      assert.equal(tag.digest, s.seed.nginx.digest);
      assert.equal(Date.parse(tag.lastPushed ?? ''), s.seed.nginx.pushedAt.getTime());
    }
    const hubCalls = s.log.hub.entries().length;
    await svc.tags({ registry: 'docker.io', repository: 'library/nginx' });
    assert.equal(s.log.hub.entries().length, hubCalls, 'the second list comes from the cache');
    assert.equal(manifestGets(s), pulls, 'no manifest GET');
  });

  test('another registry: its own tag list (names only)', async (t) => {
    const s = need(t);
    if (!s) return;
    const svc = service(s);
    t.after(() => svc.dispose());
    const list = await svc.tags({ registry: s.registryHost, repository: 'team/app' });
    assert.equal(list?.error, null);
    assert.equal(list?.source, 'registry');
    assert.ok(
      list?.tags.some((x) => x.name === '1.0' && x.digest === null && x.lastPushed === null),
      JSON.stringify(list),
    );
  });

  test('the Hub API failing: the registry list still answers for docker.io', async (t) => {
    const s = need(t);
    if (!s) return;
    const svc = service(s);
    t.after(() => svc.dispose());
    s.faults.hub.set({ path: /\/tags/, fault: { kind: 'status', status: 503 } });
    t.after(() => s.faults.hub.clear());
    const list = await svc.tags({ registry: 'docker.io', repository: 'library/python' });
    assert.equal(list?.error, null);
    assert.equal(list?.source, 'registry');
    assert.ok(list?.tags.some((x) => x.name === '3.12'));
  });

  test('a missing repository is not-found; an unreachable host is an error, never an empty answer', async (t) => {
    const s = need(t);
    if (!s) return;
    const svc = service(s, {
      registries: {
        ...s.config.registries,
        mirrors: { ...s.config.registries.mirrors, 'dead.example': 'http://127.0.0.1:9' },
      },
    });
    t.after(() => svc.dispose());
    const missing = await svc.tags({ registry: s.registryHost, repository: 'nobody/missing' });
    assert.equal(missing?.error?.kind, 'not-found');
    const dead = await svc.tags({ registry: 'dead.example', repository: 'x/y' });
    assert.ok(dead?.error && dead.error.kind !== 'not-found', JSON.stringify(dead?.error));
    assert.deepEqual(dead?.tags, []);
  });
});
