// One timed run for the big-list figure, in a process of its own (each run starts with an empty
// heap; the bare parse of 36 MB needs several GB): `extract` or `parse` the file given, print
// {"ms": wall time, "cpuMs": this process's CPU time, "references": n} for the call alone.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { extractFile } from '../../server/src/extract/index.js';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'extract' && mode !== 'parse') || !file) throw new Error('usage: bigListChild.ts extract|parse FILE');
const text = readFileSync(file, 'utf8');
const t0 = performance.now();
const cpu = process.cpuUsage();
const result = mode === 'extract' ? extractFile('all.yaml', text).references.length : parseAllDocuments(text).length;
const used = process.cpuUsage(cpu);
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, references: mode === 'extract' ? result : null })}\n`,
);
