// Where registry calls go and over what: a mirror from settings or https://<host>; plain http only
// for loopback hosts and hosts listed in `registries.insecure`.
import { isDockerHub } from '../model/imageName.js';
import type { Settings } from '../model/settings.js';
import { failure } from './errors.js';

export { canonicalRegistry, isDockerHub } from '../model/imageName.js';

const HUB_REGISTRY_URL = 'https://registry-1.docker.io';

/** host[:port] without the port; IPv6 keeps its brackets. */
function hostnameOf(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

export function isLoopback(host: string): boolean {
  const name = hostnameOf(host);
  return name === 'localhost' || name === '[::1]' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** May `url` be requested? Only https, or http to loopback / insecure-listed hosts. */
export function checkTransport(url: URL, insecure: readonly string[]): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:') {
    const host = url.host.toLowerCase();
    if (isLoopback(host) || insecure.includes(host) || insecure.includes(hostnameOf(host))) return;
    throw failure(
      'offline',
      `not contacted: ${url.origin} is plain http; only https is used unless the host is loopback or listed in imageTrust.registries.insecure`,
    );
  }
  throw failure('offline', `not contacted: unsupported URL scheme ${url.protocol}`);
}

/** Base URL for a registry's API calls: the mirror when set, docker.io → registry-1.docker.io,
 * http:// for loopback and insecure-listed hosts (they usually serve plain http), else https. */
export function registryBaseUrl(registry: string, settings: Settings): URL {
  const host = registry.toLowerCase();
  const mirror =
    settings.registries.mirrors[host] ?? (isDockerHub(host) ? settings.registries.mirrors['docker.io'] : undefined);
  let base: URL;
  try {
    if (mirror) base = new URL(mirror);
    else if (isDockerHub(host)) base = new URL(HUB_REGISTRY_URL);
    else {
      const insecure = isLoopback(host) || settings.registries.insecure.includes(host);
      base = new URL(`${insecure ? 'http' : 'https'}://${host}`);
    }
  } catch {
    throw failure('offline', `not contacted: no valid URL for registry ${registry}`);
  }
  // an insecure-listed registry's own mirror may be plain http too
  const insecure = [...settings.registries.insecure];
  if (settings.registries.insecure.includes(host)) insecure.push(base.host.toLowerCase());
  checkTransport(base, insecure);
  return base;
}

/** The host (host[:port], lower case) registry calls for `registry` go to, mirror-aware; null when
 * it has no valid URL. */
export function registryHostOf(registry: string, settings: Settings): string | null {
  try {
    return registryBaseUrl(registry, settings).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Where a token realm may receive a registry's credentials: on the endpoint's own host name (any
 * port: the same machine, e.g. a registry and its token service side by side), or, for Docker
 * Hub, its auth service over https. Never any other host. */
export function mayReceiveCredentials(realm: URL, endpointHost: string, registry: string = endpointHost): boolean {
  if (realm.hostname.toLowerCase() === new URL(`http://${endpointHost}`).hostname.toLowerCase()) return true;
  return isDockerHub(registry) && realm.host.toLowerCase() === 'auth.docker.io' && realm.protocol === 'https:';
}
