// OCI distribution API calls for one registry: base URL (mirror / https rule), anonymous first,
// then the 401 challenge → bearer token (or Basic) → retry. Credentials go only to the registry host
// they belong to and to its token realm when that is the same host (auth.docker.io for Docker Hub).
import { createHash } from 'node:crypto';
import { DOCKER_LIST_MEDIA_TYPE, OCI_INDEX_MEDIA_TYPE } from '../model/facts.js';
import type { Settings } from '../model/settings.js';
import { type Challenge, findChallenge, parseChallenges } from './challenge.js';
import type { CredentialStore, Credentials } from './credentials.js';
import { digestOrNull, mediaTypeOrNull, tagOrNull } from './edge.js';
import { failure } from './errors.js';
import { type HttpClient, type HttpResponse, parseJson, statusFailure } from './http.js';
import { MAX_REGISTRY_TAGS } from './limits.js';
import { Memo } from './memo.js';
import type { TokenCache } from './tokens.js';
import { canonicalRegistry, mayReceiveCredentials, registryBaseUrl } from './transport.js';

const OCI_INDEX = OCI_INDEX_MEDIA_TYPE;
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_LIST = DOCKER_LIST_MEDIA_TYPE;
const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
/** All four, so that no registry falls back to schema1 or answers 404 for an OCI index. */
export const MANIFEST_ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_V2].join(', ');
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Docker Hub's registry always answers with this challenge (distribution token spec; renovate's
 * notes): knowing it saves one anonymous 401 per session. */
