// The process side of the server: a connection from the command line (--stdio, --node-ipc,
// --socket=N, --pipe=NAME as vscode-languageserver reads them) and the real facts service.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFactsService, userCacheDir } from '../hub/index.js';
import type { FactsFactory } from './facts.js';
import { startServer, type ServerDeps } from './server.js';

/** The hub, with the user cache folder unless the editor gave its own (VS Code: global storage). */
export const hubFacts: FactsFactory = (o) => createFactsService({ ...o, cacheDir: o.cacheDir ?? userCacheDir() });

export function runServerProcess(): void {
  const connection = createConnection(ProposedFeatures.all);
  // a bug in one background task must never take the editor's server down
  process.on('unhandledRejection', (e) =>
    connection.console.error(`unhandled: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  );
  startServer(connection, { createFacts: hubFacts });
}

/** The server over given streams (protocol tests run it in-process). Never send `exit` to it:
 * vscode-languageserver ends the process on exit. */
export function startServerOnStreams(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  deps: ServerDeps,
): { dispose(): void } {
  const connection = createConnection(ProposedFeatures.all, input, output);
  startServer(connection, deps);
  return { dispose: () => connection.dispose() };
}
