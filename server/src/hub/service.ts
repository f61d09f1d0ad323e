// The facts service: cache first (memory, then what the disk cache loaded), one shared lookup per
// key in flight, stale-on-error, the offline and untrusted-workspace rules, and the status source.
import {
  failedFacts,
  foundSignature,
  NOT_READ,
  type ImageFacts,
  type LookupError,
  type TagList,
} from '../model/facts.js';
import { lookupKey } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { policiesFor } from '../model/trust.js';
import { BadgeLookup } from './badges.js';
import { type CacheEntry, FactsCache } from './cache.js';
import { CredentialStore, type HelperRunner } from './credentials.js';
import { DiskCache } from './diskCache.js';
import { RepositoryInfo } from './repositoryInfo.js';
import { DockerHubApi } from './dockerHubApi.js';
import { isDefinitive, knownFacts, toLookupError } from './errors.js';
import { type FetchLike, HttpClient } from './http.js';
import { untilAborted } from './abort.js';
import { completeIndex } from './indexes.js';
import { fetchFacts } from './lookup.js';
import { ManifestStore } from './manifestStore.js';
import { Memo } from './memo.js';
import { fetchTagList } from './tagList.js';
import { createDefaultFetch } from './proxy.js';
import { RateLimits } from './rateLimit.js';
import { RegistryClient } from './registryClient.js';
import { currentStatus, type HubStatus, type StatusListener, type StatusSource, StatusTracker } from './status.js';
import { TokenCache } from './tokens.js';
import { SignatureVerifier } from './verification.js';
import { canonicalRegistry, registryHostOf } from './transport.js';
import type { FactsService, LookupTarget } from './types.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface FactsServiceOptions {
  settings: Settings;
  /** injected for tests; default: Node's http/https with proxy agents (proxy.ts) */
  fetch?: FetchLike;
  /** false: only `registries.allowedInUntrustedWorkspaces` are contacted, and without credentials */
  trusted: boolean;
  /** true: answer from cache only; misses are errors of kind 'offline' */
  offline?: boolean;
  /** folder for the persistent facts cache; none: memory only */
  cacheDir?: string;
  dockerConfigPath?: string;
  /** the editor's Docker Hub sign-in, used for docker.io before ~/.docker/config.json */
  dockerHubCredentials?: { username: string; token: string };
  proxy?: string;
  proxyStrictSSL?: boolean;
  /** never receives secrets */
  log?: (level: LogLevel, message: string) => void;
  now?: () => number;
  /** per request; default 10 s */
  timeoutMs?: number;
  /** fetch repository descriptions (for hovers); default true. The CLI shows none, so it saves
   * that request per image and asks for the repository only to tell a missing one from a missing tag. */
  describe?: boolean;
  /** test seam for `docker-credential-*` helpers */
  runCredentialHelper?: HelperRunner;
  /** read and verify every signature found (CLI --verify); without it only those of images a
   * trust policy names, and those `verified()` is asked for (the editor's hover). On Docker Hub each
   * signature artifact read is one counted pull, once per artifact ever (cached on disk). */
  verify?: boolean;
  /** LRU bound of the memory cache; default 5,000 */
  maxEntries?: number;
}

export interface HubFactsService extends FactsService, StatusSource {
  updateSettings(settings: Settings): void;
  tags(target: Pick<LookupTarget, 'registry' | 'repository'>, signal?: AbortSignal): Promise<TagList | undefined>;
  readIndex(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined>;
}

/** repositories whose tag lists are kept in memory (completion, updates) */
const MAX_TAG_LISTS = 256;

/** A failed refresh is retried after at most this long (the back-off still guards rate limits). */
const ERROR_TTL_MS = 60_000;

export class Service implements HubFactsService {
  private settings: Settings;
  private readonly now: () => number;
  private readonly cache: FactsCache;
  private readonly lifetime = new AbortController();
  private readonly rateLimits: RateLimits;
  private readonly tracker: StatusTracker;
  private readonly registry: RegistryClient;
  private readonly tokens: TokenCache;
  private readonly credentials: CredentialStore | null;
  private readonly hub: DockerHubApi;
  private readonly repositories: RepositoryInfo;
  private readonly badges: BadgeLookup;
  private readonly disk: DiskCache | null;
  private readonly loaded: Promise<void>;
  private readonly verifier: SignatureVerifier;
  /** verifications in flight, shared by concurrent callers (verdicts are not kept: they depend on
   * the settings and the time, and recomputing one from kept bytes takes milliseconds) */
  private readonly verifying = new Memo<string, ImageFacts>({ maxEntries: 1, ttlMs: () => 0, now: Date.now });
  /** indexes and attestation manifests by digest, for good */
  private readonly manifests: ManifestStore;
  /** on-demand index reads in flight, one per key (nothing is kept here: the facts cache keeps it) */
  private readonly indexReads = new Memo<string, ImageFacts>({ maxEntries: 0, ttlMs: () => 0, now: Date.now });
  private lastReachable = true;
  /** tag lists by registry/repository: fresh for the facts TTL, a failure for a minute */
  private readonly tagLists = new Memo<string, TagList>({
    maxEntries: MAX_TAG_LISTS,
    ttlMs: (l) => (l.error ? ERROR_TTL_MS : this.ttlMs()),
    now: () => this.now(),
  });

