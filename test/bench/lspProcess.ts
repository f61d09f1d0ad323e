// The real language server as a child process (`node dist/server.js --stdio`) and a minimal
// vscode-jsonrpc client for it: initialize, open, wait for published diagnostics, hover, completion, RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string | number; message: string }>;
}
export interface HoverResult {
  contents: unknown;
}

export class ServerProcess {
  private readonly events = new EventEmitter();
  readonly published: Published[] = [];
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    this.exit = new Promise((resolve) =>
      child.once('exit', () => {
        this.exited = true;
        resolve();
      }),
    );
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.events.emit('published', p);
    });
    conn.onNotification('window/logMessage', () => {});
    conn.onNotification('imageTrust/status', () => {});
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    conn.listen();
  }

  /** Starts the server and initializes it as a push-diagnostics client without
   * workspace/configuration, so `settings` (SPEC §3 keys, no prefix) come from initializationOptions. */
  static async start(
    serverJs: string,
    init: { settings: unknown; cacheDir: string; offline: boolean },
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<ServerProcess> {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    if (!child.stdout || !child.stdin) throw new Error('server stdio not piped');
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new ServerProcess(child, conn);
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} },
        workspace: {},
      },
      initializationOptions: { settings: init.settings, cacheDir: init.cacheDir, offline: init.offline },
    });
    await conn.sendNotification('initialized', {});
    return server;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Resolves with the first publication for `uri` (already received or future) that `accept` takes. */
  waitForDiagnostics(uri: string, accept: (p: Published) => boolean = () => true): Promise<Published> {
    const found = this.published.find((p) => p.uri === uri && accept(p));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const on = (p: Published): void => {
        if (p.uri === uri && accept(p)) {
          this.events.off('published', on);
          resolve(p);
        }
      };
      this.events.on('published', on);
    });
  }

  hover(uri: string, line: number, character: number): Promise<HoverResult | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  completion(
    uri: string,
    line: number,
    character: number,
  ): Promise<{ items: Array<{ label: string }> } | Array<{ label: string }> | null> {
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  }

  /** Resident set size of the server process, from /proc (Linux). */
  rssMb(): number | null {
    try {
      const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m?.[1] ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** shutdown + exit, as an editor ends the server; kills it if it does not go within 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), this.exit]);
      await this.conn.sendNotification('exit').catch(() => {});
    } catch {
      this.child.kill('SIGTERM');
    }
    await this.exit;
    clearTimeout(timer);
    this.conn.dispose();
  }
}
