// Pushes the sandbox's deterministic images to the registry (as alice) and builds matching Hub data.
// Image bytes never depend on the clock, so image digests are the same on every run; signature
// manifests change per run because the keys and the test PKI (pki.ts) are generated per run.
import {
  attestation,
  compressedSize,
  cosignSigTag,
  entry,
  fallbackTag,
  image,
  index,
  MT,
  referrersIndex,
  sha256,
  type Built,
  type Platform,
} from './oci.js';
import type { PushClient } from './push-client.js';
import {
  bundleReferrer,
  cosignSignatureManifest,
  generateSigningKey,
  notationJws,
  notationReferrer,
  sigstoreBundle,
  type SigningKey,
} from './signatures.js';
import { makeTestPki, notationLeaf, type TestPki } from './pki.js';
import { seedSigned, type SignedSeed } from './seed-signed.js';
import type { HubBadge, HubCatalog, HubRepository, HubTag } from './hub-catalog.js';
import { SEARCH_NEAR_MISSES } from './hub-catalog.js';

const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };

export interface SeededPlatform {
  platform: Platform;
  digest: string;
  mediaType: string;
  size: number;
}

export interface SeededImage {
  /** registry path, e.g. library/nginx (what Docker Hub calls namespace/repository) */
  repository: string;
  tags: string[];
  /** digest the tags resolve to (index, list or single manifest) */
  digest: string;
  mediaType: string;
  platforms: SeededPlatform[];
  /** BuildKit attestation manifests inside the index (platform unknown/unknown) */
  attestations: string[];
  pushedAt: Date;
}

export interface SeedResult {
  nginx: SeededImage;
  /** library/python:3.12 now; `pythonOld` is what 3.12 pointed to before it moved */
  python: SeededImage;
  pythonOld: SeededImage;
  pythonSlim: SeededImage;
  alpine: SeededImage;
  redis: SeededImage;
  grafana: SeededImage;
  notaryApp: SeededImage;
  staleTool: SeededImage;
  /** someone/old-tool:1.0, in a repository Docker Hub marks archived */
  oldTool: SeededImage;
  /** bitnamilegacy/redis:7.2.5, in the namespace Bitnami froze (no further updates) */
  bitnamiLegacy: SeededImage;
  secret: SeededImage;
  /** non-Hub image, addressed as `<registryHost>/team/app:1.0` */
  teamApp: SeededImage;
  signatures: {
    /** cosign `.sig` manifest digests keyed by the digest they sign */
    redisCosign: Record<string, string>;
    teamAppCosign: Record<string, string>;
    grafanaBundle: string;
    grafanaReferrersIndex: string;
    notation: string;
    notaryReferrersIndex: string;
  };
  missing: { repository: string; tag: string; digest: string };
  cosign: { publicKeyPem: string; privateKeyPem: string };
  /** acme/signed: one image per verification case, and the trust material that verifies them */
  signed: SignedSeed;
  hub: HubCatalog;
}

const DAY = 86_400_000;

interface Ctx {
  client: PushClient;
  now: number;
  key: SigningKey;
  pki: TestPki;
  registryHost: string;
}

/** Two-platform OCI index (optionally with BuildKit attestation manifests), pushed under `tags`. */
async function pushIndex(
  ctx: Ctx,
  repository: string,
  tags: string[],
  text: string,
  opts: { attest?: boolean; flavor?: 'oci' | 'docker'; daysAgo: number },
): Promise<{ seeded: SeededImage; top: Built; children: Built[] }> {
  const flavor = opts.flavor ?? 'oci';
  const children = [AMD64, ARM64].map((platform) => ({ platform, built: image({ platform, text, flavor }) }));
  const atts = opts.attest ? children.map((c) => attestation(c.built, text)) : [];
  const entries = [
    ...children.map((c) => entry(c.built, { platform: c.platform })),
    ...atts.map((a, i) =>
      entry(a, {
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.digest': children[i]?.built.digest ?? '',
          'vnd.docker.reference.type': 'attestation-manifest',
        },
      }),
    ),
  ];
  const top = index(entries, flavor);
  await Promise.all([
    ...children.map((c) => ctx.client.push(repository, c.built)),
    ...atts.map((a) => ctx.client.push(repository, a)),
  ]);
  for (const tag of tags) await ctx.client.push(repository, top, tag);
  return {
    top,
    children: children.map((c) => c.built),
    seeded: {
      repository,
      tags,
      digest: top.digest,
      mediaType: top.mediaType,
      platforms: children.map((c) => ({
        platform: c.platform,
        digest: c.built.digest,
        mediaType: c.built.mediaType,
        size: compressedSize(c.built),
      })),
      attestations: atts.map((a) => a.digest),
      pushedAt: new Date(ctx.now - opts.daysAgo * DAY),
    },
  };
}

