// One lookup, from the network: what a target's tag points to, its platforms, publisher, age,
// signatures and attestations. Docker Hub references cost zero manifest GETs by default (facts from
// the Hub API plus free HEADs; the one exception is a referrers fallback tag that a HEAD showed to
// exist, see signatures.ts): their index is read only when `readHubIndexes` says so, else their
// platforms and index attestations are reported unknown. Other registries get HEADs and, for an
// index, one GET by digest, kept for good (indexes.ts).
// Throws HubFailures; service.ts turns them into facts.
import {
  isIndexMediaType,
  type AttestationKind,
  type ImageFacts,
  type LookupError,
  type Platform,
  type Provenance,
  type Publisher,
} from '../model/facts.js';
import { attestationHome, DHI_LOGIN, isDockerHardened } from '../model/hardened.js';
import { uniqueAttestations } from './attestations.js';
import type { BadgeLookup } from './badges.js';
import { type DockerHubApi, type HubAnswer, type HubRepository, tagsForDigest } from './dockerHubApi.js';
import { failure, HubFailure, toLookupError } from './errors.js';
import { type IndexDeps, readIndexOf } from './indexes.js';
import type { RateLimits } from './rateLimit.js';
import type { RegistryClient } from './registryClient.js';
import type { RepositoryInfo } from './repositoryInfo.js';
import { findSignatures } from './signatures.js';
import { isDockerHub } from './transport.js';
import type { LookupTarget } from './types.js';

interface LookupDeps extends IndexDeps {
  registry: RegistryClient;
  hub: DockerHubApi;
  /** repository answers, several of one namespace from its listing */
  repositories: RepositoryInfo;
  badges: BadgeLookup;
  rateLimits: RateLimits;
  /** the host registry calls for `registry` go to (mirror-aware), for rate-limit info */
  registryHost: (registry: string) => string | null;
  now: () => number;
  log: (level: 'debug' | 'warn', message: string) => void;
  /** fetch the repository description with every Docker Hub lookup (hovers show it); without it,
   * the repository endpoint is asked only when a tag or digest is missing, to tell which is */
  describe: boolean;
  /** read Docker Hub image indexes (a counted pull each, once per digest: dockerHub.readIndexes
   * `always`); other registries' indexes are always read */
  readHubIndexes: boolean;
}

interface Core {
  digest: string | null;
  mediaType: string | null;
  /** null: not known (an index not read, and the Hub tag API did not list them) */
  platforms: Platform[] | null;
  /** from the index's BuildKit attestation manifests; null: an index not read */
  attestationKinds: AttestationKind[] | null;
  pinnedDigestExists: boolean | null;
  publisher: Publisher | null;
  lastPushed: string | null;
  description: string | null;
  tagsForDigest: string[];
  /** from the index's BuildKit provenance (unsigned) or its OCI annotations */
  provenance: Provenance | null;
  archived: boolean | null;
  /** why reading the index failed */
  indexError?: string;
  /** what failed while the rest of the lookup succeeded */
  partial?: LookupError;
}

export async function fetchFacts(d: LookupDeps, t: LookupTarget): Promise<ImageFacts> {
  const registry = t.registry as string;
  const repository = t.repository as string;
  const hub = isDockerHub(registry);
  const core = hub ? await hubCore(d, registry, repository, t) : await hardenedCore(d, registry, repository, t);
  await indexOf(d, registry, repository, core, !hub || d.readHubIndexes);
  const signedDigest = t.digest ?? core.digest;
  let signatures: ImageFacts['signatures'] = [];
  let checked: string | null = null;
  /** a way of finding signatures that could not be tried: the facts are partial, never clean */
  let unchecked: LookupError | null = null;
  const referred: AttestationKind[] = [];
  if (signedDigest && core.pinnedDigestExists !== false) {
    try {
      // a Docker Hardened Image's signatures and attestations live next to it in Docker's registry
      const home = attestationHome(registry, repository) ?? { registry, repository };
      const found = await findSignatures(d.registry, home.registry, home.repository, signedDigest);
      signatures = found.signatures;
      referred.push(...found.attestationKinds);
      checked = signedDigest;
      if (found.unchecked) {
        unchecked = {
          ...found.unchecked.error,
          message: `signatures partly checked: ${found.unchecked.error.message}`,
        };
      }
    } catch (e) {
      // not checked is not unsigned: signedDigest stays null, and the lookup is partial
      const error = toLookupError(e);
      d.log('debug', `signatures of ${registry}/${repository} not checked: ${error.message}`);
      unchecked = { ...error, message: `signatures not checked: ${error.message}` };
    }
  }
  const partial = core.partial ?? unchecked;
  const host = d.registryHost(registry);
  return {
    digest: core.digest,
    mediaType: core.mediaType,
    platforms: core.platforms,
    publisher: core.publisher,
    lastPushed: core.lastPushed,
    signatures,
    attestations: core.attestationKinds === null ? null : uniqueAttestations([...core.attestationKinds, ...referred]),
    // the index read is the tag's: it states the provenance of the pulled digest only when they agree
    provenance: signedDigest === core.digest ? core.provenance : null,
    ...(signedDigest !== core.digest && core.provenance ? { latestProvenance: core.provenance } : {}),
    archived: core.archived,
    error: null,
    signedDigest: checked,
    pinnedDigestExists: core.pinnedDigestExists,
    tagsForDigest: core.tagsForDigest,
    description: core.description,
    fetchedAt: d.now(),
    stale: false,
    rateLimit: host ? d.rateLimits.quotaOf(host) : null,
    ...(core.platforms === null || core.attestationKinds === null
      ? { indexUnread: { attestationKinds: referred, ...(core.indexError ? { error: core.indexError } : {}) } }
      : {}),
    ...(partial ? { partial } : {}),
  };
}

