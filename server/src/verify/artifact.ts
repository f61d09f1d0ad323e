// Reading a signature artifact's manifest and layers, bounded and checked: a layer's bytes are used
// only when they hash to the digest the manifest names. Everything here is hostile input.
import { createHash } from 'node:crypto';

export const MAX_MANIFEST_BYTES = 1 << 20;
export const MAX_LAYER_BYTES = 4 << 20;
export const MAX_LAYERS = 32;
export const MAX_ANNOTATION_CHARS = 64 * 1024;

export class Malformed extends Error {}

export interface Layer {
  mediaType: string;
  digest: string;
  annotations: Record<string, string>;
  /** null when the blob was not supplied */
  bytes: Buffer | null;
}

export interface ArtifactManifest {
  artifactType: string | null;
  configMediaType: string | null;
  layers: Layer[];
  annotations: Record<string, string>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse with a size bound; throws Malformed. */
export function parseJson(bytes: Uint8Array, max: number, what: string): unknown {
  if (bytes.byteLength > max) throw new Malformed(`${what} is ${bytes.byteLength} bytes, over the ${max}-byte limit`);
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new Malformed(`${what} is not valid JSON`);
  }
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export const sha256Digest = (bytes: Uint8Array): string => 'sha256:' + createHash('sha256').update(bytes).digest('hex');

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' && x.length <= MAX_ANNOTATION_CHARS) out[k] = x;
  }
  return out;
}

export function readArtifact(manifest: Uint8Array, blobs: ReadonlyMap<string, Uint8Array>): ArtifactManifest {
  const m = parseJson(manifest, MAX_MANIFEST_BYTES, 'the signature manifest');
  if (!isRecord(m) || !Array.isArray(m.layers)) throw new Malformed('the signature manifest has no layers');
  if (m.layers.length > MAX_LAYERS)
    throw new Malformed(`the signature manifest has ${m.layers.length} layers, over the limit of ${MAX_LAYERS}`);
  const layers: Layer[] = [];
  for (const l of m.layers) {
    if (!isRecord(l) || typeof l.mediaType !== 'string' || typeof l.digest !== 'string' || !DIGEST.test(l.digest)) {
      throw new Malformed('a layer of the signature manifest has no valid media type or digest');
    }
    const blob = blobs.get(l.digest);
    let bytes: Buffer | null = null;
    if (blob) {
      if (blob.byteLength > MAX_LAYER_BYTES)
        throw new Malformed(`a signature layer is ${blob.byteLength} bytes, over the ${MAX_LAYER_BYTES}-byte limit`);
      if (sha256Digest(blob) !== l.digest) throw new Malformed(`the blob supplied for ${l.digest} does not hash to it`);
      bytes = Buffer.from(blob);
    }
    layers.push({
      mediaType: l.mediaType.toLowerCase(),
      digest: l.digest,
      annotations: stringMap(l.annotations),
      bytes,
    });
  }
  const config = isRecord(m.config) && typeof m.config.mediaType === 'string' ? m.config.mediaType : null;
  return {
    artifactType: typeof m.artifactType === 'string' ? m.artifactType : null,
    configMediaType: config,
    layers,
    annotations: stringMap(m.annotations),
  };
}
