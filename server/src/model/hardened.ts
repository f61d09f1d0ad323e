// Docker Hardened Images (DHI): images Docker builds, signs and maintains, served from `dhi.io`,
// which needs a Docker login even for the free ones (docker/docs content/manuals/dhi/how-to/verify.md:
// "You must authenticate to the Docker Hardened Images registry (dhi.io)"). Their indexes are not
// signed; Docker signs their attestations (SBOM, SLSA provenance, VEX, scans), which live in
// `registry.scout.docker.com` under the image's repository (docker-hardened-images/catalog#38; the
// keyring README lists `dhi/golang` at `registry.scout.docker.com/dhi/golang`), verified with
// Docker's key, and reading them needs a login there too.
import { canonicalRegistry } from './imageName.js';

export const DHI_REGISTRY = 'dhi.io';
export const DHI_LABEL = 'Docker Hardened Image';
export const DHI_ATTESTATION_REGISTRY = 'registry.scout.docker.com';

export function isDockerHardened(registry: string | null | undefined): boolean {
  return registry !== null && registry !== undefined && canonicalRegistry(registry) === DHI_REGISTRY;
}

/** Where a Docker Hardened Image's signed attestations (and signatures) live; null for other images. */
export function attestationHome(registry: string, repository: string): { registry: string; repository: string } | null {
  return isDockerHardened(registry) ? { registry: DHI_ATTESTATION_REGISTRY, repository: `dhi/${repository}` } : null;
}

/** What a user runs to let Image Trust (and docker) read a Docker Hardened Image. */
export const DHI_LOGIN = `docker login ${DHI_REGISTRY} (and docker login ${DHI_ATTESTATION_REGISTRY} for its attestations), with a Docker ID`;
