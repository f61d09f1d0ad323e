// Small statistics for the benchmark: medians, percentiles, and interleaved A/B timing.
import { performance } from 'node:perf_hooks';

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // nearest-rank: p99 of 1,000 samples is the 990th smallest
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export interface PairTiming {
  /** per-run wall times of A and B (ms) */
  a: number[];
  b: number[];
  /** median over runs of (A ÷ B) for the runs made back to back */
  ratio: number;
}

/**
 * Times `a` and `b` `runs` times each after `warmup` untimed runs of both, alternating which goes
 * first, so drift in machine load (GC, other processes, CPU frequency) hits both alike. Each
 * result is passed to `sink` so the work cannot be optimised away.
 */
export function interleave(
  a: () => unknown,
  b: () => unknown,
  opts: { warmup: number; runs: number; sink?: (v: unknown) => void },
): PairTiming {
  const sink = opts.sink ?? (() => {});
  for (let i = 0; i < opts.warmup; i++) {
    sink(a());
    sink(b());
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  const time = (f: () => unknown): number => {
    const t0 = performance.now();
    sink(f());
    return performance.now() - t0;
  };
  for (let i = 0; i < opts.runs; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = time(a);
      y = time(b);
    } else {
      y = time(b);
      x = time(a);
    }
    ta.push(x);
    tb.push(y);
    ratios.push(x / y);
  }
  return { a: ta, b: tb, ratio: median(ratios) };
}
