// The format of the lists the lookalike check compares against (server/data/*.json): each says
// where it came from and when. Checked at load and by the refresh script before it writes, so a
// bad refresh fails loudly instead of silently comparing against nothing.
import { BADGES, type Badge } from '../../model/facts.js';

export interface OfficialImages {
  source: string;
  date: string;
  /** what library/ of docker-library/official-images holds */
  names: string[];
  /** names that left library/: no longer updated, still Docker Official Images on Docker Hub */
  retired: string[];
}

export interface Publisher {
  namespace: string;
  /** null: the list does not say (a hand-made seed); the live badge decides at lookup time */
  badge: Badge | null;
  /** its most-pulled repositories (names within the namespace) */
  repositories: string[];
}

export interface Publishers {
  source: string;
  date: string;
  publishers: Publisher[];
}

export interface Registry {
  /** a host, or a domain whose subdomains are all this registry (gcr.io, pkg.dev, azurecr.io) */
  host: string;
  name: string;
  /** the domain itself serves no images, only its subdomains do (pkg.dev, azurecr.io) */
  subdomainsOnly: boolean;
}

export interface Registries {
  source: string;
  date: string;
  registries: Registry[];
}

const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

class DataError extends Error {}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DataError(`${what}: not an object`);
  return v as Record<string, unknown>;
}

function text(v: unknown, what: string, pattern?: RegExp): string {
  if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v)))
    throw new DataError(`${what}: ${JSON.stringify(v)} is not valid`);
  return v;
}

function texts(v: unknown, what: string, pattern: RegExp): string[] {
  if (!Array.isArray(v)) throw new DataError(`${what}: not an array`);
  return v.map((x, i) => text(x, `${what}[${i}]`, pattern));
}

function header(raw: unknown, file: string): Record<string, unknown> {
  const o = record(raw, file);
  if (o.version !== 1) throw new DataError(`${file}: version must be 1`);
  text(o.source, `${file}: source`);
  text(o.date, `${file}: date`, DATE);
  return o;
}

export function parseOfficialImages(raw: unknown): OfficialImages {
  const o = header(raw, 'official-images.json');
  return {
    source: o.source as string,
    date: o.date as string,
    names: texts(o.names, 'official-images.json: names', NAME),
    retired: texts(o.retired, 'official-images.json: retired', NAME),
  };
}

export function parsePublishers(raw: unknown): Publishers {
  const o = header(raw, 'publishers.json');
  if (!Array.isArray(o.publishers)) throw new DataError('publishers.json: publishers: not an array');
  const publishers = o.publishers.map((p, i): Publisher => {
    const e = record(p, `publishers.json: publishers[${i}]`);
    const badge =
      e.badge === null ? null : (BADGES as readonly unknown[]).includes(e.badge) ? (e.badge as Badge) : undefined;
    if (badge === undefined) throw new DataError(`publishers.json: publishers[${i}].badge is not a badge or null`);
    return {
      namespace: text(e.namespace, `publishers.json: publishers[${i}].namespace`, NAME),
      badge,
      repositories: texts(e.repositories, `publishers.json: publishers[${i}].repositories`, NAME),
    };
  });
  return { source: o.source as string, date: o.date as string, publishers };
}

export function parseRegistries(raw: unknown): Registries {
  const o = header(raw, 'registries.json');
  if (!Array.isArray(o.registries)) throw new DataError('registries.json: registries: not an array');
  const registries = o.registries.map((r, i): Registry => {
    const e = record(r, `registries.json: registries[${i}]`);
    if (e.subdomainsOnly !== undefined && typeof e.subdomainsOnly !== 'boolean')
      throw new DataError(`registries.json: registries[${i}].subdomainsOnly is not a boolean`);
    return {
      host: text(e.host, `registries.json: registries[${i}].host`, HOST),
      name: text(e.name, `registries.json: registries[${i}].name`),
      subdomainsOnly: e.subdomainsOnly === true,
    };
  });
  return { source: o.source as string, date: o.date as string, registries };
}