const HUB_CHALLENGE: Array<[string, Challenge]> = [
  [
    'registry-1.docker.io',
    { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io' } },
  ],
];

interface RegistryDeps {
  http: HttpClient;
  tokens: TokenCache;
  /** null in an untrusted workspace: no credentials at all */
  credentials: CredentialStore | null;
  settings: () => Settings;
}

interface ManifestHead {
  status: number;
  digest: string | null;
  mediaType: string | null;
}

/** registry hosts whose auth needs are remembered; an evicted host is probed again */
const MAX_HOSTS = 256;

export class RegistryClient {
  /** Per host, what an anonymous call learned: the bearer challenge to answer, or null (the host
   * answered without one, or wants Basic). The first call to a host is that anonymous probe;
   * parallel calls wait for what it learns instead of each collecting its own 401. */
  private readonly hostAuth = new Memo<string, Challenge | null>({
    maxEntries: MAX_HOSTS,
    ttlMs: () => Infinity,
    now: Date.now,
  });

  constructor(private readonly d: RegistryDeps) {
    this.seedChallenges();
  }

  /** One authorised call to `/v2/<repository><path>`. Returns any status; throws only HubFailures. */
  async call(
    registry: string,
    repository: string,
    path: string,
    method: 'GET' | 'HEAD',
    accept: string,
    maxBytes?: number,
  ): Promise<HttpResponse> {
    const base = registryBaseUrl(registry, this.d.settings());
    const url = new URL(`${base.pathname.replace(/\/+$/, '')}/v2/${repository}${path}`, base);
    const host = base.host.toLowerCase();
    const scope = `repository:${repository}:pull`;
    const sendAs = (m: 'GET' | 'HEAD', authorization?: string) =>
      this.d.http.request({
        url,
        method: m,
        maxBytes,
        headers: authorization ? { accept, authorization } : { accept },
      });
    const send = (authorization?: string) => sendAs(method, authorization);

    let probe: HttpResponse | undefined;
    // a manifest GET the registry refused would look like a pull attempt (Docker Hub counts manifest
    // GETs): that probe is a HEAD, which learns the same challenge
    const probeMethod = method === 'GET' && path.startsWith('/manifests/') ? 'HEAD' : method;
    const known = await this.hostAuth.get(host, async () => {
      const answer = await sendAs(probeMethod);
      if (probeMethod === method) probe = answer;
      const b =
        answer.status === 401 ? findChallenge(parseChallenges(answer.header('www-authenticate')), 'bearer') : undefined;
      return b?.params.realm ? b : null;
    });
    let res: HttpResponse;
    if (probe) res = probe;
    else res = await send(known ? await this.bearer(known, host, registry, scope) : undefined);
    if (res.status !== 401) return res;

    const challenges = parseChallenges(res.header('www-authenticate'));
    const bearer = findChallenge(challenges, 'bearer');
    if (bearer && bearer.params.realm) {
      // a bearer token was sent and refused for this very challenge: the answer stands
      const sentBearer = probe === undefined && known !== null;
      if (sentBearer && known.params.realm === bearer.params.realm && known.params.service === bearer.params.service)
        return res;
      this.hostAuth.set(host, bearer);
      return send(await this.bearer(bearer, host, registry, scope));
    }
    if (findChallenge(challenges, 'basic')) {
      const creds = await this.credentialsFor(host, registry);
      if (!creds) return res;
      return send(`Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`);
    }
    return res;
  }

  /** The endpoint's own credentials; for a mirror without its own, those of the registry it
   * mirrors — as Docker sends docker.io credentials to its registry mirrors. Mirrors are
   * machine-scoped settings, so a workspace cannot redirect credentials with them. */
  private async credentialsFor(host: string, registry: string): Promise<Credentials | null> {
    const own = (await this.d.credentials?.forHost(host)) ?? null;
    if (own || canonicalRegistry(host) === canonicalRegistry(registry)) return own;
    return (await this.d.credentials?.forHost(registry)) ?? null;
  }

  private async bearer(challenge: Challenge, host: string, registry: string, scope: string): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm ?? '');
    } catch {
      throw failure('bad-response', `${host} sent an auth challenge without a valid realm`);
    }
    const creds = mayReceiveCredentials(realm, host, registry) ? await this.credentialsFor(host, registry) : null;
    return `Bearer ${await this.d.tokens.get(challenge, scope, creds)}`;
  }

  /** HEAD of a manifest by tag or digest: free of Docker Hub pull-rate cost. */
  async headManifest(registry: string, repository: string, ref: string): Promise<ManifestHead> {
    const res = await this.call(registry, repository, `/manifests/${ref}`, 'HEAD', MANIFEST_ACCEPT);
    return {
      status: res.status,
      // untrusted header: only a valid digest is taken (it may end up in the user's file)
      digest: res.status === 200 ? digestOrNull(res.header('docker-content-digest')) : null,
      mediaType: res.status === 200 ? contentType(res) : null,
    };
  }

  /** GET of a manifest (never on Docker Hub: a GET counts as a pull). With an expected digest the
   * body must hash to it; without one (a tag), its digest is computed from the body. */
  async getManifest(
    registry: string,
    repository: string,
    ref: string,
    expectedDigest: string | null,
  ): Promise<{ status: number; digest: string | null; mediaType: string | null; json: unknown }> {
    const res = await this.call(registry, repository, `/manifests/${ref}`, 'GET', MANIFEST_ACCEPT, MAX_MANIFEST_BYTES);
    if (res.status !== 200) return { status: res.status, digest: null, mediaType: null, json: null };
    const digest = digestOf(res.body, expectedDigest ?? 'sha256:');
    if (expectedDigest !== null && digest !== expectedDigest) {
      throw failure(
        'bad-response',
        `manifest from ${res.url.host} does not match its digest ${expectedDigest.slice(0, 19)}…`,
      );
    }
    return { status: 200, digest, mediaType: contentType(res), json: parseJson(res, 'manifest') };
  }

  /** GET of a blob by digest (free on Docker Hub: only manifest GETs count); the body must hash to
   * the digest. null when the registry answers anything but 200. */
  async getBlob(registry: string, repository: string, digest: string, maxBytes: number): Promise<Buffer | null> {
    const res = await this.call(registry, repository, `/blobs/${digest}`, 'GET', '*/*', maxBytes);
    if (res.status !== 200) return null;
    if (digestOf(res.body, digest) !== digest)
      throw failure('bad-response', `blob from ${res.url.host} does not match its digest ${digest.slice(0, 19)}…`);
    return res.body;
  }

  /** GET of a manifest by digest, as bytes (an index to read, a signature artifact to verify: the
   * bytes are what is checked). A counted pull on Docker Hub. null: the registry does not have it;
   * another answer throws. The body must hash to the digest. */
  async getManifestBytes(registry: string, repository: string, digest: string): Promise<Buffer | null> {
    const res = await this.call(
      registry,
      repository,
      `/manifests/${digest}`,
      'GET',
      MANIFEST_ACCEPT,
      MAX_MANIFEST_BYTES,
    );
    if (res.status === 404) return null;
    if (res.status !== 200) throw statusFailure(res, 'manifest');
    if (digestOf(res.body, digest) !== digest)
      throw failure('bad-response', `manifest from ${res.url.host} does not match its digest ${digest.slice(0, 19)}…`);
    return res.body;
  }

  /** OCI 1.1 referrers API: the index of artifacts whose subject is `digest`, or the status. */
  async referrers(registry: string, repository: string, digest: string): Promise<{ status: number; json: unknown }> {
    const res = await this.call(registry, repository, `/referrers/${digest}`, 'GET', OCI_INDEX);
    return { status: res.status, json: res.status === 200 ? parseJson(res, 'referrers') : null };
  }

  /** The first page of the repository's tag list (names only, grammar-checked, bounded); null when
   * the repository does not exist (404). Not a manifest GET: it costs no pull on Docker Hub. */
  async tagList(registry: string, repository: string): Promise<string[] | null> {
    const res = await this.call(
      registry,
      repository,
      `/tags/list?n=${MAX_REGISTRY_TAGS}`,
      'GET',
      'application/json',
      1024 * 1024,
    );
    if (res.status === 404) return null;
    if (res.status !== 200) throw statusFailure(res, 'tag list');
    const body = parseJson(res, 'tag list') as { tags?: unknown };
    if (typeof body !== 'object' || body === null)
      throw failure('bad-response', `tag list from ${res.url.host}: unexpected shape`);
    if (body.tags === null || body.tags === undefined) return [];
    if (!Array.isArray(body.tags)) throw failure('bad-response', `tag list from ${res.url.host}: unexpected shape`);
    return body.tags
      .slice(0, MAX_REGISTRY_TAGS)
      .map(tagOrNull)
      .filter((t): t is string => t !== null);
  }

  /** Does the repository exist? (404 on the tag list means no.) null: cannot tell. */
  async repositoryExists(registry: string, repository: string): Promise<boolean | null> {
    const res = await this.call(registry, repository, '/tags/list?n=1', 'GET', 'application/json', 256 * 1024);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    return null;
  }

  forgetChallenges(): void {
    this.hostAuth.clear();
    this.seedChallenges();
  }

  private seedChallenges(): void {
    for (const [h, c] of HUB_CHALLENGE) this.hostAuth.set(h, c);
  }
}

/** untrusted header: shown and compared, so only a valid media type is taken */
function contentType(res: HttpResponse): string | null {
  return mediaTypeOrNull(res.header('content-type'));
}

/** Digest of a body in the algorithm of `like` (sha256 or sha512); other algorithms → null. */
export function digestOf(body: Buffer, like: string): string | null {
  const alg = like.split(':')[0];
  if (alg !== 'sha256' && alg !== 'sha512') return null;
  return `${alg}:${createHash(alg).update(body).digest('hex')}`;
}