/** Platforms and BuildKit attestations of an index, when reading it is allowed; a single manifest
 * has no platform list and carries no index attestations. */
async function indexOf(d: LookupDeps, registry: string, repository: string, c: Core, read: boolean): Promise<void> {
  if (!c.digest || !isIndexMediaType(c.mediaType)) {
    c.platforms ??= [];
    c.attestationKinds = [];
    return;
  }
  if (!read) return;
  try {
    const index = await readIndexOf(d, registry, repository, c.digest);
    c.platforms = index.platforms;
    c.attestationKinds = index.attestationKinds;
    c.provenance = index.provenance;
  } catch (e) {
    c.indexError = toLookupError(e).message;
    d.log('debug', `index of ${registry}/${repository} not read: ${c.indexError}`);
  }
}

/** registryCore, with a refusal from dhi.io said plainly: it needs a Docker login. */
async function hardenedCore(d: LookupDeps, registry: string, repository: string, t: LookupTarget): Promise<Core> {
  try {
    return await registryCore(d, registry, repository, t);
  } catch (e) {
    const err = toLookupError(e);
    if (!isDockerHardened(registry) || err.kind !== 'unauthorized') throw e;
    throw failure(
      'unauthorized',
      `${registry}/${repository} is a Docker Hardened Image, and ${registry} needs a Docker login: ${DHI_LOGIN}`,
    );
  }
}

function emptyCore(): Core {
  return {
    digest: null,
    mediaType: null,
    platforms: null,
    attestationKinds: null,
    pinnedDigestExists: null,
    publisher: null,
    lastPushed: null,
    description: null,
    tagsForDigest: [],
    provenance: null,
    archived: null,
  };
}

async function registryCore(d: LookupDeps, registry: string, repository: string, t: LookupTarget): Promise<Core> {
  const c = emptyCore();
  const name = `${registry}/${repository}`;
  if (t.tag) {
    const head = await d.registry.headManifest(registry, repository, t.tag);
    if (head.status === 404) {
      const exists = await d.registry.repositoryExists(registry, repository).catch(() => null);
      if (exists === false) throw failure('not-found', `repository ${name} does not exist`, { missing: 'repository' });
      throw failure('not-found', `tag ${t.tag} does not exist in ${name}`, { missing: 'tag' });
    }
    if (head.status !== 200) throw headFailure(head.status, name);
    c.digest = head.digest;
    c.mediaType = head.mediaType;
    if (!c.digest) {
      // a registry that sends no Docker-Content-Digest: hash the manifest ourselves
      const got = await d.registry.getManifest(registry, repository, t.tag, null);
      c.digest = got.digest;
      c.mediaType = got.mediaType ?? c.mediaType;
    }
  }
  if (t.digest) {
    const head = await d.registry.headManifest(registry, repository, t.digest);
    if (head.status === 200) c.pinnedDigestExists = true;
    else if (head.status === 404) c.pinnedDigestExists = false;
    else throw headFailure(head.status, name);
    if (!t.tag) {
      if (!c.pinnedDigestExists) {
        const exists = await d.registry.repositoryExists(registry, repository).catch(() => null);
        if (exists === false)
          throw failure('not-found', `repository ${name} does not exist`, { missing: 'repository' });
        // the repository answered that it lacks this digest: facts that say so (digest-not-found)
        return c;
      }
      c.digest = t.digest;
      c.mediaType = head.mediaType;
    }
  }
  return c;
}

function headFailure(status: number, name: string) {
  if (status === 401 || status === 403)
    return failure('unauthorized', `${name}: access refused (HTTP ${status}); check the registry credentials`);
  if (status >= 500) return failure('network', `${name}: registry failed (HTTP ${status})`);
  return failure('bad-response', `${name}: unexpected HTTP ${status} for a manifest`);
}

function privateOrMissing(name: string) {
  return failure(
    'unauthorized',
    `${name} is private or does not exist; sign in to Docker Hub to see private repositories`,
  );
}

