// Shared by run.ts (outside the host) and the suites (inside it): what the sandbox seeded, how results
// come back, and small helpers that wait for events instead of sleeping.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SeededInfo {
  repository: string;
  digest: string;
  tags: string[];
  /** a multi-arch index's platforms (`os/arch[/variant]`) with their digests */
  platforms?: Array<{ platform: string; digest: string }>;
}

export interface SandboxInfo {
  registryHost: string;
  nginx: SeededInfo;
  redis: SeededInfo;
  staleTool: SeededInfo;
  secret: SeededInfo;
  teamApp: SeededInfo;
  /** team/app:1.1, pushed after seeding: the newest on 1.0's track */
  teamAppNewer: SeededInfo;
  /** acme/signed:bundle-good: keyless-signed by the acme workflow (signed/Dockerfile names it) */
  signedBundleGood: SeededInfo;
  credentials: { username: string; token: string };
}

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  tests: Array<{ title: string; state: 'passed' | 'failed' | 'skipped'; error?: string; ms?: number }>;
}

export const EXTENSION_ID = 'image-trust.image-trust';

/** The sandbox seen from inside the host; undefined when run.ts could not start it. */
export function sandbox(): SandboxInfo | undefined {
  const raw = process.env.IMAGE_TRUST_SANDBOX;
  return raw ? (JSON.parse(raw) as SandboxInfo) : undefined;
}

/** Resolves with the first value for which `pick` returns something, or rejects after `ms`. */
export function waitFor<E, T>(
  subscribe: (listener: (e: E) => void) => { dispose(): void },
  pick: (e: E | undefined) => T | undefined,
  ms: number,
  what: string,
): Promise<T> {
  const now = pick(undefined);
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = subscribe((e) => {
      const v = pick(e);
      if (v === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

/** Asks the code-server shim for a screenshot of the workbench (docs/screenshots/<name>) and waits
 * until it is written. A no-op unless run.ts was started with --screenshots on the code-server host. */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.VSCODE_HOST_SCREENSHOT_DIR;
  if (!process.env.IMAGE_TRUST_SCREENSHOTS || !dir) return;
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  const written = new Promise<void>((resolve, reject) => {
    const watcher = fs.watch(dir, () => {
      if (!fs.existsSync(done)) return;
      watcher.close();
      clearTimeout(timer);
      fs.rmSync(done, { force: true });
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`screenshot ${name} was not written`));
    }, 15000);
  });
  console.log(`[vscode-host:screenshot] ${name}`);
  await written;
}
