// The default fetch: Node's own http/https request with an HTTP(S) proxy agent chosen per URL from
// the editor's proxy setting or HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Loopback never goes through a
// proxy. Not node-fetch or the global fetch: the hub needs status, headers and a body stream, and
// node-fetch's WHATWG streams and blobs cost the server some 6 MB of memory for nothing; the global
// fetch (undici) takes no http.Agent, so proxies would need a second mechanism. The network
// modules are loaded on the first request: a server that never goes online does not pay for TLS.
import type { Agent, IncomingMessage } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import type { FetchLike, FetchResponse } from './http.js';
import { isLoopback } from './transport.js';

export interface ProxyOptions {
  /** the editor's proxy URL; wins over the environment */
  proxy?: string;
  /** false: accept any certificate from the proxied server (the editor's http.proxyStrictSSL) */
  proxyStrictSSL?: boolean;
}

export function proxyFor(url: URL, options: ProxyOptions): string | null {
  if (isLoopback(url.host)) return null;
  const fromEnv = getProxyForUrl(url.href);
  // NO_PROXY still applies to the editor's proxy: an empty answer with HTTP(S)_PROXY set means excluded
  if (options.proxy) return fromEnv === '' && hasEnvProxy() ? null : options.proxy;
  return fromEnv === '' ? null : fromEnv;
}

function hasEnvProxy(): boolean {
  const e = process.env;
  return Boolean(e.HTTPS_PROXY || e.https_proxy || e.HTTP_PROXY || e.http_proxy || e.ALL_PROXY || e.all_proxy);
}

export function createDefaultFetch(options: ProxyOptions): FetchLike {
  const agents = new Map<string, Agent>();
  const agentFor = (url: URL): Agent | undefined => {
    const proxy = proxyFor(url, options);
    if (!proxy) return undefined;
    const key = `${url.protocol}${proxy}`;
    let agent = agents.get(key);
    if (!agent) {
      const rejectUnauthorized = options.proxyStrictSSL !== false;
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first proxied request */
      agent =
        url.protocol === 'https:'
          ? new (require('https-proxy-agent') as typeof import('https-proxy-agent')).HttpsProxyAgent(proxy, {
              rejectUnauthorized,
            })
          : new (require('http-proxy-agent') as typeof import('http-proxy-agent')).HttpProxyAgent(proxy);
      /* eslint-enable @typescript-eslint/no-require-imports */
      agents.set(key, agent);
    }
    return agent;
  };
  return (href, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      const url = new URL(href);
      // redirects are the caller's (init.redirect is always 'manual'): http.request never follows one
      const { request } = networkModule(url.protocol);
      const req = request(
        url,
        {
          method: init.method,
          headers: { 'accept-encoding': ACCEPT_ENCODING, ...init.headers },
          agent: agentFor(url),
          signal: init.signal,
        },
        (res) => {
          try {
            resolve(responseOf(res, init.method));
          } catch (e) {
            reject(e);
          }
        },
      );
      req.on('error', reject);
      req.end();
    });
}

/** node:https or node:http, loaded on the first request that needs it. */
function networkModule(protocol: string): typeof import('node:https') {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not at start */
  return protocol === 'https:' ? require('node:https') : require('node:http');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Compressed answers save bandwidth (a tag list is mostly repeated keys); they are decoded as they
 * stream, so the caller's body cap counts decoded bytes and a compression bomb stops at it. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

function decoded(res: IncomingMessage): AsyncIterable<Uint8Array> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return res;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first compressed answer
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) {
    res.destroy();
    throw Object.assign(new Error(`unsupported content-encoding ${encoding.slice(0, 40)}`), { code: 'EENCODING' });
  }
  // an error on either side ends the decoded stream with it; leaving the loop early destroys both
  res.on('error', (e) => decoder.destroy(e));
  decoder.on('close', () => res.destroy());
  return res.pipe(decoder);
}

function responseOf(res: IncomingMessage, method: string): FetchResponse {
  if (method === 'HEAD') res.resume();
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name) {
        const value = res.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    // an IncomingMessage (or its decoder) is an async iterable of Buffers; leaving the loop early
    // destroys it
    body: method === 'HEAD' ? null : decoded(res),
  };
}