  constructor(private readonly o: FactsServiceOptions) {
    this.settings = o.settings;
    this.now = o.now ?? Date.now;
    this.cache = new FactsCache(o.maxEntries);
    this.rateLimits = new RateLimits(this.now);
    this.tracker = new StatusTracker(o.offline ? { state: 'offline', since: this.now() } : undefined);
    const http = new HttpClient({
      fetch: o.fetch ?? createDefaultFetch({ proxy: o.proxy, proxyStrictSSL: o.proxyStrictSSL }),
      rateLimits: this.rateLimits,
      now: this.now,
      timeoutMs: o.timeoutMs ?? 10_000,
      insecureHosts: () => this.settings.registries.insecure,
      lifetime: this.lifetime.signal,
      onReachability: (ok) => {
        this.lastReachable = ok;
      },
    });
    this.tokens = new TokenCache(http, this.now);
    // an untrusted workspace could point a mirror at a host of its choosing: no credentials at all
    this.credentials = o.trusted
      ? new CredentialStore({
          dockerConfigPath: o.dockerConfigPath,
          dockerHubCredentials: o.dockerHubCredentials,
          runHelper: o.runCredentialHelper,
          log: (level, m) => this.log(level, m),
        })
      : null;
    this.registry = new RegistryClient({
      http,
      tokens: this.tokens,
      credentials: this.credentials,
      settings: () => this.settings,
    });
    const apiUrl = () => this.settings.dockerHub.apiUrl;
    this.hub = new DockerHubApi(http, apiUrl);
    this.repositories = new RepositoryInfo(this.hub, this.now);
    this.badges = new BadgeLookup(http, apiUrl, () => this.ttlMs(), this.now);
    this.disk = o.cacheDir
      ? new DiskCache(
          o.cacheDir,
          () => this.cache.snapshotForDisk(),
          (m) => this.log('warn', m),
        )
      : null;
    this.loaded = this.loadDisk();
    const signatureStore = new ManifestStore(
      o.cacheDir ?? null,
      (m) => this.log('debug', `signature cache: ${m}`),
      undefined,
      'signatures',
    );
    this.verifier = new SignatureVerifier(this.registry, signatureStore, (level, m) => this.log(level, m));
    this.manifests = new ManifestStore(o.cacheDir ?? null, (m) => this.log('warn', m));
  }

  /** Facts with every signature read and verified: for a hover, which names who signed. Shares
   * the lookup; the verified facts replace the cached ones (peek() sees them). */
  async verified(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    const facts = await this.lookup(target, signal);
    if (!facts || signal?.aborted) return undefined;
    return needsReading(facts) ? this.verifyShared(target, facts) : facts;
  }

  private verifyShared(target: LookupTarget, facts: ImageFacts): Promise<ImageFacts> {
    // offline or not allowed: verdicts from signatures read before (the artifact cache), none fetched
    const cacheOnly = this.refusal(target.registry ?? '') !== null;
    const key = lookupKey(target);
    return this.verifying.get(key, () => this.verifyInto(key, target, facts, cacheOnly));
  }

  private async verifyInto(
    key: string,
    target: LookupTarget,
    facts: ImageFacts,
    cacheOnly: boolean,
  ): Promise<ImageFacts> {
    const out = await this.verifier.verifyFacts(
      target.registry as string,
      target.repository as string,
      facts,
      this.settings,
      this.now(),
      cacheOnly,
    );
    const entry = this.cache.get(key);
    if (entry && entry.facts === facts)
      this.cache.set(key, { ...entry, facts: out, lastGood: entry.lastGood === facts ? out : entry.lastGood });
    return out;
  }

