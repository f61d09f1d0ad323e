// Namespaces and registries whose publisher has frozen them: the images stay pullable, nothing new
// (no security fix) will ever be pushed. Docker Hub has no field for this, so the list ships with the
// product; each entry names its public source, and the successor when the publisher named one.
// Checked by name only: no request.
import { canonicalRegistry } from '../model/imageName.js';

interface FrozenEntry {
  /** registry host as references are normalised (`docker.io`, `k8s.gcr.io`) */
  registry: string;
  /** the first path component (a Docker Hub namespace); null: the whole registry */
  namespace: string | null;
  /** when the freeze took effect (YYYY-MM-DD) */
  since: string;
  /** what the publisher said, in a few words */
  reason: string;
  /** where to go instead, as the publisher named it; null when it named none */
  successor: string | null;
  source: string;
}

export const FROZEN: readonly FrozenEntry[] = [
  {
    registry: 'docker.io',
    namespace: 'bitnamilegacy',
    since: '2025-08-28',
    reason:
      'Bitnami moved its versioned tags here from docker.io/bitnami; this catalog "will receive no further updates or support"',
    successor: 'Bitnami Secure Images (docker.io/bitnamisecure: hardened, `latest` only without a subscription)',
    source: 'https://github.com/bitnami/containers/issues/83267',
  },
  {
    registry: 'k8s.gcr.io',
    namespace: null,
    since: '2023-04-03',
    reason:
      'the Kubernetes project froze this registry: no further images, not even security updates, are pushed to it',
    successor: 'registry.k8s.io (the same image names)',
    source: 'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/',
  },
];

/** The freeze that covers `registry/repository`, if any. */
export function frozenEntryFor(registry: string, repository: string): FrozenEntry | null {
  const host = canonicalRegistry(registry);
  const first = repository.split('/')[0] ?? '';
  return FROZEN.find((e) => e.registry === host && (e.namespace === null || e.namespace === first)) ?? null;
}
