// Starts the Image Trust language server (dist/server.js) over node IPC and wires its custom
// notifications. The document selector mirrors SPEC §4: which files hold image references. YAML is
// selected as a whole because Kubernetes manifests have no fixed name; the server decides by content.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type RuntimeOptions } from '../../server/src/protocol.js';

const SCHEMES = ['file', 'untitled'];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...SCHEMES.map((scheme) => ({ scheme, language: 'dockerfile' })),
  ...SCHEMES.map((scheme) => ({ scheme, language: 'dockercompose' })),
  ...SCHEMES.map((scheme) => ({ scheme, language: 'yaml' })),
  // Containerfiles and *.Dockerfile that no installed extension maps to the dockerfile language
  { scheme: 'file', pattern: '**/{Containerfile,Containerfile.*,*.Containerfile,Dockerfile,Dockerfile.*,*.Dockerfile}' },
  { scheme: 'file', language: 'json', pattern: '**/{devcontainer.json,.devcontainer.json}' },
  { scheme: 'file', language: 'jsonc', pattern: '**/{devcontainer.json,.devcontainer.json}' },
];

export interface ClientSetup {
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
    },
  };
  return new LanguageClient('imageTrust', 'Image Trust', serverOptions, clientOptions);
}