  private mustVerify(target: LookupTarget): boolean {
    return (
      this.o.verify === true ||
      policiesFor(`${target.registry}/${target.repository}`, this.settings.trust.policies).length > 0
    );
  }

  lookup(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    const shared = this.facts(target).then((f) =>
      this.mustVerify(target) && needsReading(f) ? this.verifyShared(target, f) : f,
    );
    return untilAborted(shared, signal);
  }

  tags(target: Pick<LookupTarget, 'registry' | 'repository'>, signal?: AbortSignal): Promise<TagList | undefined> {
    if (signal?.aborted || !target.registry || !target.repository) return Promise.resolve(undefined);
    const { registry, repository } = target;
    const refusal = this.refusal(registry);
    if (refusal) return Promise.resolve({ tags: [], source: 'registry', error: refusal, fetchedAt: this.now() });
    const shared = this.tagLists.get(`${canonicalRegistry(registry)}/${repository}`, async () => {
      await this.loaded;
      return fetchTagList({ registry: this.registry, hub: this.hub, now: this.now }, registry, repository);
    });
    return untilAborted(shared, signal);
  }

  /** Facts with the image index read (platforms with their digests, BuildKit attestations): for a
   * hover or a fix that needs them. On Docker Hub the first read of an index digest is a counted
   * pull, once per machine (the manifest store keeps it); `dockerHub.readIndexes: never` refuses
   * it. The completed facts replace the cached ones, so peek() and later lookups see them. */
  readIndex(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    return untilAborted(
      this.facts(target).then((f) => this.withIndex(target, f)),
      signal,
    );
  }

  private withIndex(target: LookupTarget, facts: ImageFacts): Promise<ImageFacts> {
    const { registry, repository } = target;
    if (
      !facts.indexUnread ||
      facts.error ||
      !registry ||
      !repository ||
      this.settings.dockerHub.readIndexes === 'never' ||
      this.refusal(registry)
    ) {
      return Promise.resolve(facts);
    }
    const key = lookupKey(target);
    return this.indexReads.get(key, async () => {
      const read = await completeIndex({ registry: this.registry, store: this.manifests }, registry, repository, facts);
      const entry = this.cache.get(key);
      if (entry && entry.facts === facts) {
        this.cache.set(key, { ...entry, facts: read, lastGood: entry.lastGood === facts ? read : entry.lastGood });
        this.disk?.schedule();
      }
      this.updateStatus(); // a read spends pulls: the budget shown moves
      return read;
    });
  }

  peek(target: LookupTarget): ImageFacts | undefined {
    return this.cache.get(lookupKey(target))?.facts;
  }

  async clear(): Promise<void> {
    this.cache.clear();
    this.tagLists.clear();
    this.badges.clear();
    this.tokens.clear();
    await this.disk?.remove();
  }

  async dispose(): Promise<void> {
    this.lifetime.abort();
    this.tracker.dispose();
    await this.loaded;
    await this.disk?.flush();
  }

  updateSettings(settings: Settings): void {
    // verdicts depend on the trust settings: under new ones every signature is checked again, from
    // the artifact cache (no request)
    if (JSON.stringify(settings.trust) !== JSON.stringify(this.settings.trust)) {
      for (const [key, e] of this.cache.entriesForDisk())
        this.cache.set(key, { ...e, facts: unread(e.facts), lastGood: e.lastGood && unread(e.lastGood) });
    }
    this.settings = settings;
    // mirrors may have moved: remembered challenges and credentials belong to the old hosts
    this.registry.forgetChallenges();
    this.credentials?.forget();
  }

  status(): HubStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: StatusListener): () => void {
    return this.tracker.onStatusChange(listener);
  }

  private ttlMs(): number {
    return this.settings.cache.ttlMinutes * 60_000;
  }

  private log(level: LogLevel, message: string): void {
    try {
      this.o.log?.(level, message);
    } catch {
      // logging never breaks a lookup
    }
  }

