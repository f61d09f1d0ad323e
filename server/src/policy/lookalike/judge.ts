// The lookalike verdict: does a normalised image name imitate a Docker Official Image, a well-known
// publisher's namespace or repository, or a well-known registry? Judged by the name alone wherever
// that suffices, so it works offline and outside Docker Hub; the publisher badge is needed only
// for "an official name under another namespace", and an unknown badge then says nothing.
import type { Badge } from '../../model/facts.js';
import { canonicalRegistry, DOCKER_HUB } from '../../model/imageName.js';
import { OFFICIAL_IMAGES, PUBLISHERS, REGISTRIES, type Publisher, type Registry } from './data.js';
import { skeleton, withoutVersion } from './similarity.js';
import { Targets, type Likeness } from './targets.js';

type Imitated =
  | { kind: 'official'; name: string }
  | { kind: 'namespace'; namespace: string; badge: Badge | null; repository: string | null }
  | {
      kind: 'registry';
      host: string;
      name: string;
      /** the host the reference most likely meant (`k8s.gcr.lo` → `k8s.gcr.io`), or null where the
       * registry is a domain that serves nothing itself (`pkg.deu` → `pkg.dev` is no registry) */
      meant: string | null;
    };

export interface LookalikeVerdict {
  imitates: Imitated;
  /** the part of the reference that imitates it: a host, a namespace or a repository name */
  part: string;
  how: Likeness | 'same name' | 'other top-level domain' | 'host prefix';
}

interface LookalikeInput {
  registry: string;
  repository: string;
  /** the publisher's Docker Hub badge; null or undefined: unknown */
  badge?: Badge | null;
}

const VOUCHED: ReadonlySet<Badge | null | undefined> = new Set(['official', 'verified_publisher', 'open_source']);

/** Official names too short to judge by anything but exact look-alike characters (`sl`). */
const MIN_OFFICIAL_LENGTH = 3;

const official = new Targets<string>(
  [...OFFICIAL_IMAGES.names, ...OFFICIAL_IMAGES.retired]
    .filter((n) => n.length >= MIN_OFFICIAL_LENGTH)
    .map((n) => [n, n]),
);
const officialNames = new Set([...OFFICIAL_IMAGES.names, ...OFFICIAL_IMAGES.retired]);
const publishers = new Targets<Publisher>(
  PUBLISHERS.publishers.map((p) => [p.namespace, p]),
  { minEditLength: 5 },
);

const knownNames = new Set([...officialNames, ...PUBLISHERS.publishers.flatMap((p) => p.repositories)]);

/** The domain a host belongs to (its last two labels): every subdomain of it has one owner. */
function domainOf(host: string): string {
  return host.split('.').slice(-2).join('.');
}

const registryByDomain = new Map<string, Registry>();
for (const r of REGISTRIES.registries)
  if (!registryByDomain.has(domainOf(r.host))) registryByDomain.set(domainOf(r.host), r);
/** One edit away from a registry domain of six characters or more (`ghrc.io`, `qauy.io`). */
const registryDomains = new Targets<Registry>(registryByDomain, { keep: 'dots', budget: (n) => (n >= 6 ? 1 : 0) });
/** One edit away from a whole registry host (`registryk8s.io`, `mcrmicrosoft.com`). */
const registryHosts = new Targets<Registry>(
  REGISTRIES.registries.map((r) => [r.host, r]),
  { keep: 'dots', budget: (n) => (n >= 6 ? 1 : 0) },
);
const registryLabels = new Map([...registryByDomain].map(([d, r]) => [d.split('.')[0] as string, r]));

/** Verdicts by name: a file names the same images over and over, and each verdict weighs the name
 * against every target (diagnostics of 10,000 references spent four fifths of their time here).
 * Bounded: emptied when full. A verdict is shared, never changed. */
const verdicts = new Map<string, LookalikeVerdict | null>();
const VERDICTS_MAX = 4096;

