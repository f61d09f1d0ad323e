// The image reference grammar of distribution/reference (reference.go, regexp.go, normalize.go),
// re-expressed in TypeScript with the offsets of every component kept, so that extraction can give
// exact ranges for registry, repository, tag and digest.
//
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain '/'] path-component ['/' path-component]*
//
// `parseReference` is distribution/reference's `Parse` (no defaults applied); `parseNormalized`
// is `ParseNormalizedNamed` (docker.io and library/ added, index.docker.io rewritten).
// `toImageName` is this product's view on top of that: the tag defaults to `latest` and
// `registry-1.docker.io` (the Docker Hub registry API host) also counts as Docker Hub.

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
const anchoredTagRegexp = new RegExp(`^${tagPattern}$`);
const anchoredRemoteNameRegexp = new RegExp(`^${remoteName}$`);

/** Longest repository path distribution/reference accepts (RepositoryNameTotalLengthMax). */
const REPOSITORY_NAME_MAX = 255;

export const DOCKER_HUB = 'docker.io';
const LEGACY_HUB = 'index.docker.io';
/** The host Docker Hub's registry API answers on; we treat it as Docker Hub too (see toImageName). */
const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';
const OFFICIAL_PREFIX = 'library/';

/** Digest algorithms go-digest knows, with the length of their hex part. go-digest calls an
 * algorithm available when its hash is linked into the binary; Docker's binaries link crypto/sha256
 * and crypto/sha512 (which also provides sha384), and distribution/reference's own tests do the
 * same, so all three are available here. Any other algorithm is "unsupported". */
const DIGEST_ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest's DigestRegexp (anchored): stricter about the algorithm than the reference grammar's
 * digest (lower case only) and looser about the encoded part. Used only for unavailable algorithms,
 * to tell "unsupported" from "malformed" as go-digest does. */
const goDigestRegexp = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export type ReferenceErrorKind =
  | 'name-empty'
  | 'name-uppercase'
  | 'invalid-format'
  | 'name-too-long'
  | 'digest-unsupported'
  | 'digest-invalid-length'
  | 'digest-invalid-format'
  | 'identifier';

