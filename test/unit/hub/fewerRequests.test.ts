// Fewer requests for many images at once (issue 15): scopes asked for together share one token
// request, and several repositories of one Docker Hub namespace are answered by its listing —
// each falling back to what a single request would do when the shared one cannot answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Challenge } from '../../../server/src/hub/challenge.js';
import type { HubAnswer, HubRepository } from '../../../server/src/hub/dockerHubApi.js';
import { RepositoryInfo } from '../../../server/src/hub/repositoryInfo.js';
import { TokenCache } from '../../../server/src/hub/tokens.js';
import { FakeFetch } from './fakeFetch.js';
import { Clock, httpClient } from './support.js';

const REALM = 'https://auth.example.com/token';
const CHALLENGE: Challenge = { scheme: 'bearer', params: { realm: REALM, service: 'registry.example.com' } };
const scope = (repository: string): string => `repository:${repository}:pull`;

function tokenUrl(...repositories: string[]): string {
  const u = new URL(REALM);
  u.searchParams.set('service', 'registry.example.com');
  for (const r of repositories) u.searchParams.append('scope', scope(r));
  return u.href;
}

describe('token requests: the scopes asked for together share one', () => {
  test('three repositories at once: one request with three scopes, one token for all; none more while it lasts', async () => {
    const clock = new Clock();
    const fake = new FakeFetch([{ url: tokenUrl('a/one', 'a/two', 'b/three'), body: { token: 'T', expires_in: 300 } }]);
    const tokens = new TokenCache(httpClient(fake, clock).http, clock.now);
    const got = await Promise.all(['a/one', 'a/two', 'b/three'].map((r) => tokens.get(CHALLENGE, scope(r), null)));
    assert.deepEqual(got, ['T', 'T', 'T']);
    assert.equal(await tokens.get(CHALLENGE, scope('a/two'), null), 'T');
    fake.assertDone();
  });

  test('the realm refuses the shared request: one request per scope, each answered on its own', async () => {
    const clock = new Clock();
    const fake = new FakeFetch([
      { url: tokenUrl('a/one', 'a/two'), status: 400, body: { errors: [{ code: 'DENIED' }] } },
      { url: tokenUrl('a/one'), body: { token: 'T1' } },
      { url: tokenUrl('a/two'), status: 401, body: { errors: [{ code: 'UNAUTHORIZED' }] } },
    ]);
    const tokens = new TokenCache(httpClient(fake, clock).http, clock.now);
    const [one, two] = await Promise.allSettled([
      tokens.get(CHALLENGE, scope('a/one'), null),
      tokens.get(CHALLENGE, scope('a/two'), null),
    ]);
    assert.deepEqual(one, { status: 'fulfilled', value: 'T1' });
    assert.equal(two.status, 'rejected', 'the scope the realm refuses fails as it would alone');
    fake.assertDone();
  });

  test('at most 40 scopes a request', async () => {
    const clock = new Clock();
    const repositories = Array.from({ length: 45 }, (_, i) => `r/n${i}`);
    const fake = new FakeFetch([
      { url: tokenUrl(...repositories.slice(0, 40)), body: { token: 'A' } },
      { url: tokenUrl(...repositories.slice(40)), body: { token: 'B' } },
    ]);
    const tokens = new TokenCache(httpClient(fake, clock).http, clock.now);
    const got = await Promise.all(repositories.map((r) => tokens.get(CHALLENGE, scope(r), null)));
    assert.deepEqual([got[0], got[39], got[40], got[44]], ['A', 'A', 'B', 'B']);
    fake.assertDone();
  });
});

/** A Hub API double: the namespace listing's pages and the repository endpoint, with what was asked. */
function hubDouble(o: { pages: Array<string[]>; count?: number; failListing?: boolean; exists?: string[] }) {
  const asked: string[] = [];
  const info = (name: string): HubRepository => ({ description: `about ${name}`, archived: name.endsWith('old') });
  return {
    asked,
    hub: {
      async namespacePage(namespace: string, page: number) {
        asked.push(`list ${namespace} ${page}`);
        if (o.failListing) throw new Error('listing failed');
        const names = o.pages[page - 1] ?? [];
        return {
          repositories: new Map(names.map((n) => [n, info(n)])),
          pages: Math.ceil((o.count ?? o.pages.flat().length) / 100),
        };
      },
      async repository(namespace: string, repository: string): Promise<HubAnswer<HubRepository>> {
        asked.push(`get ${namespace}/${repository}`);
        return (o.exists ?? []).includes(repository) || o.pages.flat().includes(repository)
          ? { found: true, value: info(repository) }
          : { found: false };
      },
    },
  };
}

describe('repository answers: several of one namespace from its listing', () => {
  test('three repositories of one namespace: one listing page answers them', async () => {
    const d = hubDouble({ pages: [['api', 'web', 'worker-old']] });
    const repos = new RepositoryInfo(d.hub, Date.now);
    const got = await Promise.all(['api', 'web', 'worker-old'].map((r) => repos.get('acme', r)));
    assert.deepEqual(got, [
      { found: true, value: { description: 'about api', archived: false } },
      { found: true, value: { description: 'about web', archived: false } },
      { found: true, value: { description: 'about worker-old', archived: true } },
    ]);
    assert.deepEqual(d.asked, ['list acme 1']);
  });

  test('a repository the listing does not hold is asked on its own (its 404 says it does not exist)', async () => {
    const d = hubDouble({ pages: [['api', 'web']] });
    const repos = new RepositoryInfo(d.hub, Date.now);
    const got = await Promise.all(['api', 'web', 'ghost'].map((r) => repos.get('acme', r)));
    assert.deepEqual(got[2], { found: false });
    assert.deepEqual(d.asked, ['list acme 1', 'get acme/ghost']);
  });

  test('two repositories: one request each (a listing would not save one)', async () => {
    const d = hubDouble({ pages: [['api', 'web']] });
    const repos = new RepositoryInfo(d.hub, Date.now);
    await Promise.all(['api', 'web'].map((r) => repos.get('acme', r)));
    assert.deepEqual(d.asked.sort(), ['get acme/api', 'get acme/web']);
  });

  test('the listing fails: every repository is asked on its own', async () => {
    const d = hubDouble({ pages: [['api', 'web', 'db']], failListing: true });
    const repos = new RepositoryInfo(d.hub, Date.now);
    const got = await Promise.all(['api', 'web', 'db'].map((r) => repos.get('acme', r)));
    assert.ok(got.every((a) => a.found));
    assert.deepEqual(d.asked.sort(), ['get acme/api', 'get acme/db', 'get acme/web', 'list acme 1']);
  });

  test('a namespace of many pages: the listing stops where a page would cost more than it spares', async () => {
    const d = hubDouble({ pages: [['a0']], count: 2000, exists: ['x', 'y', 'z'] });
    const repos = new RepositoryInfo(d.hub, Date.now);
    await Promise.all(['x', 'y', 'z'].map((r) => repos.get('big', r)));
    assert.deepEqual(d.asked, ['list big 1', 'get big/x', 'get big/y', 'get big/z']);
  });

  test('a page read answers the repositories asked for after it', async () => {
    const d = hubDouble({ pages: [['api', 'web', 'db', 'cache']] });
    const repos = new RepositoryInfo(d.hub, Date.now);
    await Promise.all(['api', 'web', 'db'].map((r) => repos.get('acme', r)));
    await Promise.all(['cache', 'api', 'web'].map((r) => repos.get('acme', r)));
    assert.deepEqual(d.asked, ['list acme 1']);
  });
});
