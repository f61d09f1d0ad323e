// Figures bigListRatioVsYamlParse and bigListPeakRssMb: a 36 MB Kubernetes List (one YAML document,
// 400,000 image references, as `kubectl get -o yaml` writes one) extracted, against the bare
// `yaml` parse of it, each run in a fresh process (bigListChild.ts), interleaved; and the peak RSS
// of `image-trust scan` reading it (the kernel's figure for the process, via peakRss.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kubernetesList } from './generate.js';
import { median } from './stats.js';

export const BIG_LIST_REFERENCES = 400_000;

export interface BigListFigures {
  bytes: number;
  references: number;
  ratio: number;
  extractMs: number;
  parseMs: number;
  extractCpuMs: number;
  parseCpuMs: number;
  runs: number;
  peakRssMb: number | null;
  scanMs: number | null;
  scanNote: string | null;
}

const HERE = resolve(__dirname);

function child(mode: 'extract' | 'parse', file: string): { ms: number; cpuMs: number; references: number | null } {
  // the bare parse holds the whole node tree: give it room (the extraction never needs it)
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', join(HERE, 'bigListChild.ts'), mode, file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0)
    throw new Error(`${mode} run failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    cpuMs: number;
    references: number | null;
  };
}

export function measureBigList(cliJs: string | null, opts: { runs: number }): BigListFigures {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-bench-list-'));
  try {
    const file = join(dir, 'all.yaml');
    const text = kubernetesList(BIG_LIST_REFERENCES);
    writeFileSync(file, text);
    const extract: number[] = [];
    const parse: number[] = [];
    const extractCpu: number[] = [];
    const parseCpu: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      // alternate which goes first, so that drift in load hits both alike
      const [e, p] =
        i % 2 === 0
          ? [child('extract', file), child('parse', file)]
          : ((p0) => [child('extract', file), p0])(child('parse', file));
      if (e.references !== BIG_LIST_REFERENCES)
        throw new Error(`extraction found ${e.references} references, not ${BIG_LIST_REFERENCES}`);
      extract.push(e.ms);
      parse.push(p.ms);
      extractCpu.push(e.cpuMs);
      parseCpu.push(p.cpuMs);
      ratios.push(e.ms / p.ms);
    }
    let peakRssMb: number | null = null;
    let scanMs: number | null = null;
    let scanNote: string | null = null;
    if (cliJs) {
      const peakFile = join(dir, 'peak');
      const t0 = Date.now();
      const r = spawnSync(
        process.execPath,
        ['--import', pathToFileURL(join(HERE, 'peakRss.mjs')).href, cliJs, 'scan', 'all.yaml'],
        { cwd: dir, stdio: 'ignore', env: { ...process.env, IMAGE_TRUST_BENCH_PEAK_FILE: peakFile } },
      );
      scanMs = Date.now() - t0;
      if (r.status === 0) peakRssMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
      else scanNote = `scan exited ${r.status}`;
    } else {
      scanNote = 'no dist/cli.js';
    }
    return {
      bytes: Buffer.byteLength(text),
      references: BIG_LIST_REFERENCES,
      ratio: median(ratios),
      extractMs: median(extract),
      parseMs: median(parse),
      extractCpuMs: median(extractCpu),
      parseCpuMs: median(parseCpu),
      runs: opts.runs,
      peakRssMb,
      scanMs,
      scanNote,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
