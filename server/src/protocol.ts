// Names shared by the VS Code client and the language server: command ids, custom requests and
// notifications, and the settings section. Constants and types only; imports nothing.

export const SETTINGS_SECTION = 'imageTrust';

export const Commands = {
  /** server: pin every reference in the given files; arguments: [PinAllArguments]. With `preview: true`
   * the server RETURNS the edits as an LSP WorkspaceEdit (the client shows and applies them) instead of
   * applying them itself through workspace/applyEdit. */
  pinAll: 'imageTrust.server.pinAll',
  /** server: drop cached facts and look everything up again */
  refresh: 'imageTrust.server.refresh',
  /** server: clear the in-memory and disk caches */
  clearCache: 'imageTrust.server.clearCache',
  /** server: every image in the given files with its verdict; arguments: [FilesArguments]; returns ImagesResult */
  images: 'imageTrust.server.images',
  /** server: a Markdown report of every image in the given files; arguments: [FilesArguments]; returns { markdown } */
  report: 'imageTrust.server.report',
} as const;

export interface FilesArguments {
  uris: string[];
  /** how people call each file (e.g. relative to the workspace), for the report; default: the URI's path */
  labels?: string[];
}

/** How an image stands, worst first: a finding's severity, or no finding, or not known yet. */
export type Verdict = 'error' | 'warning' | 'information' | 'hint' | 'ok' | 'skipped' | 'pending';

export interface WorkspaceImage {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** as written */
  text: string;
  /** normalised; null when it cannot be known (a variable) */
  image: string | null;
  source: string;
  verdict: Verdict;
  /** the verdict at a glance, one line of plain text */
  glance: string;
  findings: Array<{ code: string; severity: string; message: string }>;
}

export interface ImagesResult {
  files: Array<{ uri: string; images: WorkspaceImage[] }>;
}

export interface PinAllArguments {
  uris: string[];
  /** return the edit without applying it (the client previews and applies it) */
  preview?: boolean;
  /** apply through workspace/applyEdit; wins over `preview` when given. The edit is always returned. */
  apply?: boolean;
}

/** VS Code commands contributed by the extension (client side; see package.json contributes.commands). */
export const ClientCommands = {
  signIn: 'imageTrust.signIn',
  signOut: 'imageTrust.signOut',
  pinAll: 'imageTrust.pinAll',
  refresh: 'imageTrust.refresh',
  clearCache: 'imageTrust.clearCache',
  showLog: 'imageTrust.showLog',
  openSample: 'imageTrust.openSample',
  report: 'imageTrust.report',
  imagesRefresh: 'imageTrust.images.refresh',
  imagesGroupByFile: 'imageTrust.images.groupByFile',
  imagesGroupByImage: 'imageTrust.images.groupByImage',
} as const;

/** Client → server: credentials and runtime options that are not settings (never written to disk). */
export const SetRuntimeNotification = 'imageTrust/setRuntime';
export interface RuntimeOptions {
  /** is the workspace trusted? Untrusted: only allowed registries, no credentials */
  trusted?: boolean;
  /** Docker Hub username + personal access token from the editor's secret storage */
  dockerHubCredentials?: { username: string; token: string } | null;
  /** the editor's proxy (http.proxy) and whether to check its TLS certificate */
  proxy?: string | null;
  proxyStrictSSL?: boolean;
}

/** Server → client: the state of facts at a glance, for the status bar. */
export const StatusNotification = 'imageTrust/status';
export interface ServerStatus {
  state: 'live' | 'cached' | 'rate-limited' | 'offline' | 'idle';
  /** ISO time: offline since / rate limited until */
  since?: string;
  until?: string;
  /** Docker Hub pulls left in its 6-hour window, and the window's limit, as its registry last said */
  remaining?: number | null;
  limit?: number | null;
  /** few enough pulls left to warn before spending more (model/facts.ts lowPullBudget) */
  pullsLow?: boolean;
  signedIn: boolean;
  trusted: boolean;
  message?: string;
}
