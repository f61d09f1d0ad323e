// Figure 2: warm hover latency over the protocol, against the real server process and the sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sandbox } from '../harness/sandbox.js';
import { ServerProcess } from './lspProcess.js';
import { quantile } from './stats.js';

export interface HoverFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  hovers: number;
  references: number;
  warmup: number;
}

/** A Compose file naming every kind of seeded image; returns the hover positions (mid-reference). */
function composeDocument(sb: Sandbox): {
  text: string;
  positions: Array<{ line: number; character: number; expect: string }>;
} {
  const images: Array<[string, string]> = [
    ['nginx:1.27', sb.seed.nginx.digest],
    ['python:3.12', sb.seed.python.digest],
    ['python:3.12-slim', sb.seed.pythonSlim.digest],
    ['alpine:3.19', sb.seed.alpine.digest],
    ['bitnami/redis:7.2', sb.seed.redis.digest],
    ['grafana/grafana:11.0.0', sb.seed.grafana.digest],
    ['acme/notary-app:2.0', sb.seed.notaryApp.digest],
    ['someone/stale-tool:0.1', sb.seed.staleTool.digest],
    [`${sb.registryHost}/team/app:1.0`, sb.seed.teamApp.digest],
  ];
  const lines = ['services:'];
  const positions: Array<{ line: number; character: number; expect: string }> = [];
  images.forEach(([image, digest], i) => {
    lines.push(`  s${i}:`);
    const prefix = '    image: ';
    positions.push({ line: lines.length, character: prefix.length + Math.floor(image.length / 2), expect: digest });
    lines.push(prefix + image);
  });
  return { text: lines.join('\n') + '\n', positions };
}

export async function measureHover(
  sb: Sandbox,
  serverJs: string,
  opts: { hovers: number; warmup: number },
): Promise<HoverFigures> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'image-trust-bench-hover-'));
  const server = await ServerProcess.start(
    serverJs,
    { settings: sb.config, cacheDir, offline: false },
    { ...process.env, XDG_CACHE_HOME: cacheDir },
  );
  try {
    const uri = 'file:///bench/compose.yaml';
    const doc = composeDocument(sb);
    await server.open(uri, 'dockercompose', doc.text);
    await server.waitForDiagnostics(uri);
    // Warm the facts cache: the first hover on each reference waits for its lookup. Every one must
    // show the digest the sandbox seeded, or the figure would time something else.
    for (const p of doc.positions) {
      const h = await server.hover(uri, p.line, p.character);
      const text = JSON.stringify(h?.contents ?? null);
      if (!text.includes(p.expect))
        throw new Error(
          `warm-up hover at ${p.line}:${p.character} has no facts (wanted ${p.expect.slice(0, 19)}…): ${text.slice(0, 300)}`,
        );
    }
    const times: number[] = [];
    for (let i = 0; i < opts.warmup + opts.hovers; i++) {
      const p = doc.positions[i % doc.positions.length];
      if (!p) continue;
      const t0 = performance.now();
      const h = await server.hover(uri, p.line, p.character);
      const ms = performance.now() - t0;
      if (!h) throw new Error(`hover ${i} returned null`);
      if (i >= opts.warmup) times.push(ms);
    }
    return {
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      maxMs: Math.max(...times),
      hovers: times.length,
      references: doc.positions.length,
      warmup: opts.warmup,
    };
  } finally {
    await server.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
