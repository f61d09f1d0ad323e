// Trust settings (SPEC §3 `trust.policies`): which images must carry a signature by which keys or
// keyless identities, as cosign `--certificate-identity-regexp`, Kyverno and policy-controller
// express it. `trust.trustedRoots` (beyond SPEC) adds Sigstore trusted roots — a private Sigstore,
// a test CA — to the public-good one the package ships; each is the JSON `cosign trusted-root
// create` writes.

interface TrustPolicyKey {
  name: string;
  /** PEM: a public key (cosign, Sigstore bundles), or a CA certificate (Notation trust anchor) */
  publicKey: string;
}

interface TrustPolicyIdentity {
  /** the OIDC issuer, compared exactly */
  issuer: string;
  /** matched against the certificate identity (SAN), unanchored as cosign does */
  identityRegExp: string;
}

interface TrustPolicy {
  /** globs over the normalised name without tag or digest: `*` within a path component, `**` across */
  images: string[];
  keys: TrustPolicyKey[];
  identities: TrustPolicyIdentity[];
}

export interface TrustSettings {
  policies: TrustPolicy[];
  /** extra Sigstore trusted roots (JSON objects, validated when used) */
  trustedRoots: unknown[];
}

export const DEFAULT_TRUST: TrustSettings = { policies: [], trustedRoots: [] };

const MAX_POLICIES = 200;
const MAX_PEM = 16 * 1024;
const MAX_REGEXP = 1_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Normalises `trust` settings; each ill-formed entry is dropped with a warning that says why. */
export function normalizeTrust(raw: unknown, warn: (message: string) => void): TrustSettings {
  if (raw === undefined || raw === null) return DEFAULT_TRUST;
  if (!isRecord(raw)) {
    warn('trust: must be an object; ignored');
    return DEFAULT_TRUST;
  }
  const policies: TrustPolicy[] = [];
  if (raw.policies !== undefined && !Array.isArray(raw.policies))
    warn('trust.policies: must be an array of policies; ignored');
  if (raw.trustedRoots !== undefined && !Array.isArray(raw.trustedRoots))
    warn('trust.trustedRoots: must be an array of trusted-root JSON objects; ignored');
  list(raw.policies)
    .slice(0, MAX_POLICIES)
    .forEach((p, i) => {
      const at = `trust.policies[${i}]`;
      if (!isRecord(p)) return warn(`${at}: must be an object; ignored`);
      const images = list(p.images).filter(
        (g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 300 && !/\s/.test(g),
      );
      if (!images.length) return warn(`${at}: names no images; ignored`);
      const keys: TrustPolicyKey[] = [];
      list(p.keys).forEach((k, j) => {
        if (
          isRecord(k) &&
          typeof k.name === 'string' &&
          k.name &&
          typeof k.publicKey === 'string' &&
          k.publicKey.includes('-----BEGIN ') &&
          k.publicKey.length <= MAX_PEM
        ) {
          keys.push({ name: k.name.slice(0, 100), publicKey: k.publicKey });
        } else warn(`${at}.keys[${j}]: needs a name and a PEM publicKey; ignored`);
      });
      const identities: TrustPolicyIdentity[] = [];
      list(p.identities).forEach((x, j) => {
        if (
          !isRecord(x) ||
          typeof x.issuer !== 'string' ||
          !x.issuer ||
          typeof x.identityRegExp !== 'string' ||
          x.identityRegExp.length > MAX_REGEXP
        ) {
          return warn(`${at}.identities[${j}]: needs an issuer and an identityRegExp; ignored`);
        }
        try {
          new RegExp(x.identityRegExp, 'u');
        } catch (e) {
          return warn(
            `${at}.identities[${j}]: identityRegExp is not a regular expression (${(e as Error).message}); ignored`,
          );
        }
        identities.push({ issuer: x.issuer, identityRegExp: x.identityRegExp });
      });
      if (!keys.length && !identities.length) warn(`${at}: names no key or identity, so nothing can satisfy it`);
      policies.push({ images, keys, identities });
    });
  const trustedRoots = list(raw.trustedRoots).filter(
    (r, i) => isRecord(r) || (warn(`trust.trustedRoots[${i}]: must be a trusted-root JSON object; ignored`), false),
  );
  return { policies, trustedRoots };
}

const globCache = new Map<string, RegExp>();

/** `*` stays within a path component, `**` crosses them; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    if (globCache.size > 500) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

/** The policies naming `name` (normalised `registry/repository`, no tag or digest). */
export function policiesFor(name: string, policies: readonly TrustPolicy[]): TrustPolicy[] {
  return policies.filter((p) => p.images.some((g) => globToRegExp(g).test(name)));
}
