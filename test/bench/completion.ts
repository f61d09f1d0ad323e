// Extra rows (not SPEC §6 figures): the latency of a tag completion request (after `name:`) over
// the protocol, against the real server process and the sandbox. Cold: the first completion for a
// repository, whose tag list the hub fetches (from the bench's fake Docker Hub, as for docker.io
// images); warm: the same completions again, answered from the cached tag lists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sandbox } from '../harness/sandbox.js';
import { pushBenchImages } from './benchImages.js';
import { ServerProcess } from './lspProcess.js';
import { quantile } from './stats.js';

export interface CompletionFigures {
  coldP50Ms: number;
  coldP99Ms: number;
  warmP50Ms: number;
  warmP99Ms: number;
  repositories: number;
  warm: number;
}

export async function measureCompletion(
  sb: Sandbox,
  serverJs: string,
  opts: { repositories: number; warm: number },
): Promise<CompletionFigures> {
  const bench = await pushBenchImages(sb, opts.repositories);
  const cacheDir = mkdtempSync(join(tmpdir(), 'image-trust-bench-completion-'));
  const server = await ServerProcess.start(
    serverJs,
    { settings: bench.config, cacheDir, offline: false },
    { ...process.env, XDG_CACHE_HOME: cacheDir },
  );
  try {
    const uri = 'file:///bench/Dockerfile';
    const lines = bench.repositories.map((r, i) => `FROM docker.io/${r}: AS s${i}`);
    await server.open(uri, 'dockerfile', `${lines.join('\n')}\n`);
    const ask = async (i: number): Promise<number> => {
      const character = `FROM docker.io/${bench.repositories[i]}:`.length;
      const t0 = performance.now();
      const r = await server.completion(uri, i, character);
      const ms = performance.now() - t0;
      const items = Array.isArray(r) ? r : (r?.items ?? []);
      // every pushed repository has exactly the tag `1`: anything else timed something else
      if (!items.some((it) => it.label === '1'))
        throw new Error(
          `completion for ${bench.repositories[i]} offered ${JSON.stringify(items.map((it) => it.label))}`,
        );
      return ms;
    };
    const cold: number[] = [];
    for (let i = 0; i < lines.length; i++) cold.push(await ask(i));
    const warm: number[] = [];
    for (let k = 0; k < opts.warm; k++) warm.push(await ask(k % lines.length));
    return {
      coldP50Ms: quantile(cold, 0.5),
      coldP99Ms: quantile(cold, 0.99),
      warmP50Ms: quantile(warm, 0.5),
      warmP99Ms: quantile(warm, 0.99),
      repositories: lines.length,
      warm: warm.length,
    };
  } finally {
    await server.stop();
    await bench.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
