// The real test sandbox: token server + distribution registry + seeded images + fake Docker Hub, each
// behind a fault-injecting proxy. Import from tests, or run test/harness/sandbox-cli.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubServer, type HubServer } from './hub-server.js';
import { startProxy, type FaultControl, type Proxy, type RequestLog } from './proxy.js';
import { PushClient } from './push-client.js';
import { makeIssuerCert, missingTools, REGISTRY_SERVICE, startRegistry, type RegistryProcess } from './registry.js';
import type { HubCatalog } from './hub-catalog.js';
import { seed, type SeedResult } from './seed.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export type { SeedResult, SeededImage, SeededPlatform } from './seed.js';
export type { HubCatalog, HubRepository, HubTag } from './hub-catalog.js';
export type { HubShape } from './hub-server.js';
export type { Fault, FaultRule, LogEntry, LogFilter, RequestLog, FaultControl } from './proxy.js';

/** Raw settings for the product (SPEC §3 keys without the `imageTrust.` prefix). */
export interface SandboxConfig {
  dockerHub: { apiUrl: string };
  registries: { mirrors: Record<string, string> };
}

export interface Sandbox {
  available: true;
  config: SandboxConfig;
  /** host:port of the registry proxy, for non-Hub references like `<registryHost>/team/app:1.0` */
  registryHost: string;
  registryUrl: string;
  /** host:port of a second proxy to the same registry WITHOUT the referrers API (as distribution 2.8),
   * for non-Hub references that must take the referrers tag-schema fallback */
  ociHost: string;
  hubUrl: string;
  /** what the fake Docker Hub serves and in which shape (default `2026`: `images: []`); tests may
   * change either and must restore it */
  hubApi: Pick<HubServer, 'catalog' | 'setCatalog' | 'setShape'>;
  seed: SeedResult;
  /** registry: the docker.io mirror (Hub-like, with a referrers API); oci: the plain registry for non-Hub references */
  log: { registry: RequestLog; hub: RequestLog; oci: RequestLog };
  faults: { registry: FaultControl; hub: FaultControl; oci: FaultControl };
  credentials: { username: string; password: string };
  /** the registry token server: its realm URL and how many tokens it issued */
  tokens: {
    realm: string;
    service: string;
    issued(): number;
    issuedBy(): Record<string, number>;
    times(): readonly number[];
  };
  /** ms from startSandbox() to ready */
  startMs: number;
  stop(): Promise<void>;
}

export interface UnavailableSandbox {
  available: false;
  reason: string;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** "now" for Hub timestamps (tag_last_pushed etc.); default Date.now() */
  now?: number;
  /** more images, pushed (as alice) after the test seed; returns the Docker Hub catalog that also
   * describes them (`npm run sandbox` adds the demo's: demo-seed.ts) */
  extend?: (client: PushClient, seeded: SeedResult, now: number) => Promise<HubCatalog>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox | UnavailableSandbox> {
  const t0 = Date.now();
  const missing = missingTools();
  if (missing) return { available: false, reason: missing, stop: async () => {} };

  const dir = mkdtempSync(join(tmpdir(), 'image-trust-sandbox-'));
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    // reverse start order: proxies, hub, registry, token server; then the temp dir
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const cert = makeIssuerCert(dir);
    const token: TokenServer = await startTokenServer({
      keyPem: cert.keyPem,
      certPem: cert.certPem,
      issuer: 'image-trust-sandbox-issuer',
    });
    stops.push(token.stop);
    const registry: RegistryProcess = await startRegistry({ dir, tokenRealm: token.url, certPath: cert.certPath });
    stops.push(registry.stop);
    // Docker Hub has the OCI referrers API; the docker.io mirror proxy emulates it from the fallback
    // tags, and sends Docker Hub's pull-budget headers (100 per 6 h, as anonymous users get). Other
    // references go through a second proxy that, like distribution 2.8, has neither.
    const registryProxy: Proxy = await startProxy('registry', registry.url, { referrersApi: true, pullLimit: 100 });
    stops.push(registryProxy.stop);
    const ociProxy: Proxy = await startProxy('oci-registry', registry.url);
    stops.push(ociProxy.stop);

    const credentials = { username: 'alice', password: 'wonderland' };
    const pusher = new PushClient(registry.url, token.url, REGISTRY_SERVICE, credentials);
    const now = options.now ?? Date.now();
    const seeded = await seed(pusher, { registryHost: registryProxy.host, now });
    const catalog = options.extend ? await options.extend(pusher, seeded, now) : seeded.hub;

    const hub: HubServer = await startHubServer(catalog);
    stops.push(hub.stop);
    const hubProxy: Proxy = await startProxy('hub', hub.url);
    stops.push(hubProxy.stop);

    return {
      available: true,
      config: { dockerHub: { apiUrl: hubProxy.url }, registries: { mirrors: { 'docker.io': registryProxy.url } } },
      registryHost: registryProxy.host,
      registryUrl: registryProxy.url,
      ociHost: ociProxy.host,
      hubUrl: hubProxy.url,
      hubApi: { catalog: hub.catalog, setCatalog: hub.setCatalog, setShape: hub.setShape },
      seed: seeded,
      log: { registry: registryProxy.log, hub: hubProxy.log, oci: ociProxy.log },
      faults: { registry: registryProxy.faults, hub: hubProxy.faults, oci: ociProxy.faults },
      credentials,
      tokens: {
        realm: token.url,
        service: REGISTRY_SERVICE,
        issued: token.issued,
        issuedBy: token.issuedBy,
        times: token.times,
      },
      startMs: Date.now() - t0,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
