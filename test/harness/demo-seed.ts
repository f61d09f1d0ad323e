// The images examples/ names, for `npm run sandbox`: pushed beside the test seed (seed.ts, which stays
// as the integration tests know it), with the Docker Hub data that describes them, so that
// `image-trust check --config … examples` shows publishers, signatures, ages, platforms and findings
// instead of "repository does not exist". The facts are invented for the demo; each row says what it
// is there to show. Registries other than Docker Hub are the same sandbox registry, reached through
// `registries.mirrors` (demoMirrors).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { HubBadge, HubCatalog, HubRepository, HubTag } from './hub-catalog.js';
import {
  compressedSize,
  cosignSigTag,
  entry,
  fallbackTag,
  image,
  index,
  MT,
  referrersIndex,
  type Built,
  type Platform,
} from './oci.js';
import { makeTestPki, notationLeaf, type TestPki } from './pki.js';
import type { PushClient } from './push-client.js';
import type { Sandbox, SandboxConfig } from './sandbox.js';
import type { SeedResult } from './seed.js';
import {
  bundleReferrer,
  cosignSignatureManifest,
  notationJws,
  notationReferrer,
  sigstoreBundle,
} from './signatures.js';

const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const DAY = 86_400_000;

type Signature = 'cosign' | 'sigstore-bundle' | 'notation';

interface DemoImage {
  /** where examples/ names it: docker.io, or a host the demo mirrors to the sandbox registry */
  host: string;
  repository: string;
  tags: string[];
  daysAgo: number;
  /** Docker Hub only: the badge and who publishes it */
  hub?: { badge: HubBadge; publisher: string };
  single?: boolean;
  signature?: Signature;
  /** the tags pointed to other content this many days ago (a pinned old digest drifts) */
  movedFromDaysAgo?: number;
}

const OFFICIAL = { badge: 'official', publisher: 'Docker' } as const;

/** Every image examples/ names that the test seed does not already have. Left out on purpose:
 * ghcr.io/acme/migrate:1.3.0 (the kustomization moves it to 1.3.1, so that tag was deleted: not-found). */
