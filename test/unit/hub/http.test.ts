import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { HubFailure } from '../../../server/src/hub/errors.js';
import { parseRateLimit, retryAtFrom } from '../../../server/src/hub/rateLimit.js';
import { FakeFetch, fixtureText } from './fakeFetch.js';
import { Clock, httpClient } from './support.js';

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof HubFailure, `expected a HubFailure, got ${String(e)}`);
    return e.error;
  }
  assert.fail('expected a failure');
}

describe('http: transport rule (https only, http for loopback and insecure hosts)', () => {
  const cases: Array<{ url: string; insecure?: string[]; allowed: boolean }> = [
    { url: 'https://registry.example.com/v2/', allowed: true },
    { url: 'http://registry.example.com/v2/', allowed: false },
    { url: 'http://registry.example.com/v2/', insecure: ['registry.example.com'], allowed: true },
    { url: 'http://registry.example.com:5000/v2/', insecure: ['registry.example.com:5000'], allowed: true },
    { url: 'http://127.0.0.1:5000/v2/', allowed: true },
    { url: 'http://127.9.8.7/v2/', allowed: true },
    { url: 'http://localhost:5000/v2/', allowed: true },
    { url: 'http://[::1]:5000/v2/', allowed: true },
    { url: 'http://128.0.0.1/v2/', allowed: false },
    { url: 'http://localhost.evil.example/v2/', allowed: false },
    { url: 'ftp://registry.example.com/v2/', allowed: false },
  ];
  for (const c of cases) {
    test(`${c.url}${c.insecure ? ` (insecure: ${c.insecure.join(',')})` : ''} → ${c.allowed ? 'requested' : 'refused'}`, async () => {
      const fake = new FakeFetch(c.allowed ? [{ url: c.url, status: 200 }] : []);
      const { http } = httpClient(fake, undefined, { insecure: c.insecure });
      const p = http.request({ url: new URL(c.url) });
      if (c.allowed) assert.equal((await p).status, 200);
      else {
        const err = await failureOf(p);
        assert.equal(err.kind, 'offline');
        assert.match(err.message, /not contacted/);
      }
      fake.assertDone();
    });
  }
});

describe('http: redirects are followed by hand', () => {
  test('a redirect to another host drops Authorization', async () => {
    const fake = new FakeFetch([
      {
        url: 'https://reg.example/v2/a/manifests/1',
        headers: { authorization: 'Bearer T' },
        status: 307,
        responseHeaders: { location: 'https://cdn.example/blob?sig=1' },
      },
      { url: 'https://cdn.example/blob?sig=1', headers: { authorization: undefined }, body: 'ok' },
    ]);
    const { http } = httpClient(fake);
    const res = await http.request({
      url: new URL('https://reg.example/v2/a/manifests/1'),
      headers: { authorization: 'Bearer T' },
    });
    assert.equal(res.body.toString(), 'ok');
    assert.equal(res.url.host, 'cdn.example');
    fake.assertDone();
  });
  test('a redirect on the same host keeps Authorization', async () => {
    const fake = new FakeFetch([
      {
        url: 'https://reg.example/a',
        headers: { authorization: 'Bearer T' },
        status: 301,
        responseHeaders: { location: '/b' },
      },
      { url: 'https://reg.example/b', headers: { authorization: 'Bearer T' }, body: 'ok' },
    ]);
    const { http } = httpClient(fake);
    assert.equal(
      (await http.request({ url: new URL('https://reg.example/a'), headers: { authorization: 'Bearer T' } })).status,
      200,
    );
    fake.assertDone();
  });
  // a redirect the transport rule refuses is the server's bad answer, not "offline"
  for (const location of ['http://reg.example/b', 'file:///etc/passwd', 'javascript:alert(1)']) {
    test(`a redirect to ${location} is refused as a bad response`, async () => {
      const fake = new FakeFetch([{ url: 'https://reg.example/a', status: 302, responseHeaders: { location } }]);
      const { http } = httpClient(fake);
      const err = await failureOf(http.request({ url: new URL('https://reg.example/a') }));
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, /redirected to a URL that is not followed/);
      fake.assertDone();
    });
  }
});

describe('http: faults are classified', () => {
  test('no answer within the timeout → timeout', async () => {
    const fake = new FakeFetch([{ url: 'https://slow.example/x', hang: true }]);
    const { http } = httpClient(fake, undefined, { timeoutMs: 30 });
    const err = await failureOf(http.request({ url: new URL('https://slow.example/x') }));
    assert.equal(err.kind, 'timeout');
    fake.assertDone();
  });
  test('a body over the cap → bad-response', async () => {
    const fake = new FakeFetch([{ url: 'https://big.example/x', body: 'x'.repeat(5000) }]);
    const { http } = httpClient(fake);
    const err = await failureOf(http.request({ url: new URL('https://big.example/x'), maxBytes: 4096 }));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /more than 4096 bytes/);
    fake.assertDone();
  });
  test('a body at the cap is read', async () => {
    const fake = new FakeFetch([{ url: 'https://big.example/x', body: 'x'.repeat(4096) }]);
    const { http } = httpClient(fake);
    assert.equal((await http.request({ url: new URL('https://big.example/x'), maxBytes: 4096 })).body.length, 4096);
    fake.assertDone();
  });
  test('a connection error → network (with its code)', async () => {
    const fake = new FakeFetch([{ url: 'https://down.example/x', networkError: 'ECONNREFUSED' }]);
    const { http } = httpClient(fake);
    const err = await failureOf(http.request({ url: new URL('https://down.example/x') }));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /ECONNREFUSED/);
    fake.assertDone();
  });
});

