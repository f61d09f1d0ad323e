// Settings pulled per resource through workspace/configuration (section imageTrust), normalised into
// one typed object, cached per resource (the promise), cleared on didChangeConfiguration. Clients
// that do not answer (or answer null, as Neovim and eglot do for unknown sections) get
// initializationOptions.settings (SPEC §1); a pulled answer is read over it. Both layers are read
// once, together, by the model (model/settingsInput.ts): one expansion, one merge. The
// known-malicious lists the settings name are read with them (relative paths from the resource's
// workspace folder); a list that cannot be used is shown to the user, not only logged.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../protocol.js';
import { normalizeSettings, SettingsInput, type Settings } from '../model/settings.js';
import { RULE_DEFAULTS } from '../policy/index.js';
import { withKnownMaliciousLists } from '../policy/malicious/files.js';

export class SettingsStore {
  /** resource uri ('' = no resource) → settings; promises, so concurrent callers share one request */
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** does the client answer workspace/configuration? */
    private readonly pull: boolean,
    /** initializationOptions.settings */
    private fallback: unknown,
    private readonly log: (message: string) => void,
    /** the workspace folders, as file system paths */
    private readonly folders: readonly string[] = [],
  ) {}

  forResource(uri?: string): Promise<Settings> {
    const key = uri ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.load(uri);
      this.cache.set(key, p);
    }
    return p;
  }

  /** didChangeConfiguration: drop every cached value. Push-style clients may send the new
   * settings along (`{ imageTrust: {...} }`): those replace the fallback. */
  changed(pushed: unknown): void {
    const section =
      typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    if (typeof section === 'object' && section !== null && !Array.isArray(section)) this.fallback = section;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string | undefined): Promise<Settings> {
    let pulled: unknown = undefined;
    if (this.pull) {
      try {
        pulled = await this.connection.workspace.getConfiguration({
          ...(uri ? { scopeUri: uri } : {}),
          section: SETTINGS_SECTION,
        });
      } catch (e) {
        this.warnOnce(
          `workspace/configuration failed (${e instanceof Error ? e.message : String(e)}); using initializationOptions.settings`,
        );
      }
    }
    const warn = (m: string): void => this.warnOnce(`settings: ${m}`);
    const settings = normalizeSettings(SettingsInput.read([this.fallback, pulled], warn), warn, RULE_DEFAULTS);
    return withKnownMaliciousLists(settings, this.folderOf(uri), (m) => this.warnUser(`Image Trust: ${m}`));
  }

  /** The workspace folder holding the resource (the first folder for none or an outside file). */
  private folderOf(uri: string | undefined): string | null {
    let file: string | undefined;
    try {
      file = uri?.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      file = undefined;
    }
    const holding = file
      ? this.folders.filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
      : [];
    return holding.sort((a, b) => b.length - a.length)[0] ?? this.folders[0] ?? null;
  }

  private warnUser(message: string): void {
    if (this.warned.has(message)) return;
    this.warnOnce(message);
    // a notification, not a request: nothing waits for the user to dismiss it
    void this.connection
      .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })
      .catch(() => {});
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log(message);
  }
}