async function pushSingle(
  ctx: Ctx,
  repository: string,
  tag: string,
  text: string,
  opts: { flavor?: 'oci' | 'docker'; pushedAt: Date },
): Promise<{ seeded: SeededImage; top: Built }> {
  const top = image({ platform: AMD64, text, flavor: opts.flavor ?? 'oci' });
  await ctx.client.push(repository, top, tag);
  return {
    top,
    seeded: {
      repository,
      tags: [tag],
      digest: top.digest,
      mediaType: top.mediaType,
      platforms: [{ platform: AMD64, digest: top.digest, mediaType: top.mediaType, size: compressedSize(top) }],
      attestations: [],
      pushedAt: opts.pushedAt,
    },
  };
}

/** cosign-signs each digest (tag scheme); returns subject digest → .sig manifest digest. */
async function cosignAll(
  ctx: Ctx,
  repository: string,
  dockerReference: string,
  digests: string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    digests.map(async (d) => {
      out[d] = await ctx.client.push(repository, cosignSignatureManifest(ctx.key, dockerReference, d), cosignSigTag(d));
    }),
  );
  return out;
}

export async function seed(client: PushClient, opts: { now?: number; registryHost: string }): Promise<SeedResult> {
  const now = opts.now ?? Date.now();
  const ctx: Ctx = { client, now, key: generateSigningKey(), pki: makeTestPki(now), registryHost: opts.registryHost };
  const at = (days: number): Date => new Date(ctx.now - days * DAY);

  const python = (async () => {
    const old = await pushIndex(ctx, 'library/python', ['3.12'], 'python 3.12.0', { daysAgo: 40 });
    const cur = await pushIndex(ctx, 'library/python', ['3.12'], 'python 3.12.1', { daysAgo: 1 });
    const slim = await pushSingle(ctx, 'library/python', '3.12-slim', 'python 3.12.1 slim', {
      flavor: 'docker',
      pushedAt: at(10),
    });
    return { old: old.seeded, cur: cur.seeded, slim: slim.seeded };
  })();
  const redis = (async () => {
    const r = await pushIndex(ctx, 'bitnami/redis', ['7.2'], 'redis 7.2.5', { daysAgo: 5 });
    const sigs = await cosignAll(ctx, 'bitnami/redis', 'index.docker.io/bitnami/redis', [
      r.top.digest,
      ...r.children.map((c) => c.digest),
    ]);
    return { ...r, sigs };
  })();
  const grafana = (async () => {
    const g = await pushIndex(ctx, 'grafana/grafana', ['11.0.0'], 'grafana 11.0.0', { daysAgo: 20 });
    // keyless, by the test identity, under the sandbox's trusted root
    const bundle = bundleReferrer(
      sigstoreBundle(ctx.pki, g.top.digest, { signedAt: new Date(ctx.now - 20 * DAY) }),
      g.top,
    );
    await client.push('grafana/grafana', bundle);
    const fallback = referrersIndex([bundle]);
    await client.push('grafana/grafana', fallback, fallbackTag(g.top.digest));
    return { ...g, bundle: bundle.digest, fallback: fallback.digest };
  })();
  const notary = (async () => {
    const n = await pushSingle(ctx, 'acme/notary-app', '2.0', 'notary-app 2.0', { pushedAt: at(7) });
    const leaf = notationLeaf(ctx.pki, { notBefore: new Date(ctx.now - 30 * DAY) });
    const envelope = notationJws(n.top, {
      leaf,
      chain: [ctx.pki.notationRoot],
      signingTime: new Date(ctx.now - 7 * DAY),
    });
    const sig = notationReferrer(n.top, envelope, 'jws', [leaf.cert, ctx.pki.notationRoot.cert]);
    await client.push('acme/notary-app', sig);
    const fallback = referrersIndex([sig]);
    await client.push('acme/notary-app', fallback, fallbackTag(n.top.digest));
    return { ...n, sig: sig.digest, fallback: fallback.digest };
  })();
  const teamApp = (async () => {
    const t = await pushSingle(ctx, 'team/app', '1.0', 'team app 1.0', { pushedAt: at(2) });
    return { ...t, sigs: await cosignAll(ctx, 'team/app', `${ctx.registryHost}/team/app`, [t.top.digest]) };
  })();
  const [nginx, alpine, stale, secret, py, rd, gf, nt, ta, signed, old, legacy] = await Promise.all([
    pushIndex(ctx, 'library/nginx', ['1.27.3', '1.27', '1', 'latest'], 'nginx 1.27.3', { attest: true, daysAgo: 3 }),
    pushIndex(ctx, 'library/alpine', ['3.19'], 'alpine 3.19.4', { flavor: 'docker', daysAgo: 30 }),
    pushSingle(ctx, 'someone/stale-tool', '0.1', 'stale-tool 0.1', { pushedAt: new Date('2019-05-01T10:00:00.000Z') }),
    pushSingle(ctx, 'private/secret', '1.0', 'secret 1.0', { pushedAt: at(14) }),
    python,
    redis,
    grafana,
    notary,
    teamApp,
    seedSigned(client, ctx.pki, ctx.key, ctx.now),
    pushSingle(ctx, 'someone/old-tool', '1.0', 'old-tool 1.0', { pushedAt: at(200) }),
    pushIndex(ctx, 'bitnamilegacy/redis', ['7.2.5'], 'bitnami legacy redis 7.2.5', { daysAgo: 90 }),
  ]);

  const result: Omit<SeedResult, 'hub'> = {
    nginx: nginx.seeded,
    python: py.cur,
    pythonOld: py.old,
    pythonSlim: py.slim,
    alpine: alpine.seeded,
    redis: rd.seeded,
    grafana: gf.seeded,
    notaryApp: nt.seeded,
    staleTool: stale.seeded,
    secret: secret.seeded,
    teamApp: ta.seeded,
    oldTool: old.seeded,
    bitnamiLegacy: legacy.seeded,
    signatures: {
      redisCosign: rd.sigs,
      teamAppCosign: ta.sigs,
      grafanaBundle: gf.bundle,
      grafanaReferrersIndex: gf.fallback,
      notation: nt.sig,
      notaryReferrersIndex: nt.fallback,
    },
    // a well-formed digest that no manifest or blob has
    missing: {
      repository: 'nobody/missing',
      tag: '0.0.0-nope',
      digest: sha256(Buffer.from('image-trust sandbox: nothing has this digest')),
    },
    cosign: { publicKeyPem: ctx.key.publicKeyPem, privateKeyPem: ctx.key.privateKeyPem },
    signed,
  };
  return { ...result, hub: hubCatalog(result, ctx) };
}

