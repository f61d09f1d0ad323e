// Registry credentials, looked up per registry host: the editor's Docker Hub credentials (for
// docker.io, preferred), then ~/.docker/config.json (`credHelpers`, `credsStore`, `auths`).
// Credentials are kept in memory only, never logged, never written anywhere.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import { Memo } from './memo.js';
import { canonicalRegistry } from './transport.js';

export interface Credentials {
  username: string;
  password: string;
}

/** Runs `docker-credential-<helper> get` with `serverUrl` on stdin; its stdout, or null on failure. */
export type HelperRunner = (helper: string, serverUrl: string) => Promise<string | null>;

interface CredentialOptions {
  dockerConfigPath?: string;
  dockerHubCredentials?: { username: string; token: string };
  runHelper?: HelperRunner;
  log?: (level: 'debug' | 'warn', message: string) => void;
}

const HELPER_NAME = /^[a-zA-Z0-9_.-]+$/;
const HELPER_TIMEOUT_MS = 5000;
const HELPER_MAX_OUTPUT = 64 * 1024;
/** the server URL Docker itself stores Docker Hub credentials under */
const HUB_SERVER_URL = 'https://index.docker.io/v1/';

export function isValidHelperName(name: string): boolean {
  // a name of dots only ("..") is no helper: refuse it even though PATH lookup could not escape
  return HELPER_NAME.test(name) && !/^\.+$/.test(name);
}

function defaultDockerConfigPath(): string {
  const dir = process.env.DOCKER_CONFIG || join(homedir(), '.docker');
  return join(dir, 'config.json');
}

/** "https://index.docker.io/v1/" → "docker.io"; "ghcr.io" → "ghcr.io". */
export function registryKey(serverUrl: string): string {
  const withoutScheme = serverUrl.trim().replace(/^[a-z]+:\/\//i, '');
  return canonicalRegistry(withoutScheme.split('/')[0] ?? '');
}

interface DockerConfig {
  auths: Map<string, Credentials>;
  credsStore: string | null;
  credHelpers: Map<string, string>;
}

/** hosts remembered; a helper runs at most once per host until settings change */
const MAX_HOSTS = 256;

export class CredentialStore {
  private config: Promise<DockerConfig> | null = null;
  // read once per host for the session (config.json and helpers are asked again after forget())
  private readonly resolved = new Memo<string, Credentials | null>({
    maxEntries: MAX_HOSTS,
    ttlMs: () => Infinity,
    now: Date.now,
  });

  constructor(private readonly o: CredentialOptions) {}

  /** Credentials for a registry host (docker.io aliases folded), or null. */
  forHost(host: string): Promise<Credentials | null> {
    const key = canonicalRegistry(host);
    return this.resolved.get(key, () => this.lookup(key).catch(() => null));
  }

  forget(): void {
    this.config = null;
    this.resolved.clear();
  }

  private async lookup(key: string): Promise<Credentials | null> {
    const editor = this.o.dockerHubCredentials;
    if (key === 'docker.io' && editor?.username && editor.token) {
      return { username: editor.username, password: editor.token };
    }
    const config = await (this.config ??= this.readConfig());
    const helper = config.credHelpers.get(key) ?? config.credsStore;
    if (helper) {
      const fromHelper = await this.fromHelper(helper, key);
      if (fromHelper) return fromHelper;
    }
    return config.auths.get(key) ?? null;
  }

  private async fromHelper(helper: string, key: string): Promise<Credentials | null> {
    if (!isValidHelperName(helper)) {
      this.o.log?.('warn', `docker config: credential helper name "${helper.slice(0, 40)}" is not valid; ignored`);
      return null;
    }
    const serverUrl = key === 'docker.io' ? HUB_SERVER_URL : key;
    const out = await (this.o.runHelper ?? runCredentialHelper)(helper, serverUrl);
    if (out === null) return null;
    try {
      const parsed = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
      if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || parsed.Secret === '') return null;
      // "<token>" marks an identity (refresh) token, which needs an OAuth exchange we do not do
      if (parsed.Username === '<token>') return null;
      return { username: parsed.Username, password: parsed.Secret };
    } catch {
      this.o.log?.('warn', `credential helper ${helper} answered something that is not JSON`);
      return null;
    }
  }

  private async readConfig(): Promise<DockerConfig> {
    const empty: DockerConfig = { auths: new Map(), credsStore: null, credHelpers: new Map() };
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.o.dockerConfigPath ?? defaultDockerConfigPath(), 'utf8'));
    } catch {
      return empty; // no config or unreadable: anonymous access only
    }
    if (typeof raw !== 'object' || raw === null) return empty;
    const r = raw as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
    if (typeof r.credsStore === 'string' && r.credsStore !== '') empty.credsStore = r.credsStore;
    if (typeof r.credHelpers === 'object' && r.credHelpers !== null) {
      for (const [k, v] of Object.entries(r.credHelpers))
        if (typeof v === 'string') empty.credHelpers.set(registryKey(k), v);
    }
    if (typeof r.auths === 'object' && r.auths !== null) {
      for (const [k, v] of Object.entries(r.auths)) {
        const c = authEntry(v);
        if (c) empty.auths.set(registryKey(k), c);
      }
    }
    return empty;
  }
}

