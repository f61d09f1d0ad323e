// Starts a real distribution 2.8 registry (Debian `docker-registry`) as a child process with a generated
// config: absolute paths, a free loopback port, token auth against our token server, deletes enabled.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const REGISTRY_SERVICE = 'image-trust-sandbox';
export const TOKEN_ISSUER = 'image-trust-sandbox-issuer';

/** Missing tools, or undefined when everything needed is installed. */
export function missingTools(): string | undefined {
  const missing = ['docker-registry', 'openssl'].filter(
    (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0,
  );
  return missing.length ? `not installed: ${missing.join(', ')} (apt-get install docker-registry openssl)` : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Self-signed P-256 issuer certificate for the token server (openssl; node:crypto cannot make certs). */
export function makeIssuerCert(dir: string): { keyPem: string; certPem: string; certPath: string } {
  const keyPath = join(dir, 'issuer-key.pem');
  const certPath = join(dir, 'issuer-cert.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-subj',
      `/CN=${TOKEN_ISSUER}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { keyPem: readFileSync(keyPath, 'utf8'), certPem: readFileSync(certPath, 'utf8'), certPath };
}

export interface RegistryProcess {
  url: string; // http://127.0.0.1:PORT
  host: string; // 127.0.0.1:PORT
  pid: number;
  logPath: string;
  stop(): Promise<void>;
}

export async function startRegistry(opts: {
  dir: string;
  tokenRealm: string;
  certPath: string;
}): Promise<RegistryProcess> {
  const port = await freePort();
  const dataDir = join(opts.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  // YAML is a superset of JSON, so a JSON config needs no YAML writer.
  const config = {
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: dataDir },
      delete: { enabled: true },
      cache: { blobdescriptor: 'inmemory' },
    },
    http: { addr: `127.0.0.1:${port}`, secret: 'image-trust-sandbox-only' },
    auth: {
      token: { realm: opts.tokenRealm, service: REGISTRY_SERVICE, issuer: TOKEN_ISSUER, rootcertbundle: opts.certPath },
    },
  };
  const configPath = join(opts.dir, 'registry.yml');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const logPath = join(opts.dir, 'registry.log');
  const logFd = openSync(logPath, 'a');
  const child: ChildProcess = spawn('docker-registry', ['serve', configPath], {
    stdio: ['ignore', logFd, logFd],
    cwd: opts.dir,
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let early: string | undefined;
  child.once('exit', (code, signal) => {
    early = `docker-registry exited early (${code ?? signal})`;
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (early) throw new Error(`${early}: ${readFileSync(logPath, 'utf8').slice(-2000)}`);
    const status = await fetch(`${url}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`registry did not answer on ${url} (last status ${status})`);
    }
    await new Promise((r) => setTimeout(r, 5)); // polling a child process's port: there is no event to wait for
  }
  return { url, host: `127.0.0.1:${port}`, pid: child.pid ?? -1, logPath, stop };
}
