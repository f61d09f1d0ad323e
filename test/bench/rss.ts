// Figure 4: resident memory of the server process with the 10,000-reference YAML open, offline (no
// network: every lookup is answered "offline" from an empty cache).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubernetesYaml } from './generate.js';
import { ServerProcess } from './lspProcess.js';

export interface RssFigures {
  /** right when the settled diagnostics arrived (V8 has not given back the heap it grew yet) */
  rssMb: number | null;
  /** the document still open, the server idle for IDLE_MS: V8's memory reducer may have run by then */
  idleMb: number | null;
  peakMb: number | null;
  baselineMb: number | null;
  diagnostics: number;
  publications: number;
}

/** How long the server is left idle with the document open before the steady-state reading. V8's
 * memory reducer gives back heap some seconds after the work ends. */
export const IDLE_MS = 20_000;

export async function measureRss(serverJs: string): Promise<RssFigures> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'image-trust-bench-rss-'));
  const server = await ServerProcess.start(
    serverJs,
    { settings: {}, cacheDir, offline: true },
    { ...process.env, XDG_CACHE_HOME: cacheDir },
  );
  try {
    const baselineMb = server.rssMb();
    const uri = 'file:///bench/deploy.yaml';
    await server.open(uri, 'yaml', kubernetesYaml(10_000));
    // the first publication comes from the (empty) cache; the offline answers to the lookups it
    // started come back as a refresh: wait for that one, so the figure includes every fact held
    const first = await server.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const settled = await server.waitForDiagnostics(uri, (p) => p !== first && p.diagnostics.length > 0);
    const rssMb = server.rssMb();
    let peakMb = rssMb;
    const end = Date.now() + IDLE_MS;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 500));
      const now = server.rssMb();
      if (now !== null && (peakMb === null || now > peakMb)) peakMb = now;
    }
    return {
      rssMb,
      idleMb: server.rssMb(),
      peakMb,
      baselineMb,
      diagnostics: settled.diagnostics.length,
      publications: server.published.length,
    };
  } finally {
    await server.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