export function judge(input: LookalikeInput): LookalikeVerdict | null {
  if (VOUCHED.has(input.badge)) return null;
  const key = `${input.registry}\0${input.repository}\0${input.badge ?? ''}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
    verdict = judgeName(input);
    verdicts.set(key, verdict);
  }
  return verdict;
}

function judgeName(input: LookalikeInput): LookalikeVerdict | null {
  const host = canonicalRegistry(input.registry);
  const registry = judgeRegistry(host);
  if (registry) return registry;
  const path = input.repository.split('/');
  if (host === DOCKER_HUB) return judgeHub(path, input.badge ?? null);
  return officialName(path[path.length - 1] ?? '');
}

function judgeRegistry(hostAndPort: string): LookalikeVerdict | null {
  const host = hostAndPort.replace(/:\d+$/, '');
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) return null; // localhost, IP literals
  const domain = domainOf(host);
  if (registryByDomain.has(domain)) return null;
  const verdict = (r: Registry, how: LookalikeVerdict['how'], meant: string): LookalikeVerdict => ({
    imitates: {
      kind: 'registry',
      host: r.host,
      name: r.name,
      meant: r.subdomainsOnly && meant === r.host ? null : meant,
    },
    part: host,
    how,
  });
  // a slip in the domain keeps the subdomains written before it (`us-docker.pkg.deu`)
  const sameSubdomains = (r: Registry): string => host.slice(0, host.length - domain.length) + domainOf(r.host);
  const prefixed = REGISTRIES.registries.find((r) => host.startsWith(`${r.host}.`));
  if (prefixed) return verdict(prefixed, 'host prefix', prefixed.host);
  const nearDomain = registryDomains.near(domain);
  if (nearDomain) return verdict(nearDomain.target, nearDomain.how, sameSubdomains(nearDomain.target));
  const nearHost = registryHosts.near(host);
  if (nearHost) return verdict(nearHost.target, nearHost.how, nearHost.target.host);
  const sameLabel = registryLabels.get(domain.split('.')[0] as string);
  return sameLabel ? verdict(sameLabel, 'other top-level domain', sameSubdomains(sameLabel)) : null;
}

function judgeHub(path: string[], badge: Badge | null): LookalikeVerdict | null {
  const [namespace = '', ...rest] = path;
  const name = rest[rest.length - 1] ?? '';
  if (namespace === 'library') return officialName(name);
  if (publishers.has(namespace)) return null;
  if (!officialNames.has(namespace)) {
    const near = publishers.near(namespace);
    if (near) {
      const p = near.target;
      return {
        imitates: {
          kind: 'namespace',
          namespace: p.namespace,
          badge: p.badge,
          repository: p.repositories.includes(name) ? name : null,
        },
        part: namespace,
        how: near.how,
      };
    }
  }
  // a project publishing under its own name (`postgrest/postgrest`, `espocrm/espocrm`) is upstream,
  // not an impersonator: nobody types such a name by mistake for the official one
  if (ownName(namespace, name)) return null;
  const typo = officialName(name);
  if (typo) return typo;
  if (badge !== 'none') return null;
  const base = withoutVersion(name);
  if (!officialNames.has(name) && !officialNames.has(base)) return null;
  return { imitates: { kind: 'official', name: officialNames.has(name) ? name : base }, part: name, how: 'same name' };
}

function ownName(namespace: string, name: string): boolean {
  const ns = skeleton(namespace);
  const n = skeleton(withoutVersion(name));
  return ns === n;
}

/** A repository name that is a small edit or a look-alike of an official name. */
function officialName(name: string): LookalikeVerdict | null {
  if (knownNames.has(name)) return null;
  const base = withoutVersion(name);
  if (knownNames.has(base)) return null;
  const near = official.near(base);
  return near ? { imitates: { kind: 'official', name: near.name }, part: name, how: near.how } : null;
}

/** Where the compared lists came from and how old they are, for people (the hover). */
export function lookalikeSources(): string {
  return `Docker Official Images of ${OFFICIAL_IMAGES.date} (docker-library/official-images), well-known Docker Hub publishers of ${PUBLISHERS.date}, well-known registries of ${REGISTRIES.date}`;
}
