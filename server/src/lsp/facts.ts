// The one facts service of a server, rebuilt when what it was built with changes (runtime options:
// trust, credentials, proxy) and told about new hub settings. Handlers read `current` each time,
// never keep it. Lookup results are announced to listeners (diagnostics refresh) and the hub's
// state is turned into imageTrust/status notifications.
import type { FactsServiceOptions, HubStatus } from '../hub/index.js';
import type { FactsService, LookupTarget } from '../hub/types.js';
import { lowPullBudget, type ImageFacts } from '../model/facts.js';
import type { Settings } from '../model/settings.js';
import type { RuntimeOptions, ServerStatus } from '../protocol.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a facts service is built from: the hub's own options (hub/index.ts createFactsService). */
export type FactsOptions = Pick<
  FactsServiceOptions,
  'settings' | 'trusted' | 'offline' | 'cacheDir' | 'dockerHubCredentials' | 'proxy' | 'proxyStrictSSL' | 'log'
>;

/** A facts service, optionally with a live settings update and a status source. */
type FactsServiceLike = FactsService & {
  updateSettings?(settings: Settings): void;
  status?(): HubStatus;
  onStatusChange?(listener: (status: HubStatus) => void): () => void;
};

export type FactsFactory = (options: FactsOptions) => FactsServiceLike;

export class FactsHolder {
  private service: FactsServiceLike;
  private unlistenStatus: () => void = () => {};
  /** what the current service was built from; runtime options change it and rebuild */
  private options: FactsOptions;
  private closed = false;

  constructor(
    private readonly factory: FactsFactory,
    initial: { settings: Settings; runtime?: RuntimeOptions; cacheDir?: string; offline?: boolean },
    log: (level: LogLevel, message: string) => void,
    private readonly onStatus: (status: ServerStatus) => void,
  ) {
    this.options = withRuntime(
      {
        settings: initial.settings,
        trusted: true,
        offline: initial.offline ?? false,
        proxyStrictSSL: true,
        log,
        ...(initial.cacheDir ? { cacheDir: initial.cacheDir } : {}),
      },
      initial.runtime ?? {},
    );
    this.service = this.build();
  }

  get current(): FactsServiceLike {
    return this.service;
  }

  lookup(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    return this.service.lookup(target, signal);
  }

  /** Facts with the image index read, for a hover or a fix that needs it (never for diagnostics:
   * on Docker Hub a first read is a counted pull). */
  readIndex(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    return this.service.readIndex ? this.service.readIndex(target, signal) : this.service.lookup(target, signal);
  }

  peek(target: LookupTarget): ImageFacts | undefined {
    return this.service.peek(target);
  }

  /** Facts with signatures read and verified (the hover names who signed); lookup() where the
   * service cannot verify. */
  verified(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    return this.service.verified ? this.service.verified(target, signal) : this.service.lookup(target, signal);
  }

  status(): ServerStatus {
    const hub = this.service.status?.() ?? { state: 'live' as const };
    // signed in = credentials in use; an untrusted workspace gets none
    const base = { signedIn: this.options.dockerHubCredentials !== undefined, trusted: this.options.trusted };
    if (this.options.offline) return { ...base, state: 'offline', message: 'offline: cached facts only' };
    switch (hub.state) {
      case 'live':
        return hub.pulls
          ? {
              ...base,
              state: 'live',
              remaining: hub.pulls.remaining,
              limit: hub.pulls.limit,
              pullsLow: lowPullBudget(hub.pulls),
            }
          : { ...base, state: 'live' };
      case 'offline':
        return {
          ...base,
          state: 'cached',
          since: new Date(hub.since).toISOString(),
          message: 'registry unreachable: showing cached facts',
        };
      case 'rate-limited':
        return {
          ...base,
          state: 'rate-limited',
          until: new Date(hub.until).toISOString(),
          remaining: hub.remaining,
          message: `rate limited by ${hub.host}`,
        };
    }
  }

  /** New hub settings (Docker Hub URL, mirrors, TTL): updated in place when the service can. */
  updateSettings(settings: Settings): void {
    if (JSON.stringify(settings) === JSON.stringify(this.options.settings)) return;
    this.options = { ...this.options, settings };
    if (this.service.updateSettings) this.service.updateSettings(settings);
    else this.rebuild();
  }

  /** imageTrust/setRuntime: credentials, trust and proxy are baked into the service: rebuild it. */
  updateRuntime(runtime: RuntimeOptions): void {
    this.options = withRuntime(this.options, runtime);
    this.rebuild();
  }

  async dispose(): Promise<void> {
    this.closed = true;
    this.unlistenStatus();
    await this.service.dispose();
  }

  private rebuild(): void {
    if (this.closed) return;
    const old = this.service;
    this.unlistenStatus();
    this.service = this.build();
    void old.dispose().catch(() => {});
    this.onStatus(this.status());
  }

  private build(): FactsServiceLike {
    const service = this.factory(this.options);
    this.unlistenStatus = service.onStatusChange?.(() => this.onStatus(this.status())) ?? (() => {});
    return service;
  }
}

/** Options with the client's runtime options applied: a field the client leaves out keeps its value,
 * `null` clears it. An untrusted workspace never gets credentials, whatever was sent before. */
function withRuntime(base: FactsOptions, runtime: RuntimeOptions): FactsOptions {
  const next: FactsOptions = {
    ...base,
    trusted: runtime.trusted ?? base.trusted,
    proxyStrictSSL: runtime.proxyStrictSSL ?? base.proxyStrictSSL,
  };
  if (runtime.proxy !== undefined) next.proxy = runtime.proxy ?? undefined;
  if (runtime.dockerHubCredentials !== undefined) next.dockerHubCredentials = runtime.dockerHubCredentials ?? undefined;
  if (!next.trusted) next.dockerHubCredentials = undefined;
  return next;
}
