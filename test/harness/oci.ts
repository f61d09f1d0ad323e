// Deterministic OCI / Docker image content built with node built-ins only: ustar layers, gzip,
// configs, manifests, indexes. Same inputs → same bytes → same digests on every run.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const MT = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json',
  cosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  sigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  notarySignature: 'application/vnd.cncf.notary.signature',
  jose: 'application/jose+json',
  cose: 'application/cose',
} as const;

/** Every manifest media type a client should list in Accept (distribution 2.8 404s an OCI index otherwise). */
export const MANIFEST_ACCEPT = [MT.ociIndex, MT.ociManifest, MT.dockerList, MT.dockerManifest].join(', ');

/** Fixed creation time baked into configs so digests never depend on the clock. */
export const FIXED_CREATED = '2024-01-01T00:00:00Z';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
}
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** A manifest (or index) ready to push, plus the blobs it needs. */
export interface Built {
  bytes: Buffer;
  mediaType: string;
  digest: string;
  blobs: Map<string, Buffer>;
}

export const sha256 = (buf: Buffer): string => 'sha256:' + createHash('sha256').update(buf).digest('hex');
export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
export function desc(mediaType: string, buf: Buffer, extra: Partial<Descriptor> = {}): Descriptor {
  return { mediaType, digest: sha256(buf), size: buf.length, ...extra };
}
export const platformString = (p: Platform): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** Minimal ustar writer (regular files only, all metadata zeroed for determinism). */
export function tar(files: Array<{ name: string; content: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, content } of files) {
    const data = Buffer.from(content);
    const h = Buffer.alloc(512);
    const put = (off: number, len: number, s: string): void => {
      h.write(s, off, len, 'ascii');
    };
    const oct = (off: number, len: number, n: number): void =>
      put(off, len, n.toString(8).padStart(len - 1, '0') + '\0');
    put(0, 100, name);
    oct(100, 8, 0o644);
    oct(108, 8, 0);
    oct(116, 8, 0);
    oct(124, 12, data.length);
    oct(136, 12, 0);
    h.fill(' ', 148, 156);
    put(156, 1, '0');
    put(257, 6, 'ustar\0');
    put(263, 2, '00');
    let sum = 0;
    for (const b of h) sum += b;
    put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function built(mediaType: string, bytes: Buffer, blobs: Map<string, Buffer>): Built {
  return { bytes, mediaType, digest: sha256(bytes), blobs };
}

/** One runnable single-platform image; `flavor` picks OCI or Docker v2 media types. */
export function image(opts: { platform: Platform; text: string; flavor?: 'oci' | 'docker'; title?: string }): Built {
  const { platform, text, flavor = 'oci' } = opts;
  const blobs = new Map<string, Buffer>();
  const add = (b: Buffer): Buffer => {
    blobs.set(sha256(b), b);
    return b;
  };
  const rawTar = tar([{ name: 'etc/image-trust-sandbox', content: `${text}\n${platformString(platform)}\n` }]);
  const layer = add(gzipSync(rawTar, { level: 9 }));
  const config = add(
    json({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      created: FIXED_CREATED,
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: [sha256(rawTar)] },
      history: [{ created: FIXED_CREATED, created_by: `image-trust sandbox: ${text}` }],
    }),
  );
  const docker = flavor === 'docker';
  const manifest = json({
    schemaVersion: 2,
    mediaType: docker ? MT.dockerManifest : MT.ociManifest,
    config: desc(docker ? MT.dockerConfig : MT.ociConfig, config),
    layers: [desc(docker ? MT.dockerLayer : MT.ociLayer, layer)],
    ...(docker ? {} : { annotations: { 'org.opencontainers.image.title': opts.title ?? text } }),
  });
  return built(docker ? MT.dockerManifest : MT.ociManifest, manifest, blobs);
}

/** A BuildKit-style attestation manifest (in-toto SLSA provenance + SPDX SBOM) for one image manifest. */
export function attestation(subject: Built, text: string): Built {
  const blobs = new Map<string, Buffer>();
  const add = (b: Buffer): Buffer => {
    blobs.set(sha256(b), b);
    return b;
  };
  const statement = (predicateType: string, predicate: unknown): Buffer =>
    add(
      json({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType,
        subject: [{ name: `pkg:docker/${text}`, digest: { sha256: subject.digest.slice(7) } }],
        predicate,
      }),
    );
  const provenance = statement('https://slsa.dev/provenance/v0.2', {
    builder: { id: 'https://github.com/docker-library' },
    buildType: 'https://mobyproject.org/buildkit@v1',
  });
  const sbom = statement('https://spdx.dev/Document', { spdxVersion: 'SPDX-2.3', name: text, packages: [] });
  const config = add(
    json({
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(provenance), sha256(sbom)] },
    }),
  );
  const manifest = json({
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    config: desc(MT.ociConfig, config),
    layers: [
      desc(MT.inToto, provenance, { annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }),
      desc(MT.inToto, sbom, { annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' } }),
    ],
  });
  return built(MT.ociManifest, manifest, blobs);
}

/** An index (OCI) or manifest list (Docker) over children; children's blobs are NOT merged (push them first). */
export function index(entries: Descriptor[], flavor: 'oci' | 'docker' = 'oci'): Built {
  const mediaType = flavor === 'docker' ? MT.dockerList : MT.ociIndex;
  return built(mediaType, json({ schemaVersion: 2, mediaType, manifests: entries }), new Map());
}

/** Descriptor of a built manifest as an index entry. */
export function entry(b: Built, extra: Partial<Descriptor> = {}): Descriptor {
  return { mediaType: b.mediaType, digest: b.digest, size: b.bytes.length, ...extra };
}

/** An OCI 1.1 artifact manifest with `subject` (a referrer): empty config, the given layers. */
export function referrer(opts: {
  artifactType: string;
  subject: Built;
  layers: Array<{ mediaType: string; bytes: Buffer }>;
  annotations?: Record<string, string>;
}): Built {
  const blobs = new Map<string, Buffer>();
  const empty = Buffer.from('{}');
  blobs.set(sha256(empty), empty);
  for (const l of opts.layers) blobs.set(sha256(l.bytes), l.bytes);
  const manifest = json({
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    artifactType: opts.artifactType,
    config: desc(MT.ociEmpty, empty),
    layers: opts.layers.map((l) => desc(l.mediaType, l.bytes)),
    subject: { mediaType: opts.subject.mediaType, digest: opts.subject.digest, size: opts.subject.bytes.length },
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  });
  return built(MT.ociManifest, manifest, blobs);
}

/** The referrers tag-schema fallback index (tag `sha256-<hex of subject>`) listing referrers. */
export function referrersIndex(referrers: Built[]): Built {
  const manifests = referrers.map((r) => {
    const parsed = JSON.parse(r.bytes.toString()) as { artifactType?: string; annotations?: Record<string, string> };
    return entry(r, {
      ...(parsed.artifactType ? { artifactType: parsed.artifactType } : {}),
      ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    });
  });
  return built(MT.ociIndex, json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests }), new Map());
}

export const fallbackTag = (digest: string): string => digest.replace(':', '-');
export const cosignSigTag = (digest: string): string => digest.replace(':', '-') + '.sig';

/** Sum of config + layer sizes of a single manifest (what Hub reports as an image's `size`). */
export function compressedSize(b: Built): number {
  const m = JSON.parse(b.bytes.toString()) as { config?: Descriptor; layers?: Descriptor[] };
  return (m.config?.size ?? 0) + (m.layers ?? []).reduce((n, l) => n + l.size, 0);
}
