// Trust-policy keys: parsing PEM (public key or CA certificate) and checking a signature the ways
// cosign produces them — ECDSA (P-256/P-384/P-521, DER, over SHA-256 or the curve's own hash),
// Ed25519 (pure), RSA PKCS#1 v1.5 and PSS (SHA-256/384/512).
import { constants, createPublicKey, verify, X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import type { NamedKey } from './types.js';

interface ParsedKey {
  name: string;
  key: KeyObject;
}

export interface ParsedAnchor {
  name: string;
  cert: NodeCertificate;
}

interface ParsedKeys {
  keys: ParsedKey[];
  /** CA certificates: Notation trust anchors */
  anchors: ParsedAnchor[];
  /** keys that could not be parsed, with why (settings diagnostics) */
  errors: string[];
}

const parsed = new Map<string, ParsedKey | ParsedAnchor | string>();
const PARSED_LIMIT = 256;

function parseOne(k: NamedKey): ParsedKey | ParsedAnchor | string {
  const hit = parsed.get(k.name + '\0' + k.pem);
  if (hit) return hit;
  let out: ParsedKey | ParsedAnchor | string;
  try {
    out = k.pem.includes('-----BEGIN CERTIFICATE-----')
      ? { name: k.name, cert: new NodeCertificate(k.pem) }
      : { name: k.name, key: createPublicKey(k.pem) };
  } catch (e) {
    out = `key ${k.name}: not a PEM public key or certificate (${(e as Error).message})`;
  }
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
  parsed.set(k.name + '\0' + k.pem, out);
  return out;
}

export function parseKeys(keys: readonly NamedKey[]): ParsedKeys {
  const out: ParsedKeys = { keys: [], anchors: [], errors: [] };
  for (const k of keys) {
    const p = parseOne(k);
    if (typeof p === 'string') out.errors.push(p);
    else if ('cert' in p) out.anchors.push(p);
    else out.keys.push(p);
  }
  return out;
}

const HASHES = ['sha256', 'sha384', 'sha512'] as const;

function tryVerify(
  algorithm: string | null,
  data: Uint8Array,
  key: Parameters<typeof verify>[2],
  signature: Uint8Array,
): boolean {
  try {
    return verify(algorithm, data, key, signature);
  } catch {
    return false;
  }
}

/** True when `signature` over `data` verifies with `key` in any way cosign signs. */
export function keyVerifies(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
    case 'ed448':
      return tryVerify(null, data, key, signature);
    case 'ec':
      return HASHES.some((h) => tryVerify(h, data, key, signature));
    case 'rsa':
      return HASHES.some(
        (h) =>
          tryVerify(h, data, key, signature) ||
          tryVerify(
            h,
            data,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
            signature,
          ),
      );
    case 'rsa-pss':
      return HASHES.some((h) =>
        tryVerify(
          h,
          data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
          signature,
        ),
      );
    default:
      return false;
  }
}