// ---- Hub data, derived from what was pushed -------------------------------------------------------

function hubTags(img: SeededImage): HubTag[] {
  return img.tags.map((name) => ({
    name,
    digest: img.digest,
    mediaType: img.mediaType,
    contentType: 'image',
    pushedAt: img.pushedAt,
    images: img.platforms.map((p) => ({ platform: p.platform, digest: p.digest, size: p.size })),
  }));
}

/** Tags that exist only because of signatures (cosign `.sig`, referrers fallback) — Hub lists them too. */
function artifactTags(names: string[], digestOf: (tag: string) => string, pushedAt: Date): HubTag[] {
  return names.map((name) => ({
    name,
    digest: digestOf(name),
    mediaType: name.endsWith('.sig') ? MT.ociManifest : MT.ociIndex,
    contentType: 'unrecognized',
    pushedAt,
    images: [],
  }));
}

function signedTags(signed: SignedSeed, pushedAt: Date): HubTag[] {
  const moved: HubTag = {
    name: signed.moved.tag,
    digest: signed.moved.digest,
    mediaType: MT.ociManifest,
    contentType: 'image',
    pushedAt,
    images: [{ platform: AMD64, digest: signed.moved.digest, size: 0 }],
  };
  return [
    moved,
    ...Object.values(signed.images).flatMap((i) => [
      {
        name: i.tag,
        digest: i.digest,
        mediaType: MT.ociManifest,
        contentType: 'image' as const,
        pushedAt,
        images: [{ platform: AMD64, digest: i.digest, size: 0 }],
      },
      ...artifactTags(
        [i.fallbackIndex ? fallbackTag(i.digest) : cosignSigTag(i.digest)],
        () => i.fallbackIndex ?? i.signature,
        pushedAt,
      ),
    ]),
  ];
}