export class ReferenceError extends Error {
  constructor(
    readonly kind: ReferenceErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A half-open [start, end) span of character offsets into the parsed string. */
export interface Span {
  start: number;
  end: number;
}

/** The result of `parseReference`: components as written, with their spans. */
export interface ParsedReference {
  /** domain (host[:port]) as written, or '' when none */
  domain: string;
  /** path as written (no domain) */
  path: string;
  tag: string | null;
  digest: string | null;
  spans: { name: Span; domain: Span | null; path: Span; tag: Span | null; digest: Span | null };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ReferenceError };

/** distribution/reference `Parse`: the grammar, without normalisation. */
export function parseReference(s: string): ParseResult<ParsedReference> {
  const m = referenceRegexp.exec(s);
  if (!m) {
    if (s === '') return fail('name-empty', 'repository name must have at least one component');
    if (referenceRegexp.test(s.toLowerCase())) return fail('name-uppercase', 'repository name must be lowercase');
    return fail('invalid-format', 'invalid reference format');
  }
  const name = m[1] ?? '';
  const tag = m[2] ?? null;
  const digest = m[3] ?? null;
  const nameMatch = anchoredNameRegexp.exec(name);
  const domain = nameMatch?.[1] ?? '';
  const path = nameMatch?.[2] ?? name;
  if (path.length > REPOSITORY_NAME_MAX) {
    return fail('name-too-long', `repository name must not be more than ${REPOSITORY_NAME_MAX} characters`);
  }
  if (digest !== null) {
    const digestError = validateDigest(digest);
    if (digestError) return { ok: false, error: digestError };
  }
  const tagStart = name.length + 1;
  const digestStart = name.length + (tag === null ? 0 : tag.length + 1) + 1;
  return {
    ok: true,
    value: {
      domain,
      path,
      tag,
      digest,
      spans: {
        name: { start: 0, end: name.length },
        domain: domain ? { start: 0, end: domain.length } : null,
        path: { start: name.length - path.length, end: name.length },
        tag: tag === null ? null : { start: tagStart, end: tagStart + tag.length },
        digest: digest === null ? null : { start: digestStart, end: digestStart + digest.length },
      },
    },
  };
}

/** go-digest v1 `Digest.Validate` (the version distribution/reference requires), with sha256,
 * sha384 and sha512 available. */
export function validateDigest(d: string): ReferenceError | null {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length)
    return new ReferenceError('digest-invalid-format', 'invalid checksum digest format');
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const length = Object.hasOwn(DIGEST_ALGORITHMS, algorithm) ? DIGEST_ALGORITHMS[algorithm] : undefined;
  if (length === undefined) {
    if (!goDigestRegexp.test(d)) return new ReferenceError('digest-invalid-format', 'invalid checksum digest format');
    return new ReferenceError('digest-unsupported', 'unsupported digest algorithm');
  }
  if (encoded.length !== length) return new ReferenceError('digest-invalid-length', 'invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded))
    return new ReferenceError('digest-invalid-format', 'invalid checksum digest format');
  return null;
}

/** True for a tag the reference grammar accepts (`[\w][\w.-]{0,127}`, ASCII only). */
export function isValidTag(s: string): boolean {
  return anchoredTagRegexp.test(s);
}

/** True for a repository path (no domain) the reference grammar accepts, within its length limit. */
export function isValidRepositoryPath(s: string): boolean {
  return s.length <= REPOSITORY_NAME_MAX && anchoredRemoteNameRegexp.test(s);
}

/** A reference normalised as `ParseNormalizedNamed` does. */
interface NormalizedReference {
  /** e.g. docker.io */
  domain: string;
  /** e.g. library/nginx */
  path: string;
  tag: string | null;
  digest: string | null;
  /** Spans into the original string; domain is null when it was implied. */
  spans: ParsedReference['spans'];
}

/** distribution/reference `ParseNormalizedNamed`. */
export function parseNormalized(s: string): ParseResult<NormalizedReference> {
  if (anchoredIdentifierRegexp.test(s)) {
    return fail('identifier', `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const split = splitDockerDomain(s);
  const tagSep = split.remainder.indexOf(':');
  const remote = tagSep > -1 ? split.remainder.slice(0, tagSep) : split.remainder;
  if (remote.toLowerCase() !== remote) {
    return fail('name-uppercase', `invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const parsed = parseReference(`${split.domain}/${split.remainder}`);
  if (!parsed.ok) return parsed;
  // Map spans of the synthetic "domain/remainder" string back onto `s`: both end with the same
  // text (the remainder may have gained "library/" and the domain may have been rewritten).
  const shift = split.domain.length + 1 + split.remainder.length - s.length;
  const back = (sp: Span | null): Span | null =>
    sp === null ? null : { start: sp.start - shift, end: sp.end - shift };
  const v = parsed.value;
  // A first component with a "." that is not a valid host (e.g. "a.b_c/d") is taken as a domain by
  // splitDockerDomain but parsed as part of the path by Parse: then there is no domain at all.
  const written = v.domain === '' ? 0 : split.writtenDomainLength;
  const nameEnd = v.spans.name.end - shift;
  return {
    ok: true,
    value: {
      domain: v.domain,
      path: v.path,
      tag: v.tag,
      digest: v.digest,
      spans: {
        name: { start: 0, end: nameEnd },
        domain: written > 0 ? { start: 0, end: written } : null,
        // an implied "library/" is not in the text: the path span covers what was written
        path: { start: written > 0 ? written + 1 : 0, end: nameEnd },
        tag: back(v.spans.tag),
        digest: back(v.spans.digest),
      },
    },
  };
}

function splitDockerDomain(name: string): { domain: string; remainder: string; writtenDomainLength: number } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: DOCKER_HUB, remainder: OFFICIAL_PREFIX + name, writtenDomainLength: 0 };
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  let writtenDomainLength = maybeDomain.length;
  if (maybeDomain === 'localhost') {
    [domain, remainder] = [maybeDomain, maybeRemote];
  } else if (maybeDomain === LEGACY_HUB) {
    [domain, remainder] = [DOCKER_HUB, maybeRemote];
  } else if (/[.:]/.test(maybeDomain)) {
    [domain, remainder] = [maybeDomain, maybeRemote];
  } else if (maybeDomain.toLowerCase() !== maybeDomain) {
    // upper case is not allowed in a path component, so it is likely a domain
    [domain, remainder] = [maybeDomain, maybeRemote];
  } else {
    [domain, remainder, writtenDomainLength] = [DOCKER_HUB, name, 0];
  }
  if (domain === DOCKER_HUB && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
  return { domain, remainder, writtenDomainLength };
}

/** The product's normalised image name (what `image`, `registry`, `repository`, `tag`, `digest` hold). */
export interface ImageName {
  registry: string;
  repository: string;
  /** the tag as written, or `latest` when neither tag nor digest is written */
  tag: string | null;
  /** true when the tag was not written and `latest` is implied */
  tagImplied: boolean;
  digest: string | null;
  /** `registry/repository[:tag][@digest]` */
  image: string;
  spans: ParsedReference['spans'];
}

/** Normalises a reference for lookups. Docker Hub's registry API host `registry-1.docker.io` is
 * Docker Hub: it is canonicalised to `docker.io` (with `library/` for one-component names), so that
 * one image written two ways is looked up, cached and reported once. */
export function toImageName(s: string): ParseResult<ImageName> {
  const parsed = parseNormalized(s);
  if (!parsed.ok) return parsed;
  let { domain, path } = parsed.value;
  if (domain === '') {
    // parseNormalized keeps Go's domain-less result for names like "a.b_c/d"; no registry can be
    // asked for such a name, so it is not an image this product can name.
    return fail('invalid-format', `invalid reference format: no registry can be determined for "${s}"`);
  }
  if (domain === DOCKER_HUB_REGISTRY) {
    domain = DOCKER_HUB;
    if (!path.includes('/')) path = OFFICIAL_PREFIX + path;
  }
  const { tag, digest, spans } = parsed.value;
  const tagImplied = tag === null && digest === null;
  const effectiveTag = tag ?? (digest === null ? 'latest' : null);
  const image = `${domain}/${path}${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    ok: true,
    value: { registry: domain, repository: path, tag: effectiveTag, tagImplied, digest, image, spans },
  };
}

const HUB_NAMES = new Set([DOCKER_HUB, LEGACY_HUB, DOCKER_HUB_REGISTRY]);

/** True for the registry names this product treats as Docker Hub. Host names compare without case
 * (`Docker.io` reaches the same servers), although the grammar keeps such a domain as written. */
export function isDockerHub(registry: string): boolean {
  return HUB_NAMES.has(registry.toLowerCase());
}

/** A registry host in lower case, Docker Hub's names folded to `docker.io`. */
export function canonicalRegistry(host: string): string {
  const h = host.toLowerCase();
  return HUB_NAMES.has(h) ? DOCKER_HUB : h;
}

/** The familiar form Docker prints: `nginx` for docker.io/library/nginx, `foo/bar` for docker.io/foo/bar. */
export function familiarName(registry: string, repository: string): string {
  if (!isDockerHub(registry)) return `${registry}/${repository}`;
  return repository.startsWith(OFFICIAL_PREFIX) && !repository.slice(OFFICIAL_PREFIX.length).includes('/')
    ? repository.slice(OFFICIAL_PREFIX.length)
    : repository;
}

function fail<T>(kind: ReferenceErrorKind, message: string): ParseResult<T> {
  return { ok: false, error: new ReferenceError(kind, message) };
}
