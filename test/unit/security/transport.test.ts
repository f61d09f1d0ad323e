// HTTPS only, except loopback and `registries.insecure`: the facts service never sends a request to
// a non-loopback host over plain http — not for a registry, not for a mirror, not for the Hub API,
// not after a redirect. A fetch that records every URL stands in for the network (no test here may
// contact a non-loopback address).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFactsService } from '../../../server/src/hub/index.js';
import type { FetchInit, FetchLike, FetchResponse } from '../../../server/src/hub/index.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';

interface Recorder {
  fetch: FetchLike;
  urls: string[];
}

/** Records URLs; answers 503 unless `answer` says otherwise. */
interface Answer {
  status: number;
  headers?: Record<string, string>;
}

function recorder(answer?: (url: string, init: FetchInit) => Answer | null): Recorder {
  const urls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    urls.push(url);
    const a = answer?.(url, init) ?? null;
    const headers = new Map(Object.entries(a?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const res: FetchResponse = {
      status: a?.status ?? 503,
      headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
      body: null,
    };
    return res;
  };
  return { fetch, urls };
}

const target = (registry: string, repository = 'team/app') => ({ registry, repository, tag: '1.0', digest: null });
const plainHttpToPublic = (u: string) => {
  const url = new URL(u);
  return url.protocol === 'http:' && !/^(127\.|localhost$|\[::1\]$)/.test(url.hostname);
};

describe('https only, except loopback and registries.insecure', () => {
  const cases: Array<{
    name: string;
    settings: Record<string, unknown>;
    registry: string;
    /** what the first request must look like, or null: no request at all */
    first: RegExp | null;
    /** when no request is made: the refusal */
    refusal?: RegExp;
  }> = [
    {
      name: 'a public registry without settings → https',
      settings: {},
      registry: 'registry.example.test',
      first: /^https:\/\/registry\.example\.test\/v2\/team\/app\/manifests\/1\.0$/,
    },
    {
      name: 'a public registry with a port → https',
      settings: {},
      registry: 'registry.example.test:5000',
      first: /^https:\/\/registry\.example\.test:5000\//,
    },
    {
      name: 'an http mirror for a public registry → refused, nothing sent',
      settings: { registries: { mirrors: { 'registry.example.test': 'http://mirror.example.test:5000' } } },
      registry: 'registry.example.test',
      first: null,
      refusal: /plain http/,
    },
    {
      name: 'an http mirror for docker.io → refused, nothing sent to the mirror',
      settings: {
        registries: { mirrors: { 'docker.io': 'http://mirror.example.test' } },
        dockerHub: { apiUrl: 'https://hub.example.test' },
      },
      registry: 'docker.io',
      first: /^https:\/\/hub\.example\.test\//,
      refusal: /plain http/,
    },
    {
      name: 'an https mirror → https to the mirror',
      settings: { registries: { mirrors: { 'registry.example.test': 'https://mirror.example.test' } } },
      registry: 'registry.example.test',
      first: /^https:\/\/mirror\.example\.test\/v2\//,
    },
    {
      name: 'registries.insecure lists the host → http allowed',
      settings: { registries: { insecure: ['registry.example.test'] } },
      registry: 'registry.example.test',
      first: /^http:\/\/registry\.example\.test\/v2\//,
    },
    {
      name: 'insecure lists ANOTHER host → still https',
      settings: { registries: { insecure: ['other.example.test'] } },
      registry: 'registry.example.test',
      first: /^https:\/\/registry\.example\.test\//,
    },
    {
      name: 'a loopback registry → http (local development)',
      settings: {},
      registry: '127.0.0.1:5999',
      first: /^http:\/\/127\.0\.0\.1:5999\/v2\//,
    },
    { name: 'localhost → http', settings: {}, registry: 'localhost:5999', first: /^http:\/\/localhost:5999\/v2\// },
    {
      name: 'a host merely starting with 127 is not loopback → https',
      settings: {},
      registry: '127.0.0.1.example.test',
      first: /^https:\/\/127\.0\.0\.1\.example\.test\//,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const r = recorder();
      const svc = createFactsService({
        settings: normalizeSettings(c.settings),
        trusted: true,
        fetch: r.fetch,
        dockerConfigPath: '/nonexistent',
        timeoutMs: 1000,
      });
      const f = await svc.lookup(target(c.registry));
      await svc.dispose();
      const insecure = normalizeSettings(c.settings).registries.insecure;
      const unexpected = r.urls.filter(plainHttpToPublic).filter((u) => !insecure.includes(new URL(u).host));
      assert.deepEqual(unexpected, [], 'no plain http to a public host that is not listed as insecure');
      if (c.first === null) {
        assert.deepEqual(r.urls, [], 'nothing sent');
      } else {
        assert.match(r.urls[0] ?? '(none)', c.first);
      }
      if (c.refusal) {
        assert.equal(f?.error?.kind, 'offline', JSON.stringify(f?.error));
        assert.match(f?.error?.message ?? '', c.refusal);
      }
      assert.notEqual(f?.error?.kind, 'not-found');
    });
  }

  test('dockerHub.apiUrl over plain http to a public host is never contacted', async () => {
    const r = recorder();
    const settings = normalizeSettings({
      dockerHub: { apiUrl: 'http://hub.example.test' },
      registries: { mirrors: { 'docker.io': 'https://mirror.example.test' } },
    });
    const svc = createFactsService({
      settings,
      trusted: true,
      fetch: r.fetch,
      dockerConfigPath: '/nonexistent',
      timeoutMs: 1000,
    });
    const f = await svc.lookup({ registry: 'docker.io', repository: 'someone/tool', tag: '1.0', digest: null });
    await svc.dispose();
    assert.ok(r.urls.length > 0, 'the https mirror was asked');
    assert.deepEqual(
      r.urls.filter((u) => u.startsWith('http:')),
      [],
    );
    assert.notEqual(f?.error?.kind, 'not-found');
  });

  // a refused redirect is the server's bad answer (bad-response), never "offline"
  const redirects: Array<{ name: string; location: string; followed: boolean; kind?: string }> = [
    {
      name: 'https → http on a public host: refused',
      location: 'http://cdn.example.test/blob',
      followed: false,
      kind: 'bad-response',
    },
    { name: 'https → javascript: refused', location: 'javascript:alert(1)', followed: false, kind: 'bad-response' },
    { name: 'https → file: refused', location: 'file:///etc/passwd', followed: false, kind: 'bad-response' },
    { name: 'https → data: refused', location: 'data:text/plain,x', followed: false, kind: 'bad-response' },
    { name: 'https → https on another host: followed', location: 'https://cdn.example.test/blob', followed: true },
  ];
  for (const c of redirects) {
    test(`a redirect ${c.name}`, async () => {
      const r = recorder((url) =>
        url.startsWith('https://registry.example.test/') ? { status: 307, headers: { location: c.location } } : null,
      );
      const svc = createFactsService({
        settings: normalizeSettings({}),
        trusted: true,
        fetch: r.fetch,
        dockerConfigPath: '/nonexistent',
        timeoutMs: 1000,
      });
      const f = await svc.lookup(target('registry.example.test'));
      await svc.dispose();
      const target2 = new URL(c.location, 'https://registry.example.test/').href;
      assert.equal(r.urls.includes(target2), c.followed, r.urls.join('\n'));
      assert.deepEqual(
        r.urls.filter((u) => !u.startsWith('https:')),
        [],
      );
      assert.ok(f?.error, 'an error, not facts');
      assert.notEqual(f?.error?.kind, 'not-found');
      if (c.kind) assert.equal(f?.error?.kind, c.kind, f?.error?.message);
    });
  }
});