function hubCatalog(s: Omit<SeedResult, 'hub'>, ctx: Ctx): HubCatalog {
  const docker = { id: 'docker', name: 'Docker' };
  const repo = (
    namespace: string,
    name: string,
    badge: HubBadge,
    publisher: { id: string; name: string },
    description: string,
    tags: HubTag[],
    extra: Partial<HubRepository> = {},
  ): HubRepository => ({
    namespace,
    name,
    badge,
    publisher,
    description,
    isPrivate: false,
    starCount: 10,
    pullCount: 1_000,
    dateRegistered: new Date('2014-06-05T19:12:00.000Z'),
    tags,
    ...extra,
  });
  const sigTags = (sigs: Record<string, string>): HubTag[] =>
    artifactTags(
      Object.keys(sigs).map(cosignSigTag),
      (t) => Object.entries(sigs).find(([d]) => cosignSigTag(d) === t)?.[1] ?? '',
      new Date(ctx.now - 5 * DAY),
    );
  return {
    repositories: [
      repo('library', 'nginx', 'official', docker, 'Official build of Nginx.', hubTags(s.nginx), {
        starCount: 20_000,
        pullCount: 12_000_000_000,
      }),
      repo(
        'library',
        'python',
        'official',
        docker,
        'Python is an interpreted, interactive, object-oriented, open-source programming language.',
        [...hubTags(s.python), ...hubTags(s.pythonSlim)],
        { starCount: 9_900, pullCount: 8_000_000_000 },
      ),
      repo(
        'library',
        'alpine',
        'official',
        docker,
        'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!',
        hubTags(s.alpine),
        { starCount: 11_000, pullCount: 9_000_000_000 },
      ),
      repo(
        'bitnami',
        'redis',
        'verified_publisher',
        { id: 'bitnami', name: 'VMware' },
        'Bitnami container image for Redis',
        [...hubTags(s.redis), ...sigTags(s.signatures.redisCosign)],
        { starCount: 1_000, pullCount: 1_000_000_000 },
      ),
      repo(
        'grafana',
        'grafana',
        'open_source',
        { id: 'grafana', name: 'Grafana Labs' },
        'The official Grafana docker container',
        [
          ...hubTags(s.grafana),
          ...artifactTags(
            [fallbackTag(s.grafana.digest)],
            () => s.signatures.grafanaReferrersIndex,
            s.grafana.pushedAt,
          ),
        ],
        { starCount: 3_000, pullCount: 1_000_000_000 },
      ),
      repo(
        'acme',
        'notary-app',
        'verified_publisher',
        { id: 'acme', name: 'ACME Corp' },
        'Notation-signed sample application',
        [
          ...hubTags(s.notaryApp),
          ...artifactTags(
            [fallbackTag(s.notaryApp.digest)],
            () => s.signatures.notaryReferrersIndex,
            s.notaryApp.pushedAt,
          ),
        ],
        { pullCount: 52_000 },
      ),
      repo(
        'acme',
        'signed',
        'verified_publisher',
        { id: 'acme', name: 'ACME Corp' },
        'One image per signature verification case',
        signedTags(s.signed, new Date(ctx.now - 2 * DAY)),
        { pullCount: 4_200 },
      ),
      repo(
        'someone',
        'stale-tool',
        'none',
        { id: 'someone', name: 'someone' },
        'a tool nobody updates',
        hubTags(s.staleTool),
        { starCount: 0, pullCount: 312, dateRegistered: new Date('2019-04-30T08:00:00.000Z') },
      ),
      repo('private', 'secret', 'none', { id: 'private', name: 'private' }, 'private repository', hubTags(s.secret), {
        isPrivate: true,
        starCount: 0,
        pullCount: 7,
      }),
      repo(
        'someone',
        'old-tool',
        'none',
        { id: 'someone', name: 'someone' },
        'archived by its owner',
        hubTags(s.oldTool),
        { archived: true, pullCount: 2_000 },
      ),
      repo(
        'bitnamilegacy',
        'redis',
        'verified_publisher',
        { id: 'bitnamilegacy', name: 'VMware' },
        'Bitnami Legacy: no further updates',
        hubTags(s.bitnamiLegacy),
        { pullCount: 10_000_000 },
      ),
    ],
    searchOnly: SEARCH_NEAR_MISSES,
  };
}