function authEntry(v: unknown): Credentials | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as { auth?: unknown; username?: unknown; password?: unknown };
  if (typeof e.auth === 'string' && e.auth !== '') {
    const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof e.username === 'string' && typeof e.password === 'string' && e.username !== '') {
    return { username: e.username, password: e.password };
  }
  return null;
}

/** A helper runner: `docker-credential-<helper> get` spawned without a shell (the name is
 * validated) in a process group of its own, output capped. A helper gets `timeoutMs` to exit; then
 * its whole group is killed and the answer is null. When it exits in time, whatever it left behind in
 * its group is killed too: a child that keeps stdout open (a forked agent, a stuck subprocess) would
 * otherwise hold the pipe, and the lookup, open. */
export function credentialHelperRunner(timeoutMs = HELPER_TIMEOUT_MS): HelperRunner {
  return (helper, serverUrl) =>
    new Promise((resolve) => {
      if (!isValidHelperName(helper)) return resolve(null);
      let child: ChildProcessByStdio<Writable, Readable, null>;
      try {
        // a group of its own (POSIX); on Windows `detached` would open a console window instead
        child = spawn(`docker-credential-${helper}`, ['get'], {
          detached: !WINDOWS,
          windowsHide: true,
          stdio: ['pipe', 'pipe', 'ignore'],
        });
      } catch {
        return resolve(null);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let exitCode: number | null = null;
      let settled = false;
      const finish = (out: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        killGroup(child);
        resolve(out);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      child.on('error', () => finish(null));
      child.stdout.on('data', (d: Buffer) => {
        if (size < HELPER_MAX_OUTPUT) chunks.push(d);
        size += d.length;
      });
      // what the helper wrote before it exited is in the pipe: killing the rest of its group closes
      // the pipe's other ends, so 'close' follows with all of it
      child.on('exit', (code) => {
        exitCode = code;
        killGroup(child);
      });
      child.on('close', () =>
        finish(exitCode === 0 && size <= HELPER_MAX_OUTPUT ? Buffer.concat(chunks).toString('utf8') : null),
      );
      child.stdin.on('error', () => {});
      child.stdin.end(serverUrl);
    });
}

export const runCredentialHelper: HelperRunner = credentialHelperRunner();

const WINDOWS = process.platform === 'win32';

/** SIGKILL to every process in the helper's group (it leads one: spawned detached); gone is fine.
 * Windows has no process groups here: the helper alone, and the timeout still bounds the wait. */
function killGroup(child: { pid?: number; kill(signal: NodeJS.Signals): boolean }): void {
  try {
    if (WINDOWS) child.kill('SIGKILL');
    else if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left in the group
  }
}
