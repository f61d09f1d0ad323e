// A scripted LSP client over in-memory streams, talking to the real server (in-process, with a
// scripted facts service). Records what the server sends; every wait is for an event, never a sleep.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { CancellationTokenSource, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { startServerOnStreams } from '../../server/src/lsp/stdio.js';
import type { FactsFactory } from '../../server/src/lsp/facts.js';
import type { ServerStatus } from '../../server/src/protocol.js';
import { ScriptedFacts } from './scriptedFacts.js';

export interface ClientOptions {
  /** textDocument/diagnostic + refresh support (VS Code); default false (push, like Neovim 0.7) */
  pull?: boolean;
  /** workspace/configuration; default true */
  configuration?: boolean;
  markdown?: boolean;
  documentChanges?: boolean;
  initializationOptions?: unknown;
  /** the settings the client answers workspace/configuration with (per item); default null */
  settings?: unknown;
  facts?: ScriptedFacts;
  /** a real facts service instead of the scripted one (integration tests against the sandbox) */
  createFacts?: FactsFactory;
  now?: number;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: ServerStatus[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly progress: unknown[] = [];
  /** window/showMessage notifications */
  readonly messages: { type: number; message: string }[] = [];
  /** window/logMessage texts */
  readonly logs: string[] = [];
  refreshes = 0;
  settings: unknown;
  /** when set, workspace/configuration answers wait for it */
  configurationGate: Promise<void> | null = null;
  private readonly events = new EventEmitter();

  constructor(
    readonly conn: MessageConnection,
    readonly facts: ScriptedFacts,
    private readonly server: { dispose(): void },
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? null;
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.events.emit('change');
    });
    conn.onNotification('imageTrust/status', (s: ServerStatus) => {
      this.statuses.push(s);
      this.events.emit('change');
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.events.emit('change');
    });
    conn.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      this.messages.push(m);
      this.events.emit('change');
    });
    conn.onNotification('$/progress', (p: unknown) => void this.progress.push(p));
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      this.configurationRequests.push(p);
      this.events.emit('change');
      if (this.configurationGate) await this.configurationGate;
      return p.items.map(() => this.settings);
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.events.emit('change');
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(p.edit);
      this.events.emit('change');
      return { applied: true };
    });
  }

  /** Resolves with the first value `probe` returns that is not undefined, checking after every
   * message from the server. */
  waitFor<T>(probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const on = (): void => {
        const v = probe();
        if (v === undefined) return;
        this.events.off('change', on);
        resolve(v);
      };
      this.events.on('change', on);
    });
  }

  /** The n-th (1-based) publication for the uri. */
  publication(uri: string, n: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.published.filter((p) => p.uri === uri)[n - 1]);
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** didChange with incremental changes, applied in order (ranges in the text as each finds it). */
  edit(uri: string, version: number, changes: Array<{ range: Range; text: string }>): void {
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  configurationChanged(settings: unknown = null): void {
    void this.conn.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  hover(uri: string, position: Position, token?: CancellationTokenSource): Promise<Hover | null> {
    const params = { textDocument: { uri }, position };
    return token
      ? this.conn.sendRequest('textDocument/hover', params, token.token)
      : this.conn.sendRequest('textDocument/hover', params);
  }

  completion(uri: string, position: Position): Promise<{ isIncomplete: boolean; items: CompletionItem[] } | null> {
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  pull(uri: string): Promise<{ kind: string; items: Diagnostic[] }> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[] = [],
    only?: string[],
  ): Promise<CodeAction[] | null> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  execute(command: string, args: unknown[]): Promise<unknown> {
    return this.conn.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  async shutdown(): Promise<void> {
    await this.conn.sendRequest('shutdown');
    this.conn.dispose();
    this.server.dispose();
  }
}

export function capabilities(o: ClientOptions): ClientCapabilities {
  return {
    workspace: {
      configuration: o.configuration ?? true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: o.documentChanges ?? true },
      ...(o.pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      hover: { contentFormat: o.markdown === false ? ['plaintext'] : ['markdown', 'plaintext'] },
      publishDiagnostics: { versionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      ...(o.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
    window: { workDoneProgress: true },
  };
}

export async function startClient(
  options: ClientOptions = {},
): Promise<{ client: TestClient; init: InitializeResult }> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const facts = options.facts ?? new ScriptedFacts();
  const now = options.now;
  const server = startServerOnStreams(toServer, toClient, {
    createFacts: options.createFacts ?? facts.factory,
    ...(now !== undefined ? { now: () => now } : {}),
    coalesceMs: 5,
    maxWaitMs: 60_000,
  });
  const conn = createMessageConnection(toClient, toServer);
  const client = new TestClient(conn, facts, server, options);
  conn.listen();
  const init: InitializeResult = await conn.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: capabilities(options),
    initializationOptions: options.initializationOptions ?? null,
  });
  await conn.sendNotification('initialized', {});
  return { client, init };
}

export { CancellationTokenSource };
