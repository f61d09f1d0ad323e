// Entry point. Activation does one thing of substance: start the language client. Everything else is
// wiring (status bar, commands, trust/credential/proxy updates), and every disposable goes into
// context.subscriptions.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { SetRuntimeNotification, StatusNotification, type ServerStatus } from '../../server/src/protocol.js';
import { registerCommands } from './commands.js';
import { ImagesView } from './imagesView.js';
import { createLanguageClient } from './languageClient.js';
import { createLog } from './log.js';
import { CredentialStore } from './secrets.js';
import { StatusBar } from './statusBar.js';
import { currentRuntime, watchRuntime } from './trust.js';

/** What activate() returns; used by the extension's own tests (and handy for other extensions). */
export interface ImageTrustApi {
  /** resolves when the language client has started (or failed to) */
  readonly ready: Promise<boolean>;
  readonly client: () => LanguageClient | undefined;
  readonly statusBar: StatusBar;
  /** milliseconds from activate() being called to the client running */
  readonly activationMs: () => number | undefined;
  /** milliseconds spent inside activate() itself (the rest happens after it returned) */
  readonly activateCallMs: number;
  /** fires for every imageTrust/status notification */
  readonly onStatus: vscode.Event<ServerStatus>;
  /** the Docker Hub username in secret storage (never the token), null when signed out */
  readonly account: () => Promise<string | null>;
  /** the Images view's data */
  readonly images: ImagesView;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ImageTrustApi {
  const started = performance.now();
  let activationMs: number | undefined;
  const log = createLog();
  const statusBar = new StatusBar();
  const credentials = new CredentialStore(context.secrets);
  const statusEmitter = new vscode.EventEmitter<ServerStatus>();
  context.subscriptions.push(log, statusBar, statusEmitter);

  // The server rebuilds its facts service on every setRuntime (dropping lookups in flight), so only
  // changes are sent; the starting runtime travels in initializationOptions.
  let lastSent: string | undefined;
  const sendRuntime = async (): Promise<void> => {
    const runtime = await currentRuntime(credentials);
    const json = JSON.stringify(runtime);
    if (client?.isRunning() && json !== lastSent) {
      lastSent = json;
      await client.sendNotification(SetRuntimeNotification, runtime);
    }
    // reflect trust and sign-in at once; the server's next imageTrust/status confirms it
    const last = statusBar.status;
    if (last || !runtime.trusted) {
      statusBar.update({
        ...(last ?? { state: 'idle' }),
        signedIn: !!runtime.dockerHubCredentials,
        trusted: runtime.trusted ?? true,
      });
    }
  };

  const images = new ImagesView(() => client);
  context.subscriptions.push(
    images,
    vscode.window.createTreeView('imageTrust.images', { treeDataProvider: images, showCollapseAll: true }),
    // a saved file may name other images now; the view follows once it has been shown
    vscode.workspace.onDidSaveTextDocument(() => {
      if (images.loaded) void images.refresh();
    }),
  );
  context.subscriptions.push(
    ...registerCommands({ client: () => client, credentials, log, sendRuntime, images }),
    ...watchRuntime(credentials, () => void sendRuntime().catch((e: unknown) => log.error('setRuntime failed', e))),
  );

  const ready = (async (): Promise<boolean> => {
    try {
      const runtime = await currentRuntime(credentials);
      lastSent = JSON.stringify(runtime);
      const c = createLanguageClient({
        serverModule: context.asAbsolutePath('dist/server.js'),
        cacheDir: context.globalStorageUri.fsPath,
        runtime,
        log,
      });
      client = c;
      context.subscriptions.push(
        c,
        c.onNotification(StatusNotification, (s: ServerStatus) => {
          statusBar.update(s);
          statusEmitter.fire(s);
        }),
      );
      let startedOnce = false;
      context.subscriptions.push(
        // after an automatic restart (server crash) the new server has only the first runtime
        c.onDidChangeState((e) => {
          if (e.newState !== State.Running || !startedOnce) return;
          lastSent = undefined;
          void sendRuntime().catch((err: unknown) => log.error('setRuntime failed', err));
        }),
      );
      await c.start();
      startedOnce = true;
      // in case trust, credentials or the proxy changed while the server was starting
      await sendRuntime();
      activationMs = performance.now() - started;
      log.info(`Language server started in ${activationMs.toFixed(0)} ms`);
      if (statusBar.status === undefined) {
        statusBar.update({ state: 'idle', signedIn: !!runtime.dockerHubCredentials, trusted: runtime.trusted ?? true });
      }
      return true;
    } catch (e) {
      log.error('The language server could not be started', e);
      statusBar.showText(
        '$(error) Images',
        'Image Trust: the language server could not be started. Click to show the log.',
        true,
      );
      return false;
    }
  })();

  return {
    activateCallMs: performance.now() - started,
    ready,
    client: () => client,
    statusBar,
    activationMs: () => activationMs,
    onStatus: statusEmitter.event,
    account: async () => (await credentials.get())?.username ?? null,
    images,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}