export const DEMO_IMAGES: readonly DemoImage[] = [
  {
    host: 'docker.io',
    repository: 'library/node',
    tags: ['20-bookworm', '20', '20.15-bookworm'],
    daysAgo: 6,
    hub: OFFICIAL,
  },
  {
    host: 'docker.io',
    repository: 'library/postgres',
    tags: ['16', '16.4', '16.3'],
    daysAgo: 2,
    hub: OFFICIAL,
    movedFromDaysAgo: 35,
  },
  { host: 'docker.io', repository: 'library/redis', tags: ['7', '7.4'], daysAgo: 4, hub: OFFICIAL },
  { host: 'docker.io', repository: 'library/nginx', tags: ['1.27-alpine', '1.27.0'], daysAgo: 3, hub: OFFICIAL },
  { host: 'docker.io', repository: 'library/alpine', tags: ['3.20'], daysAgo: 30, hub: OFFICIAL },
  { host: 'docker.io', repository: 'library/golang', tags: ['1.22-alpine'], daysAgo: 480, hub: OFFICIAL },
  { host: 'docker.io', repository: 'library/busybox', tags: ['1.36', 'latest'], daysAgo: 9, hub: OFFICIAL },
  {
    host: 'docker.io',
    repository: 'docker/dockerfile',
    tags: ['1', '1.7'],
    daysAgo: 40,
    hub: { badge: 'verified_publisher', publisher: 'Docker' },
    signature: 'cosign',
  },
  {
    host: 'docker.io',
    repository: 'hadolint/hadolint',
    tags: ['v2.12.0'],
    daysAgo: 900,
    hub: { badge: 'none', publisher: 'hadolint' },
  },
  {
    host: 'docker.io',
    repository: 'bitnami/nginx',
    tags: ['1.27.2'],
    daysAgo: 12,
    hub: { badge: 'verified_publisher', publisher: 'VMware' },
    signature: 'cosign',
  },
  {
    host: 'docker.io',
    repository: 'envoyproxy/envoy',
    tags: ['v1.31.2'],
    daysAgo: 60,
    hub: { badge: 'open_source', publisher: 'Envoy Proxy' },
    signature: 'sigstore-bundle',
  },
  {
    host: 'docker.io',
    repository: 'prom/nginx-prometheus-exporter',
    tags: ['1.3.0'],
    daysAgo: 75,
    hub: { badge: 'open_source', publisher: 'Prometheus' },
  },
  {
    host: 'mcr.microsoft.com',
    repository: 'devcontainers/typescript-node',
    tags: ['1-20-bookworm'],
    daysAgo: 8,
    signature: 'notation',
  },
  { host: 'ghcr.io', repository: 'acme/worker', tags: ['2.4.1'], daysAgo: 3, signature: 'cosign' },
  {
    host: 'ghcr.io',
    repository: 'grpc-ecosystem/grpc-health-probe',
    tags: ['v0.4.25'],
    daysAgo: 90,
    signature: 'sigstore-bundle',
  },
  { host: 'gcr.io', repository: 'distroless/static-debian12', tags: ['nonroot'], daysAgo: 1, signature: 'cosign' },
  { host: 'quay.io', repository: 'prometheus/node-exporter', tags: ['v1.8.2'], daysAgo: 150, signature: 'cosign' },
  { host: 'quay.io', repository: 'acme/models', tags: ['v5'], daysAgo: 30, single: true },
  { host: 'registry.example.com', repository: 'tools/builder', tags: ['2.1'], daysAgo: 200, single: true },
  { host: 'registry.example.com', repository: 'acme/migrate', tags: ['1.3.1'], daysAgo: 14 },
  {
    host: 'registry.access.redhat.com',
    repository: 'ubi8/ubi-minimal',
    tags: ['8.9'],
    daysAgo: 700,
    signature: 'cosign',
  },
  // the CI examples (CircleCI, Bitbucket, Azure, Drone, Cloud Build) and the quadlet unit
  {
    host: 'docker.io',
    repository: 'cimg/python',
    tags: ['3.12.4'],
    daysAgo: 20,
    hub: { badge: 'verified_publisher', publisher: 'CircleCI' },
  },
  {
    host: 'docker.io',
    repository: 'cimg/redis',
    tags: ['7.2'],
    daysAgo: 25,
    hub: { badge: 'verified_publisher', publisher: 'CircleCI' },
  },
  {
    host: 'docker.io',
    repository: 'atlassian/default-image',
    tags: ['4'],
    daysAgo: 45,
    hub: { badge: 'verified_publisher', publisher: 'Atlassian' },
  },
  {
    host: 'docker.io',
    repository: 'plugins/docker',
    tags: ['20.18'],
    daysAgo: 50,
    hub: { badge: 'verified_publisher', publisher: 'Harness' },
  },
  { host: 'ghcr.io', repository: 'acme/notify-pipe', tags: ['2.0.1'], daysAgo: 10, signature: 'cosign' },
  { host: 'mcr.microsoft.com', repository: 'dotnet/sdk', tags: ['8.0'], daysAgo: 7, signature: 'notation' },
  { host: 'gcr.io', repository: 'cloud-builders/docker', tags: ['24.0.9'], daysAgo: 33 },
  {
    host: 'gcr.io',
    repository: 'google.com/cloudsdktool/cloud-sdk',
    tags: ['482.0.0-slim'],
    daysAgo: 16,
    signature: 'cosign',
  },
  { host: 'registry.example.com', repository: 'tools/deployer', tags: ['3.1'], daysAgo: 90, single: true },
];

/** The product settings for the demo: the sandbox's, with every registry examples/ names routed to
 * the sandbox registry through registries.mirrors. */
export function demoConfig(s: Sandbox): SandboxConfig {
  const hosts = [...new Set(DEMO_IMAGES.map((i) => i.host).filter((h) => h !== 'docker.io'))].sort();
  return {
    ...s.config,
    registries: {
      mirrors: { ...s.config.registries.mirrors, ...Object.fromEntries(hosts.map((h) => [h, s.registryUrl])) },
    },
  };
}

interface Pushed {
  image: DemoImage;
  top: Built;
  children: Built[];
  artifacts: Array<{ tag: string; digest: string; mediaType: string }>;
}

/** cosign signs with the test seed's release key; Sigstore bundles and Notation chain to a test PKI of the demo's own. */
interface Signers {
  releaseKey: KeyObject;
  pki: TestPki;
  now: number;
}

