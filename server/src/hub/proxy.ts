// The default fetch: node-fetch with an HTTP(S) proxy agent chosen per URL from the editor's proxy
// setting or HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Loopback never goes through a proxy.
import type { Agent } from 'node:http';
import nodeFetch from 'node-fetch';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import type { FetchLike } from './http.js';
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
      agent = url.protocol === 'https:'
        ? new HttpsProxyAgent(proxy, { rejectUnauthorized })
        : new HttpProxyAgent(proxy);
      agents.set(key, agent);
    }
    return agent;
  };
  return async (url, init) => {
    const res = await nodeFetch(url, { ...init, agent: (parsed: URL) => agentFor(parsed) });
    return res;
  };
}
