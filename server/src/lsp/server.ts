// Wiring: one session per initialize; every handler is "look up, delegate, convert" in its own
// file. Everything started here is disposed on shutdown.
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeControls } from '../model/controlChars.js';
import { normalizeSettings } from '../model/settings.js';
import { VERSION } from '../model/version.js';
import { SETTINGS_SECTION, SetRuntimeNotification, StatusNotification, type RuntimeOptions } from '../protocol.js';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './capabilities.js';
import { provideCodeActions } from './codeActions.js';
import { executeCommand } from './commands.js';
import { provideCompletion } from './completion.js';
import { DiagnosticsEngine } from './diagnostics.js';
import { DisposableStore, toDisposable } from './disposables.js';
import { DocumentIndex } from './documents.js';
import { FactsHolder, type FactsFactory, type LogLevel } from './facts.js';
import { provideHover } from './hover.js';
import { SettingsStore } from './settings.js';
import { RULE_DEFAULTS } from '../policy/index.js';

export interface ServerDeps {
  /** builds the facts service (the hub in production, a scripted one in tests) */
  createFacts: FactsFactory;
  now?: () => number;
  /** gathering window for one diagnostics refresh after lookups land (ms) */
  coalesceMs?: number;
  /** with lookups still running, refresh at least this often (ms) */
  maxWaitMs?: number;
}

/** initializationOptions (all optional): settings for clients without workspace/configuration,
 * a cache folder, runtime options (trust, credentials, proxy) and offline mode. */
interface InitializationOptions {
  settings?: unknown;
  cacheDir?: string;
  runtime?: RuntimeOptions;
  offline?: boolean;
  /** the client shows a range's diagnostics with its hover (VS Code): hovers then name findings
   * rather than repeat their messages */
  hoverShowsDiagnostics?: boolean;
}

interface Session {
  features: ClientFeatures;
  hoverShowsDiagnostics: boolean;
  documents: DocumentIndex;
  settings: SettingsStore;
  facts: FactsHolder;
  diagnostics: DiagnosticsEngine;
}

/** The workspace folders as file system paths (folders that are not files are left out). */
function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.flatMap((u) => {
    try {
      return u.startsWith('file:') ? [fileURLToPath(u)] : [];
    } catch {
      return [];
    }
  });
}

export function startServer(connection: Connection, deps: ServerDeps): void {
  const store = new DisposableStore();
  const lifetime = new AbortController();
  store.add(toDisposable(() => lifetime.abort()));
  const now = deps.now ?? Date.now;
  const log = (level: LogLevel, raw: string): void => {
    // after shutdown the connection may be gone; a late log must not become an unhandled rejection
    if (store.isDisposed) return;
    // messages echo file names, file text and registry answers: their control characters are shown
    const message = escapeControls(raw);
    if (level === 'error') connection.console.error(message);
    else if (level === 'warn') connection.console.warn(message);
    else if (level === 'info') connection.console.info(message);
    else connection.console.log(message);
  };
  const documents = new TextDocuments(TextDocument);
  const index = new DocumentIndex(documents);
  store.add(index); // stops the extraction worker
  let session: Session | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const features = clientFeatures(params.capabilities);
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const settings = new SettingsStore(
      connection,
      features.configuration,
      init.settings,
      (m) => log('warn', m),
      workspaceFolders(params),
    );
    const facts = new FactsHolder(
      deps.createFacts,
      {
        settings: normalizeSettings(init.settings, undefined, RULE_DEFAULTS),
        ...(init.runtime ? { runtime: init.runtime } : {}),
        ...(typeof init.cacheDir === 'string' ? { cacheDir: init.cacheDir } : {}),
        offline: init.offline === true,
      },
      log,
      (status) => void connection.sendNotification(StatusNotification, status).catch(() => {}),
    );
    const diagnostics = new DiagnosticsEngine({
      connection,
      documents: index,
      settings,
      facts,
      mode: features.pullDiagnostics ? 'pull' : 'push',
      refreshSupported: features.diagnosticsRefresh,
      coalesceMs: deps.coalesceMs ?? 30,
      maxWaitMs: deps.maxWaitMs ?? 1500,
      now,
    });
    store.add(facts);
    store.add(diagnostics);
    session = {
      features,
      hoverShowsDiagnostics: init.hoverShowsDiagnostics === true,
      documents: index,
      settings,
      facts,
      diagnostics,
    };
    return { capabilities: serverCapabilities(features), serverInfo: { name: 'image-trust-server', version: VERSION } };
  });

  connection.onInitialized(() => {
    const s = session;
    if (!s) return;
    if (s.features.configurationRegistration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(() => {});
    }
    void updateHubSettings(s);
    void connection.sendNotification(StatusNotification, s.facts.status()).catch(() => {});
  });

  // The hub is shared by every resource: it follows the settings of no particular resource.
  const updateHubSettings = async (s: Session): Promise<void> => {
    try {
      s.facts.updateSettings(await s.settings.forResource());
    } catch (e) {
      log('warn', `settings: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  store.add(
    connection.onDidChangeConfiguration((params) => {
      if (!session) return;
      session.settings.changed(params.settings);
      void updateHubSettings(session);
      session.diagnostics.revalidateAll();
    }),
  );
  store.add(
    connection.onNotification(SetRuntimeNotification, (params: RuntimeOptions) => {
      if (!session || typeof params !== 'object' || params === null) return;
      session.facts.updateRuntime(params);
      session.diagnostics.revalidateAll();
    }),
  );

  store.add(documents.listen(connection));
  store.add(documents.onDidChangeContent((e) => void session?.diagnostics.validate(e.document.uri)));
  store.add(
    documents.onDidClose((e) => {
      index.forget(e.document.uri);
      session?.settings.forget(e.document.uri);
      session?.diagnostics.closed(e.document.uri);
    }),
  );

  store.add(
    connection.languages.diagnostics.on(async (params) => ({
      kind: 'full',
      items: session ? await session.diagnostics.pull(params.textDocument.uri) : [],
    })),
  );
  store.add(
    connection.onHover((params, token) =>
      session
        ? provideHover(
            {
              documents: index,
              settings: session.settings,
              facts: session.facts,
              markdown: session.features.markdownHover,
              diagnosticsShown: session.hoverShowsDiagnostics,
              now,
              lifetime: lifetime.signal,
              factsChanged: (uri) => session?.diagnostics.factsChanged(uri),
            },
            params,
            token,
          )
        : null,
    ),
  );
  store.add(
    connection.onCompletion((params, token) =>
      session
        ? provideCompletion({ documents: index, facts: session.facts, now, lifetime: lifetime.signal }, params, token)
        : null,
    ),
  );
  store.add(
    connection.onCodeAction((params, token) =>
      session
        ? provideCodeActions(
            {
              documents: index,
              settings: session.settings,
              facts: session.facts,
              documentChanges: session.features.documentChanges,
              now,
              lifetime: lifetime.signal,
            },
            params,
            token,
          )
        : null,
    ),
  );
  store.add(
    connection.onExecuteCommand((params, token) =>
      session
        ? executeCommand(
            {
              connection,
              documents: index,
              facts: session.facts,
              diagnostics: session.diagnostics,
              settings: session.settings,
              now,
              documentChanges: session.features.documentChanges,
              progressSupported: session.features.progress,
              lifetime: lifetime.signal,
              log: (m) => log('warn', m),
            },
            params,
            token,
          )
        : null,
    ),
  );

  connection.onShutdown(() => store.dispose());
  connection.listen();
}