describe('http: 429 backs the host off', () => {
  const clock0 = Date.UTC(2026, 0, 1);
  const cases: Array<{ name: string; headers: Record<string, string>; until: number }> = [
    { name: 'Retry-After in seconds', headers: { 'retry-after': '120' }, until: clock0 + 120_000 },
    {
      name: 'Retry-After as an HTTP date',
      headers: { 'retry-after': new Date(clock0 + 300_000).toUTCString() },
      until: clock0 + 300_000,
    },
    {
      name: 'X-Retry-After as epoch seconds (older Hub API docs)',
      headers: { 'x-retry-after': String((clock0 + 90_000) / 1000) },
      until: clock0 + 90_000,
    },
    { name: 'no header → one minute', headers: {}, until: clock0 + 60_000 },
  ];
  for (const c of cases) {
    test(`${c.name}: rate-limited until then, zero requests during the back-off, asked again after`, async () => {
      const fake = new FakeFetch([
        {
          url: 'https://hub.example/a',
          status: 429,
          responseHeaders: c.headers,
          body: fixtureText('kogito-2854-registry-429-body.json'),
        },
      ]);
      const clock = new Clock(clock0);
      const { http } = httpClient(fake, clock);
      const first = await failureOf(http.request({ url: new URL('https://hub.example/a') }));
      assert.equal(first.kind, 'rate-limited');
      assert.equal(first.retryAt, new Date(c.until).toISOString());
      const before = fake.calls.length;
      for (const path of ['a', 'b', 'c']) {
        const err = await failureOf(http.request({ url: new URL(`https://hub.example/${path}`) }));
        assert.equal(err.kind, 'rate-limited');
      }
      assert.equal(fake.calls.length - before, 0, 'no request during the back-off');
      clock.t = c.until;
      fake.expect({ url: 'https://hub.example/a', status: 200 });
      assert.equal((await http.request({ url: new URL('https://hub.example/a') })).status, 200);
      fake.assertDone();
    });
  }
  test('another host is not backed off', async () => {
    const fake = new FakeFetch([
      { url: 'https://one.example/a', status: 429, responseHeaders: { 'retry-after': '600' } },
      { url: 'https://two.example/a', status: 200 },
    ]);
    const { http } = httpClient(fake);
    assert.equal((await failureOf(http.request({ url: new URL('https://one.example/a') }))).kind, 'rate-limited');
    assert.equal((await http.request({ url: new URL('https://two.example/a') })).status, 200);
    fake.assertDone();
  });
});

describe('rate-limit headers', () => {
  const headerBlock = (name: string) => {
    const map = new Map<string, string>();
    for (const line of fixtureText(name).split('\n')) {
      const m = /^([a-z-]+): (.*)$/i.exec(line.trim());
      if (m) map.set(m[1]!.toLowerCase(), m[2]!);
    }
    return (n: string) => map.get(n) ?? null;
  };
  test('anonymous registry HEAD (fixture): ratelimit-limit 100;w=21600, remaining 0', () => {
    assert.deepEqual(parseRateLimit(headerBlock('hub-feedback-2464-head-manifest-anonymous-headers.txt')), {
      limit: 100,
      remaining: 0,
      resetAt: null,
    });
  });
  test('paid account HEAD (fixture): no rate-limit headers → null', () => {
    assert.equal(parseRateLimit(headerBlock('docker-roadmap-701-head-manifest-paid-headers.txt')), null);
  });
  test('Hub API X-RateLimit-* with reset epoch', () => {
    const h: Record<string, string> = {
      'x-ratelimit-limit': '180',
      'x-ratelimit-remaining': '179',
      'x-ratelimit-reset': '1767225600',
    };
    assert.deepEqual(
      parseRateLimit((n) => h[n] ?? null),
      { limit: 180, remaining: 179, resetAt: '2026-01-01T00:00:00.000Z' },
    );
  });
  test('a Retry-After in the past falls back to one minute', () => {
    assert.equal(
      retryAtFrom((n) => (n === 'retry-after' ? 'Thu, 01 Jan 2015 00:00:00 GMT' : null), Date.UTC(2026, 0, 1)),
      Date.UTC(2026, 0, 1) + 60_000,
    );
  });
});