async function push(client: PushClient, signers: Signers, img: DemoImage): Promise<Pushed> {
  const build = (text: string): { top: Built; children: Built[] } => {
    if (img.single) {
      const one = image({ platform: AMD64, text });
      return { top: one, children: [one] };
    }
    const platforms = [AMD64, ARM64];
    const children = platforms.map((platform) => image({ platform, text }));
    return { top: index(children.map((c, i) => entry(c, { platform: platforms[i] }))), children };
  };
  const pushAll = async (b: { top: Built; children: Built[] }): Promise<void> => {
    if (b.top !== b.children[0]) await Promise.all(b.children.map((c) => client.push(img.repository, c)));
    for (const tag of img.tags) await client.push(img.repository, b.top, tag);
  };
  const name = `${img.host}/${img.repository}`;
  if (img.movedFromDaysAgo !== undefined) await pushAll(build(`${name} (${img.movedFromDaysAgo} days old build)`));
  const current = build(`${name}:${img.tags[0] ?? ''}`);
  await pushAll(current);
  const artifacts: Pushed['artifacts'] = [];
  const reference = img.host === 'docker.io' ? `index.docker.io/${img.repository}` : name;
  const signedAt = new Date(signers.now - img.daysAgo * DAY);
  if (img.signature === 'cosign') {
    const tag = cosignSigTag(current.top.digest);
    const manifest = cosignSignatureManifest({ privateKey: signers.releaseKey }, reference, current.top.digest);
    artifacts.push({ tag, digest: await client.push(img.repository, manifest, tag), mediaType: MT.ociManifest });
  } else if (img.signature) {
    const sig =
      img.signature === 'notation'
        ? notation(signers.pki, current.top, signedAt)
        : bundleReferrer(sigstoreBundle(signers.pki, current.top.digest, { signedAt }), current.top);
    await client.push(img.repository, sig);
    const fallback = referrersIndex([sig]);
    const tag = fallbackTag(current.top.digest);
    await client.push(img.repository, fallback, tag);
    artifacts.push({ tag, digest: fallback.digest, mediaType: MT.ociIndex });
  }
  return { image: img, ...current, artifacts };
}

function notation(pki: TestPki, subject: Built, signingTime: Date): Built {
  const leaf = notationLeaf(pki, { notBefore: new Date(signingTime.getTime() - DAY) });
  const envelope = notationJws(subject, { leaf, chain: [pki.notationRoot], signingTime });
  return notationReferrer(subject, envelope, 'jws', [leaf.cert, pki.notationRoot.cert]);
}

function hubTags(p: Pushed, now: number): HubTag[] {
  const pushedAt = new Date(now - p.image.daysAgo * DAY);
  const platforms = p.image.single ? [AMD64] : [AMD64, ARM64];
  return [
    ...p.image.tags.map((name): HubTag => ({
      name,
      digest: p.top.digest,
      mediaType: p.top.mediaType,
      contentType: 'image',
      pushedAt,
      images: p.children.map((c, i) => ({
        platform: platforms[i] ?? AMD64,
        digest: c.digest,
        size: compressedSize(c),
      })),
    })),
    ...p.artifacts.map((a): HubTag => ({
      name: a.tag,
      digest: a.digest,
      mediaType: a.mediaType,
      contentType: 'unrecognized',
      pushedAt,
      images: [],
    })),
  ];
}

/** Pushes the demo images (as alice) and returns the test seed's Docker Hub catalog with them added. */
export async function demoSeed(client: PushClient, seeded: SeedResult, now: number): Promise<HubCatalog> {
  const signers: Signers = { releaseKey: createPrivateKey(seeded.cosign.privateKeyPem), pki: makeTestPki(now), now };
  const pushed = await Promise.all(DEMO_IMAGES.map((img) => push(client, signers, img)));
  const repositories = seeded.hub.repositories.map((r) => ({ ...r, tags: [...r.tags] }));
  for (const p of pushed) {
    const hub = p.image.hub;
    if (!hub) continue;
    const [namespace = '', name = ''] = p.image.repository.split('/');
    const existing = repositories.find((r) => r.namespace === namespace && r.name === name);
    if (existing) {
      existing.tags.push(...hubTags(p, now));
      continue;
    }
    const repo: HubRepository = {
      namespace,
      name,
      badge: hub.badge,
      publisher: { id: namespace, name: hub.publisher },
      description: `${name} (image-trust demo)`,
      isPrivate: false,
      starCount: 100,
      pullCount: 1_000_000,
      dateRegistered: new Date('2015-01-01T00:00:00.000Z'),
      tags: hubTags(p, now),
    };
    repositories.push(repo);
  }
  // a name that now has a repository is no longer a search-only near miss
  const searchOnly = seeded.hub.searchOnly.filter(
    (s) => !repositories.some((r) => r.namespace === s.namespace && r.name === s.name),
  );
  return { repositories, searchOnly };
}
