// Preloaded into a process the bench measures (`node --import ./test/bench/peakRss.mjs …`): at
// exit, its peak resident set size (the kernel's ru_maxrss, in KiB) is written to
// $IMAGE_TRUST_BENCH_PEAK_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.IMAGE_TRUST_BENCH_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
