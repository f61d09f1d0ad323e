// The 200 unique images of figure 3: pushed into the running sandbox's registry (through its proxy,
// as alice) and served by a second fake Docker Hub whose catalog is the sandbox's plus these
// repositories, behind its own logging proxy. The sandbox's Hub server is not reachable from
// outside startSandbox(), so extending its catalog means running another one next to it.
import { startHubServer } from '../harness/hub-server.js';
import type { HubRepository } from '../harness/hub-catalog.js';
import { compressedSize, image, type Platform } from '../harness/oci.js';
import { startProxy, type Proxy } from '../harness/proxy.js';
import { PushClient } from '../harness/push-client.js';
import type { Sandbox, SandboxConfig } from '../harness/sandbox.js';

const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
const DAY = 86_400_000;

export interface BenchImages {
  /** `bench/img-N` repositories, each with tag `1` */
  repositories: string[];
  hubProxy: Proxy;
  /** the sandbox config with dockerHub.apiUrl pointing at the extended Hub */
  config: SandboxConfig;
  seedMs: number;
  stop(): Promise<void>;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export async function pushBenchImages(sb: Sandbox, count: number): Promise<BenchImages> {
  const t0 = Date.now();
  const client = new PushClient(sb.registryUrl, sb.tokens.realm, sb.tokens.service, sb.credentials);
  const repos: HubRepository[] = [];
  const names = Array.from({ length: count }, (_, i) => i);
  await pool(names, 16, async (i) => {
    const repository = `bench/img-${i}`;
    const built = image({ platform: AMD64, text: `bench image ${i}` });
    await client.push(repository, built, '1');
    const pushedAt = new Date(Date.now() - (i % 30) * DAY);
    repos[i] = {
      namespace: 'bench',
      name: `img-${i}`,
      badge: i % 2 === 0 ? 'verified_publisher' : 'none',
      publisher: { id: 'bench', name: 'Bench' },
      description: `benchmark image ${i}`,
      isPrivate: false,
      starCount: 0,
      pullCount: 100,
      dateRegistered: new Date('2024-01-01T00:00:00.000Z'),
      tags: [
        {
          name: '1',
          digest: built.digest,
          mediaType: built.mediaType,
          contentType: 'image',
          pushedAt,
          images: [{ platform: AMD64, digest: built.digest, size: compressedSize(built) }],
        },
      ],
    };
  });
  const hub = await startHubServer({
    repositories: [...sb.seed.hub.repositories, ...repos],
    searchOnly: sb.seed.hub.searchOnly,
  });
  const hubProxy = await startProxy('bench-hub', hub.url);
  return {
    repositories: names.map((i) => `bench/img-${i}`),
    hubProxy,
    config: { ...sb.config, dockerHub: { apiUrl: hubProxy.url } },
    seedMs: Date.now() - t0,
    stop: async () => {
      await hubProxy.stop();
      await hub.stop();
    },
  };
}
