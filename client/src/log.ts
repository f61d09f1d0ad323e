// The extension's one log: a LogOutputChannel (levels, timestamps, the user's chosen log level). The
// language client writes the server's window/logMessage into the same channel. Secrets never go here.
import * as vscode from 'vscode';

const LOG_NAME = 'Image Trust';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}
