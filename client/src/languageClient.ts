// Starts the Image Trust language server (dist/server.js) over node IPC and wires its custom
// notifications. The document selector is SPEC §4's list of files that hold image references
// (server/src/extract/fileKinds.ts): by the languages other extensions give them, and by name for
// files no extension maps. YAML is selected as a whole because Kubernetes manifests have no fixed
// name; the server decides by content.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { languagesOf, oneGlob } from '../../server/src/extract/fileKindGlobs.js';
import { CONTENT_KINDS, FILE_KINDS } from '../../server/src/extract/fileKinds.js';
import { SETTINGS_SECTION, type RuntimeOptions } from '../../server/src/protocol.js';

const SCHEMES = ['file', 'untitled'];

const DOCUMENT_SELECTOR: DocumentSelector = [
  ...languagesOf([...FILE_KINDS, ...CONTENT_KINDS]).flatMap((language) =>
    SCHEMES.map((scheme) => ({ scheme, language })),
  ),
  // by name, whatever language an installed extension gives the file (or none)
  { scheme: 'file', pattern: oneGlob(FILE_KINDS) },
];

interface ClientSetup {
  serverModule: string;
  cacheDir: string;
  runtime: RuntimeOptions;
  log: vscode.LogOutputChannel;
}

export function createLanguageClient(setup: ClientSetup): LanguageClient {
  const run = { module: setup.serverModule, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = {
    run,
    debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: setup.log,
    // settings are pulled by the server (workspace/configuration); this only makes the client send
    // workspace/didChangeConfiguration when an imageTrust.* setting changes
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: {
      // a plain copy: the configuration object also carries functions
      settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION))) as unknown,
      cacheDir: setup.cacheDir,
      runtime: setup.runtime,
      // VS Code shows a range's problems above its hover: the hover names findings, not their text again
      hoverShowsDiagnostics: true,
    },
  };
  return new LanguageClient('imageTrust', 'Image Trust', serverOptions, clientOptions);
}
