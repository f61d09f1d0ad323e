// The hub's default fetch (hub/proxy.ts) against real sockets: a local origin server and a local
// HTTP proxy that sees every request sent through it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createDefaultFetch } from '../../../server/src/hub/proxy.js';
import type { FetchInit } from '../../../server/src/hub/http.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function text(body: AsyncIterable<Uint8Array | string> | null): Promise<string> {
  if (!body) return '';
  let out = '';
  for await (const chunk of body) out += Buffer.from(chunk).toString('utf8');
  return out;
}

const init = (o: Partial<FetchInit> = {}): FetchInit => ({
  method: 'GET',
  headers: {},
  redirect: 'manual',
  signal: new AbortController().signal,
  ...o,
});

describe('default fetch', () => {
  let origin: Server;
  let originPort = 0;
  let proxy: Server;
  let proxyPort = 0;
  /** what the proxy was asked for: the request line's target, or CONNECT host:port */
  const proxied: string[] = [];
  const saved = { ...process.env };

  before(async () => {
    origin = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(307, { location: '/elsewhere' }).end();
        return;
      }
      if (req.url === '/stall') return; // never answers
      if (req.url?.startsWith('/encoded/')) {
        const encoding = req.url.slice('/encoded/'.length);
        const body = Buffer.from(
          JSON.stringify({ asked: req.headers['accept-encoding'] ?? null, pad: 'x'.repeat(4096) }),
        );
        const encode: Record<string, (b: Buffer) => Buffer> = {
          gzip: gzipSync,
          deflate: deflateSync,
          br: brotliCompressSync,
        };
        if (encoding === 'bomb') {
          // 64 MiB of zeros, a few KB on the wire
          res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
          return;
        }
        if (encoding === 'compress') {
          res.writeHead(200, { 'content-encoding': 'compress' }).end('??');
          return;
        }
        res.writeHead(200, { 'content-encoding': encoding }).end((encode[encoding] ?? ((b: Buffer) => b))(body));
        return;
      }
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(200, { 'content-type': 'application/json', 'x-seen-auth': req.headers.authorization ?? '' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ path: req.url }));
    });
    originPort = await listen(origin);
    // forwards absolute-URI requests to the origin, whatever host they name; refuses CONNECT
    proxy = createServer((req, res) => {
      proxied.push(req.url ?? '');
      const target = new URL(req.url ?? '/');
      const up = httpRequest(
        { host: '127.0.0.1', port: originPort, path: target.pathname, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    proxy.on('connect', (req, socket) => {
      proxied.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    proxyPort = await listen(proxy);
  });

  after(() => {
    origin.closeAllConnections();
    origin.close();
    proxy.closeAllConnections();
    proxy.close();
    process.env = saved;
  });

  test('status, headers (repeated ones joined), body, request headers sent', async () => {
    const res = await createDefaultFetch({})(
      `http://127.0.0.1:${originPort}/v2/x`,
      init({ headers: { authorization: 'Bearer t' } }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Content-Type'), 'application/json');
    assert.equal(res.headers.get('set-cookie'), 'a=1, b=2');
    assert.equal(res.headers.get('x-seen-auth'), 'Bearer t');
    assert.equal(res.headers.get('x-absent'), null);
    assert.deepEqual(JSON.parse(await text(res.body)), { path: '/v2/x' });
  });

  test('HEAD: no body', async () => {
    const res = await createDefaultFetch({})(`http://127.0.0.1:${originPort}/v2/x`, init({ method: 'HEAD' }));
    assert.equal(res.status, 200);
    assert.equal(res.body, null);
  });

  test('a redirect is answered, not followed (the hub follows it by hand)', async () => {
    const res = await createDefaultFetch({})(`http://127.0.0.1:${originPort}/redirect`, init());
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/elsewhere');
    await text(res.body);
  });

  test('the signal aborts a request that does not answer', async () => {
    const controller = new AbortController();
    const pending = createDefaultFetch({})(`http://127.0.0.1:${originPort}/stall`, init({ signal: controller.signal }));
    controller.abort(new Error('timeout'));
    await assert.rejects(pending);
  });

  test('a refused connection rejects with its code', async () => {
    const closed = createServer();
    const port = await listen(closed);
    closed.close();
    await assert.rejects(
      createDefaultFetch({})(`http://127.0.0.1:${port}/`, init()),
      (e: { code?: string }) => e.code === 'ECONNREFUSED',
    );
  });

  test("the editor's proxy carries plain http to another host; loopback goes direct", async () => {
    proxied.length = 0;
    const fetch = createDefaultFetch({ proxy: `http://127.0.0.1:${proxyPort}` });
    const res = await fetch('http://registry.example.test/v2/through', init());
    assert.deepEqual(JSON.parse(await text(res.body)), { path: '/v2/through' });
    await text((await fetch(`http://127.0.0.1:${originPort}/v2/direct`, init())).body);
    assert.deepEqual(proxied, ['http://registry.example.test/v2/through']);
  });

  test('HTTPS_PROXY tunnels https with CONNECT (this proxy refuses it: its refusal is the answer)', async () => {
    proxied.length = 0;
    for (const k of ['NO_PROXY', 'no_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxyPort}`;
    const res = await createDefaultFetch({})('https://registry.example.test/v2/', init());
    assert.equal(res.status, 403);
    assert.deepEqual(proxied, ['CONNECT registry.example.test:443']);
  });

  for (const encoding of ['gzip', 'deflate', 'br']) {
    test(`a ${encoding} answer is decoded (compression is asked for)`, async () => {
      const res = await createDefaultFetch({})(`http://127.0.0.1:${originPort}/encoded/${encoding}`, init());
      const body = JSON.parse(await text(res.body)) as { asked: string; pad: string };
      assert.equal(body.asked, 'gzip, deflate, br');
      assert.equal(body.pad.length, 4096);
    });
  }

  test('a compression bomb is read only as far as the reader goes', async () => {
    const res = await createDefaultFetch({})(`http://127.0.0.1:${originPort}/encoded/bomb`, init());
    let seen = 0;
    for await (const chunk of res.body ?? []) {
      seen += Buffer.from(chunk).length;
      if (seen > 1024 * 1024) break; // as the hub's body cap does
    }
    assert.ok(seen > 1024 * 1024 && seen < 8 * 1024 * 1024, `read ${seen} bytes`);
  });

  test('an encoding it cannot decode is a failed request, not garbage', async () => {
    await assert.rejects(
      createDefaultFetch({})(`http://127.0.0.1:${originPort}/encoded/compress`, init()),
      /unsupported content-encoding compress/,
    );
  });
});
