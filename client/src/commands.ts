// The commands of the "Image Trust" category. Each is small: ask, delegate to the server or the
// credential store, tell the user. Commands that people run through input boxes also take an argument
// so tests and other extensions can script them.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands, Commands } from '../../server/src/protocol.js';
import { openReport, type ImagesView } from './imagesView.js';
import { pinAllInWorkspace, type PinAllOptions, type PinAllResult } from './pinAll.js';
import type { CredentialStore, DockerHubCredentials } from './secrets.js';
import { openSampleDockerfile } from './walkthrough.js';

export interface CommandDeps {
  client: () => LanguageClient | undefined;
  credentials: CredentialStore;
  log: vscode.LogOutputChannel;
  /** re-sends imageTrust/setRuntime to the server */
  sendRuntime: () => Promise<void>;
  images: ImagesView;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg(ClientCommands.signIn, (given?: DockerHubCredentials) => signIn(deps, given)),
    reg(ClientCommands.signOut, () => signOut(deps)),
    reg(ClientCommands.pinAll, (options?: PinAllOptions) => pinAll(deps, options)),
    reg(ClientCommands.refresh, () =>
      serverCommand(deps, Commands.refresh, 'Image Trust: looking everything up again.'),
    ),
    reg(ClientCommands.clearCache, () => serverCommand(deps, Commands.clearCache, 'Image Trust: cache cleared.')),
    reg(ClientCommands.showLog, () => deps.log.show(true)),
    reg(ClientCommands.openSample, () => openSampleDockerfile()),
    reg(ClientCommands.imagesRefresh, () => deps.images.refresh()),
    reg(ClientCommands.imagesGroupByFile, () => deps.images.groupBy('file')),
    reg(ClientCommands.imagesGroupByImage, () => deps.images.groupBy('image')),
    reg(ClientCommands.report, () => report(deps)),
  ];
}

async function signIn(deps: CommandDeps, given?: DockerHubCredentials): Promise<boolean> {
  let credentials = given;
  if (!credentials) {
    const username = await vscode.window.showInputBox({
      title: 'Sign in to Docker Hub (1/2)',
      prompt: 'Docker Hub username',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter your Docker Hub username' : undefined),
    });
    if (!username) return false;
    const token = await vscode.window.showInputBox({
      title: 'Sign in to Docker Hub (2/2)',
      prompt: "Personal access token (read-only is enough); stored in the editor's secret storage",
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter a personal access token' : undefined),
    });
    if (!token) return false;
    credentials = { username: username.trim(), token: token.trim() };
  }
  await deps.credentials.set(credentials);
  await deps.sendRuntime();
  deps.log.info(`Signed in to Docker Hub as ${credentials.username}`);
  const note = vscode.workspace.isTrusted ? '' : ' The credentials are not used while this workspace is untrusted.';
  void vscode.window.showInformationMessage(`Image Trust: signed in to Docker Hub as ${credentials.username}.${note}`);
  return true;
}

async function signOut(deps: CommandDeps): Promise<void> {
  await deps.credentials.clear();
  await deps.sendRuntime();
  deps.log.info('Signed out of Docker Hub');
  void vscode.window.showInformationMessage('Image Trust: signed out of Docker Hub.');
}

async function pinAll(deps: CommandDeps, options?: PinAllOptions): Promise<PinAllResult | undefined> {
  const client = deps.client();
  if (!client) {
    void vscode.window.showErrorMessage('Image Trust: the language server is not running; see the log.');
    return undefined;
  }
  try {
    return await pinAllInWorkspace(client, options);
  } catch (e) {
    deps.log.error('Pin all failed', e);
    void vscode.window.showErrorMessage(`Image Trust: pinning failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

async function report(deps: CommandDeps): Promise<vscode.TextDocument | undefined> {
  const client = deps.client();
  if (!client) {
    void vscode.window.showErrorMessage('Image Trust: the language server is not running; see the log.');
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Image Trust: writing the report' },
      () => openReport(client),
    );
  } catch (e) {
    deps.log.error('Report failed', e);
    void vscode.window.showErrorMessage(
      `Image Trust: the report failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    return undefined;
  }
}

async function serverCommand(deps: CommandDeps, command: string, done: string): Promise<boolean> {
  const client = deps.client();
  if (!client) {
    void vscode.window.showErrorMessage('Image Trust: the language server is not running; see the log.');
    return false;
  }
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [] });
    void vscode.window.setStatusBarMessage(done, 4000);
    return true;
  } catch (e) {
    deps.log.error(`${command} failed`, e);
    void vscode.window.showErrorMessage(`Image Trust: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
