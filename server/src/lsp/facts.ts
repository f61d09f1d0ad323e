// The one facts service of a server, rebuilt when what it was built with changes (runtime options:
// trust, credentials, proxy) and told about new hub settings. Handlers read `current` each time,
// never keep it. Lookup results are announced to listeners (diagnostics refresh) and the hub's
// state is turned into imageTrust/status notifications.
import type { HubStatus } from '../hub/status.js';
import type { FactsService, LookupTarget } from '../hub/types.js';
import type { ImageFacts } from '../model/facts.js';
import type { Settings } from '../model/settings.js';
import type { RuntimeOptions, ServerStatus } from '../protocol.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a facts service is built from (hub/index.ts createFactsService takes the same keys). */
export interface FactsOptions {
  settings: Settings;
  trusted: boolean;
  offline: boolean;
  cacheDir?: string;
  dockerHubCredentials: { username: string; token: string } | null;
  proxy: string | null;
  proxyStrictSSL: boolean;
  log: (level: LogLevel, message: string) => void;
}

/** A facts service, optionally with a live settings update and a status source. */
export type FactsServiceLike = FactsService & {
  updateSettings?(settings: Settings): void;
  status?(): HubStatus;
  onStatusChange?(listener: (status: HubStatus) => void): () => void;
};

export type FactsFactory = (options: FactsOptions) => FactsServiceLike;

export class FactsHolder {
  private service: FactsServiceLike;
  private unlistenStatus: () => void = () => {};
  private runtime: Required<Omit<RuntimeOptions, 'dockerHubCredentials'>> & {
    dockerHubCredentials: { username: string; token: string } | null;
  };
  private settings: Settings;
  private closed = false;
  private readonly cacheDir: string | undefined;
  private readonly offline: boolean;

  constructor(
    private readonly factory: FactsFactory,
    initial: { settings: Settings; runtime?: RuntimeOptions; cacheDir?: string; offline?: boolean },
    private readonly log: (level: LogLevel, message: string) => void,
    private readonly onStatus: (status: ServerStatus) => void,
  ) {
    this.settings = initial.settings;
    this.runtime = {
      trusted: initial.runtime?.trusted ?? true,
      dockerHubCredentials: initial.runtime?.dockerHubCredentials ?? null,
      proxy: initial.runtime?.proxy ?? null,
      proxyStrictSSL: initial.runtime?.proxyStrictSSL ?? true,
    };
    this.cacheDir = initial.cacheDir;
    this.offline = initial.offline ?? false;
    this.service = this.build();
  }

  get current(): FactsServiceLike {
    return this.service;
  }

  lookup(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    return this.service.lookup(target, signal);
  }

  peek(target: LookupTarget): ImageFacts | undefined {
    return this.service.peek(target);
  }

  status(): ServerStatus {
    const hub = this.service.status?.() ?? { state: 'live' as const };
    // signed in = credentials in use; an untrusted workspace gets none
    const base = { signedIn: this.runtime.trusted && this.runtime.dockerHubCredentials !== null, trusted: this.runtime.trusted };
    if (this.offline) return { ...base, state: 'offline', message: 'offline: cached facts only' };
    switch (hub.state) {
      case 'live':
        return { ...base, state: 'live' };
      case 'offline':
        return { ...base, state: 'cached', since: new Date(hub.since).toISOString(), message: 'registry unreachable: showing cached facts' };
      case 'rate-limited':
        return { ...base, state: 'rate-limited', until: new Date(hub.until).toISOString(), remaining: hub.remaining, message: `rate limited by ${hub.host}` };
    }
  }

  /** New hub settings (Docker Hub URL, mirrors, TTL): updated in place when the service can. */
  updateSettings(settings: Settings): void {
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = settings;
    if (this.service.updateSettings) this.service.updateSettings(settings);
    else this.rebuild();
  }

  /** imageTrust/setRuntime: credentials, trust and proxy are baked into the service: rebuild it. */
  updateRuntime(runtime: RuntimeOptions): void {
    this.runtime = {
      trusted: runtime.trusted ?? this.runtime.trusted,
      dockerHubCredentials: runtime.dockerHubCredentials !== undefined ? runtime.dockerHubCredentials : this.runtime.dockerHubCredentials,
      proxy: runtime.proxy !== undefined ? runtime.proxy : this.runtime.proxy,
      proxyStrictSSL: runtime.proxyStrictSSL ?? this.runtime.proxyStrictSSL,
    };
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
    const service = this.factory({
      settings: this.settings,
      trusted: this.runtime.trusted,
      offline: this.offline,
      ...(this.cacheDir ? { cacheDir: this.cacheDir } : {}),
      dockerHubCredentials: this.runtime.trusted ? this.runtime.dockerHubCredentials : null,
      proxy: this.runtime.proxy,
      proxyStrictSSL: this.runtime.proxyStrictSSL,
      log: this.log,
    });
    this.unlistenStatus = service.onStatusChange?.(() => this.onStatus(this.status())) ?? (() => {});
    return service;
  }
}
