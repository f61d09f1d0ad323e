// Docker Hub credentials in the editor's SecretStorage (the OS keychain on desktop). They are handed to
// the server over imageTrust/setRuntime only; never written to settings or logs.
import * as vscode from 'vscode';

export interface DockerHubCredentials {
  username: string;
  token: string;
}

const KEY = 'imageTrust.dockerHub.credentials';

export class CredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Fires when the credentials change, here or in another window of the same editor. */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === KEY) listener();
    });
  }

  async get(): Promise<DockerHubCredentials | null> {
    const raw = await this.secrets.get(KEY);
    if (!raw) return null;
    try {
      const v: unknown = JSON.parse(raw);
      if (isCredentials(v)) return v;
    } catch {
      // a damaged entry is treated as signed out
    }
    return null;
  }

  async set(credentials: DockerHubCredentials): Promise<void> {
    await this.secrets.store(KEY, JSON.stringify(credentials));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
  }
}

function isCredentials(v: unknown): v is DockerHubCredentials {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.username === 'string' && o.username !== '' && typeof o.token === 'string' && o.token !== '';
}
