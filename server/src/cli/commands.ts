// What the three commands of SPEC §1 share, and `scan`. Each command returns its exit status: 0
// done, 1 findings at or above --fail-on, 2 bad usage or unreadable input, 3 (check) incomplete.
import { toReferenceJson } from '../model/reference.js';
import type { CliOptions } from './args.js';
import type { Output } from './output.js';
import { extractAll } from './session.js';
import { scanLine } from './text.js';
import type { InputProblem } from './walk.js';

/** "1 file", "2 files" */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "offline: 2, network: 1" — how many of each, most first. */
export function tally(whys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const w of whys) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([w, n]) => `${w}: ${n}`)
    .join(', ');
}

/** Prints every problem (one line each) and returns whether input was unreadable (exit status 2). */
export function reportProblems(problems: readonly InputProblem[], out: Output): boolean {
  for (const p of problems) out.error(`${p.file}${p.at ?? ''}: ${p.message}`);
  return problems.some((p) => p.kind === 'unreadable');
}

/** "1 file could not be read completely (not a regular file: 1)", or null. */
export function incompleteFiles(problems: readonly InputProblem[]): string | null {
  const byFile = new Map<string, string>();
  for (const p of problems)
    if (p.kind === 'incomplete' && !byFile.has(p.file)) byFile.set(p.file, p.why ?? 'a problem in the file');
  if (!byFile.size) return null;
  return `${count(byFile.size, 'file')} could not be read completely (${tally([...byFile.values()])})`;
}

export async function runScan(options: CliOptions, out: Output, cwd: string): Promise<number> {
  const { files, problems } = await extractAll(options, cwd);
  const refs = files.flatMap((f) => f.references);
  if (options.format === 'json') {
    out.json({ references: refs.map(toReferenceJson) });
  } else {
    for (const ref of refs) out.line(scanLine(ref));
    const unread = incompleteFiles(problems);
    out.line(`${count(refs.length, 'reference')} in ${count(files.length, 'file')}${unread ? `; ${unread}` : ''}`);
  }
  return reportProblems(problems, out) ? 2 : 0;
}