function splitHub(repository: string): [string, string] {
  const slash = repository.indexOf('/');
  return slash < 0 ? ['library', repository] : [repository.slice(0, slash), repository.slice(slash + 1)];
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

async function hubCore(d: LookupDeps, registry: string, repository: string, t: LookupTarget): Promise<Core> {
  const c = emptyCore();
  const [ns, repo] = splitHub(repository);
  const name = `docker.io/${repository}`;
  let repoP: Promise<Settled<HubAnswer<HubRepository>>> | null = null;
  const repoInfo = () => (repoP ??= settle(d.repositories.get(ns, repo)));
  const described = d.describe ? repoInfo() : null;
  const [tagR, badge, pinR] = await Promise.all([
    t.tag ? settle(d.hub.tag(ns, repo, t.tag)) : Promise.resolve(null),
    d.badges.badge(ns, repo),
    t.digest ? settle(d.registry.headManifest(registry, repository, t.digest)) : Promise.resolve(null),
  ]);
  /** Hub API says the repository does not exist (asked only when something is missing) */
  const repoMissing = async (): Promise<boolean> => {
    const r = await repoInfo();
    return r.ok && !r.value.found;
  };
  if (described) {
    const r = await described;
    if (r.ok && r.value.found) {
      c.description = r.value.value.description;
      c.archived = r.value.value.archived;
    }
  }
  c.publisher = { namespace: ns, badge };
  // archived: from the namespace's search when it listed the repository, else the repository endpoint
  c.archived ??= d.badges.archived(ns, repo);
  if (c.archived === null && !described) {
    const r = await repoInfo();
    if (r.ok && r.value.found) c.archived = r.value.value.archived;
  }

  if (t.tag) {
    if (tagR?.ok && tagR.value.found && tagR.value.value.digest) {
      const tag = tagR.value.value;
      c.digest = tag.digest;
      c.mediaType = tag.mediaType;
      // Docker Hub lists platforms here no more (images: [] since 2025-08-11): unknown, not none
      c.platforms = tag.platforms.length > 0 ? tag.platforms : null;
      c.lastPushed = tag.lastPushed;
    } else {
      // The Hub API said 404 or failed: ask the registry (a free HEAD) before saying anything —
      // a Hub API 404 alone is not proof, and an unreachable registry is never "not found".
      const head = await d.registry.headManifest(registry, repository, t.tag);
      if (head.status === 200 && !head.digest) {
        // a manifest GET here would count as a pull: without a valid digest header, say so
        throw failure('bad-response', `${name}:${t.tag}: the registry answered without a valid Docker-Content-Digest`);
      }
      if (head.status === 200) {
        c.digest = head.digest;
        c.mediaType = head.mediaType;
        // The Hub API failed (not a 404): say so, or unknown age and publisher would look clean.
        if (tagR && !tagR.ok) {
          const e = toLookupError(tagR.error);
          c.partial = { ...e, message: `Docker Hub API: ${e.message}; publisher and last push unknown` };
        }
      } else if (head.status === 404) {
        if (await repoMissing())
          throw failure('not-found', `repository ${name} does not exist`, { missing: 'repository' });
        // the repository exists, so its namespace's badge is still true
        throw new HubFailure(
          { kind: 'not-found', message: `tag ${t.tag} does not exist in ${name}`, missing: 'tag' },
          { publisher: c.publisher },
        );
      } else if ((head.status === 401 || head.status === 403) && (await repoMissing())) {
        // A private repository and (on real Docker Hub) a missing one look the same without access:
        // Hub API 404 + registry 401. Not proof of absence, so never 'not-found'.
        throw privateOrMissing(name);
      } else {
        throw headFailure(head.status, name);
      }
    }
  }
  if (t.digest && pinR) {
    if (!pinR.ok) {
      if (!t.tag) throw pinR.error;
    } else if (pinR.value.status === 200) c.pinnedDigestExists = true;
    else if (pinR.value.status === 404) c.pinnedDigestExists = false;
    else if (!t.tag) {
      if ((pinR.value.status === 401 || pinR.value.status === 403) && (await repoMissing()))
        throw privateOrMissing(name);
      throw headFailure(pinR.value.status, name);
    }
    if (!t.tag) {
      if (c.pinnedDigestExists === false) {
        if (await repoMissing())
          throw failure('not-found', `repository ${name} does not exist`, { missing: 'repository' });
        // the registry answered that the repository lacks this digest: facts that say so
        // (digest-not-found), with the publisher, not a failed lookup
        return c;
      }
      c.digest = t.digest;
      c.mediaType = pinR.ok ? pinR.value.mediaType : null;
    }
  }
  if (t.tag === 'latest' && c.digest) {
    try {
      c.tagsForDigest = tagsForDigest(await d.hub.recentTags(ns, repo), c.digest, t.tag);
    } catch (e) {
      d.log('debug', `tags of ${name} not listed: ${(e as Error).message}`);
    }
  }
  return c;
}
