// Registry credentials, looked up per registry host: the editor's Docker Hub credentials (for
// docker.io, preferred), then ~/.docker/config.json (`credHelpers`, `credsStore`, `auths`).
// Credentials are kept in memory only, never logged, never written anywhere.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { canonicalRegistry } from './transport.js';

export interface Credentials {
  username: string;
  password: string;
}

/** Runs `docker-credential-<helper> get` with `serverUrl` on stdin; its stdout, or null on failure. */
export type HelperRunner = (helper: string, serverUrl: string) => Promise<string | null>;

export interface CredentialOptions {
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

export function defaultDockerConfigPath(): string {
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

export class CredentialStore {
  private config: Promise<DockerConfig> | null = null;
  private readonly resolved = new Map<string, Promise<Credentials | null>>();

  constructor(private readonly o: CredentialOptions) {}

  /** Credentials for a registry host (docker.io aliases folded), or null. */
  forHost(host: string): Promise<Credentials | null> {
    const key = canonicalRegistry(host);
    let p = this.resolved.get(key);
    if (!p) {
      p = this.lookup(key).catch(() => null);
      this.resolved.set(key, p);
    }
    return p;
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
      for (const [k, v] of Object.entries(r.credHelpers)) if (typeof v === 'string') empty.credHelpers.set(registryKey(k), v);
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

/** Spawns the helper without a shell (the name is validated), 5 s timeout, capped output. */
export const runCredentialHelper: HelperRunner = (helper, serverUrl) =>
  new Promise((resolve) => {
    if (!isValidHelperName(helper)) return resolve(null);
    let out = '';
    let child;
    try {
      child = spawn(`docker-credential-${helper}`, ['get'], { timeout: HELPER_TIMEOUT_MS, stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return resolve(null);
    }
    child.on('error', () => resolve(null));
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < HELPER_MAX_OUTPUT) out += d.toString('utf8');
    });
    child.on('close', (code) => resolve(code === 0 ? out : null));
    child.stdin.on('error', () => {});
    child.stdin.end(serverUrl);
  });