  private async facts(target: LookupTarget): Promise<ImageFacts> {
    await this.loaded;
    if (!target.registry || !target.repository || (!target.tag && !target.digest)) {
      return failedFacts(
        { kind: 'bad-response', message: 'nothing to look up: the reference has no repository, tag or digest' },
        this.now(),
      );
    }
    const key = lookupKey(target);
    const entry = this.cache.get(key);
    if (entry && entry.freshUntil > this.now()) return entry.facts;
    const refusal = this.refusal(target.registry);
    if (refusal) {
      // Offline / not allowed: the last good facts, marked stale with the reason, else the reason.
      // Cached like any answer, so peek() agrees with lookup() — a caller that compares the two
      // (diagnostics waiting for facts to change) must not see a new answer on every call.
      const lastGood = entry?.lastGood ?? (entry && entry.facts.error === null ? entry.facts : null);
      const served: ImageFacts = lastGood
        ? { ...lastGood, stale: true, error: refusal }
        : failedFacts(refusal, this.now());
      this.cache.set(key, { facts: served, freshUntil: this.now() + ERROR_TTL_MS, lastGood });
      return served;
    }
    return this.cache.shared(key, () => this.refresh(key, target));
  }

  private refusal(registry: string): LookupError | null {
    if (this.o.offline) return { kind: 'offline', message: 'only cached facts are used' };
    if (!this.o.trusted) {
      const allowed = this.settings.registries.allowedInUntrustedWorkspaces.map(canonicalRegistry);
      if (!allowed.includes(canonicalRegistry(registry))) {
        return { kind: 'offline', message: `not contacted: ${registry} is not allowed in an untrusted workspace` };
      }
    }
    return null;
  }

  private async refresh(key: string, target: LookupTarget): Promise<ImageFacts> {
    let facts: ImageFacts;
    try {
      facts = await fetchFacts(
        {
          registry: this.registry,
          hub: this.hub,
          repositories: this.repositories,
          badges: this.badges,
          rateLimits: this.rateLimits,
          registryHost: (r) => this.registryHost(r),
          now: this.now,
          log: (level, m) => this.log(level, m),
          describe: this.o.describe !== false,
          store: this.manifests,
          readHubIndexes: this.settings.dockerHub.readIndexes === 'always',
        },
        target,
      );
    } catch (e) {
      facts = { ...failedFacts(toLookupError(e), this.now()), ...knownFacts(e) };
    }
    const previous = this.cache.get(key);
    const failed = facts.error !== null && !isDefinitive(facts.error);
    const lastGood = facts.error === null ? facts : failed ? (previous?.lastGood ?? null) : null;
    const served: ImageFacts = failed && lastGood ? { ...lastGood, stale: true, error: facts.error } : facts;
    const entry: CacheEntry = {
      facts: served,
      freshUntil: this.now() + (failed ? this.errorTtlMs(facts) : this.ttlMs()),
      lastGood,
    };
    this.cache.set(key, entry);
    if (facts.error === null) this.disk?.schedule();
    if (facts.error) this.log('debug', `lookup ${key}: ${facts.error.kind}: ${facts.error.message}`);
    this.updateStatus();
    return served;
  }

  /** A failure is kept at most ERROR_TTL_MS, and a rate limit no longer than until its retry time. */
  private errorTtlMs(facts: ImageFacts): number {
    const retryAt = facts.error?.retryAt ? Date.parse(facts.error.retryAt) : NaN;
    const untilRetry = Number.isNaN(retryAt) ? Infinity : Math.max(0, retryAt - this.now());
    return Math.min(this.ttlMs(), ERROR_TTL_MS, untilRetry);
  }

  private updateStatus(): void {
    if (this.o.offline) return;
    this.tracker.set(currentStatus(this.rateLimits, this.lastReachable, this.registryHost('docker.io'), this.now()));
  }

  private registryHost(registry: string): string | null {
    return registryHostOf(registry, this.settings);
  }

  private async loadDisk(): Promise<void> {
    // verdicts were made under the trust settings of their time: check them again when needed
    if (this.disk)
      this.cache.restore(
        (await this.disk.load()).map((r) => ({ ...r, facts: unread(r.facts) })),
        this.ttlMs(),
      );
  }
}

/** The same facts with every verdict forgotten: found, not read. */
function unread(f: ImageFacts): ImageFacts {
  return { ...f, signatures: f.signatures.map((s) => foundSignature(s.kind, s.digest)), latestSignatures: undefined };
}

/** Signatures found whose payload was not read yet. */
function needsReading(f: ImageFacts): boolean {
  return f.error === null && f.signatures.some((s) => s.reason === NOT_READ);
}
