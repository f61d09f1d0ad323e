// The data the fake Docker Hub serves, built by seed.ts from what was really pushed to the registry.
import type { Platform } from './oci.js';

export type HubBadge = 'official' | 'verified_publisher' | 'open_source' | 'none';

export interface HubImage {
  platform: Platform;
  digest: string;
  size: number;
}

export interface HubTag {
  name: string;
  digest: string;
  mediaType: string;
  /** `image` for runnable content, `unrecognized` for signature / referrer-fallback tags */
  contentType: 'image' | 'unrecognized';
  pushedAt: Date;
  /** runnable platforms only (attestation manifests are left out, see hub-server.ts) */
  images: HubImage[];
}

export interface HubRepository {
  namespace: string;
  name: string;
  badge: HubBadge;
  publisher: { id: string; name: string };
  description: string;
  isPrivate: boolean;
  starCount: number;
  pullCount: number;
  dateRegistered: Date;
  tags: HubTag[];
  /** Docker Hub's archive state (read-only, no more updates; repository `status` 6) */
  archived?: boolean;
}

/** Results the search endpoint knows about but that have no repository/tag data (fuzzy near-misses). */
export interface HubSearchOnly {
  namespace: string;
  name: string;
  badge: HubBadge;
  publisher: { id: string; name: string };
  description: string;
  starCount: number;
  pullCount: number;
}

export interface HubCatalog {
  repositories: HubRepository[];
  searchOnly: HubSearchOnly[];
}

/** Near-misses for search: every seeded name has look-alikes, so clients must match exactly. */
export const SEARCH_NEAR_MISSES: HubSearchOnly[] = [
  {
    namespace: 'bitnami',
    name: 'nginx',
    badge: 'verified_publisher',
    publisher: { id: 'bitnami', name: 'VMware' },
    description: 'Bitnami container image for NGINX',
    starCount: 190,
    pullCount: 500_000_000,
  },
  {
    namespace: 'nginxinc',
    name: 'nginx-unprivileged',
    badge: 'verified_publisher',
    publisher: { id: 'nginxinc', name: 'NGINX, Inc.' },
    description: 'Unprivileged NGINX Dockerfiles',
    starCount: 160,
    pullCount: 100_000_000,
  },
  {
    namespace: 'someone',
    name: 'nginx-proxy',
    badge: 'none',
    publisher: { id: 'someone', name: 'someone' },
    description: 'nginx reverse proxy',
    starCount: 3,
    pullCount: 12_000,
  },
  {
    namespace: 'library',
    name: 'redis',
    badge: 'official',
    publisher: { id: 'docker', name: 'Docker' },
    description: 'Redis is the world’s fastest data platform',
    starCount: 13_000,
    pullCount: 5_000_000_000,
  },
  {
    namespace: 'bitnami',
    name: 'redis-cluster',
    badge: 'verified_publisher',
    publisher: { id: 'bitnami', name: 'VMware' },
    description: 'Bitnami container image for Redis Cluster',
    starCount: 30,
    pullCount: 50_000_000,
  },
  {
    namespace: 'bitnami',
    name: 'python',
    badge: 'verified_publisher',
    publisher: { id: 'bitnami', name: 'VMware' },
    description: 'Bitnami container image for Python',
    starCount: 20,
    pullCount: 10_000_000,
  },
  {
    namespace: 'circleci',
    name: 'python',
    badge: 'none',
    publisher: { id: 'circleci', name: 'circleci' },
    description: 'Python images for CircleCI',
    starCount: 50,
    pullCount: 100_000_000,
  },
  {
    namespace: 'grafana',
    name: 'grafana-oss',
    badge: 'open_source',
    publisher: { id: 'grafana', name: 'Grafana Labs' },
    description: 'Grafana OSS',
    starCount: 200,
    pullCount: 100_000_000,
  },
  {
    namespace: 'someone',
    name: 'grafana',
    badge: 'none',
    publisher: { id: 'someone', name: 'someone' },
    description: 'my grafana build',
    starCount: 0,
    pullCount: 900,
  },
  {
    namespace: 'acme',
    name: 'notary-app-legacy',
    badge: 'verified_publisher',
    publisher: { id: 'acme', name: 'ACME Corp' },
    description: 'old notary app',
    starCount: 1,
    pullCount: 4_000,
  },
  {
    namespace: 'someone',
    name: 'alpine-ish',
    badge: 'none',
    publisher: { id: 'someone', name: 'someone' },
    description: 'not alpine',
    starCount: 0,
    pullCount: 10,
  },
  {
    namespace: 'someone',
    name: 'stale-tools',
    badge: 'none',
    publisher: { id: 'someone', name: 'someone' },
    description: 'a different stale tool',
    starCount: 0,
    pullCount: 100,
  },
];
