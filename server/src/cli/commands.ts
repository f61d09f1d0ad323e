// The three commands of SPEC §1. Each returns its exit status: 0 done, 1 findings at or above
// --fail-on, 2 bad usage or unreadable input.
import { writeFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import { toFactsJson } from '../model/facts.js';
import { severityRank, toFindingJson, type TextEdit } from '../model/finding.js';
import { LineIndex } from '../model/range.js';
import { toReferenceJson } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { evaluate, pinAllEdits } from '../policy/index.js';
import type { CliOptions } from './args.js';
import { toSarif } from './sarif.js';
import { extractAll, lookupAll, openFactsService } from './session.js';
import { checkBlock, location, scanLine } from './text.js';
import type { WalkProblem } from './walk.js';

export interface Io {
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => number;
  version: string;
}

/** "1 file", "2 files" */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function report(problems: WalkProblem[], io: Io): number {
  for (const p of problems) io.err(`image-trust: ${p.file}: ${p.message}`);
  return problems.some((p) => p.fatal) ? 2 : 0;
}

export async function runScan(options: CliOptions, io: Io): Promise<number> {
  const { files, problems } = await extractAll(options, io.cwd);
  const refs = files.flatMap((f) => f.references);
  if (options.format === 'json') {
    io.out(JSON.stringify({ references: refs.map(toReferenceJson) }, null, 2));
  } else {
    for (const ref of refs) io.out(scanLine(ref));
    io.out(`${count(refs.length, 'reference')} in ${count(files.length, 'file')}`);
  }
  return report(problems, io);
}

export async function runCheck(options: CliOptions, settings: Settings, io: Io): Promise<number> {
  const { files, problems } = await extractAll(options, io.cwd);
  const service = openFactsService(settings, options, (m) => io.err(`image-trust: ${m}`));
  try {
    const factsFor = await lookupAll(service, files);
    const now = io.now();
    const items = files.flatMap((f) =>
      f.references.map((ref) => {
        const facts = ref.skip ? undefined : factsFor(ref);
        return { ref, facts, findings: evaluate(ref, facts, settings, now) };
      }),
    );
    if (options.format === 'json') {
      const references = items.map(({ ref, facts, findings }) => ({
        ...toReferenceJson(ref),
        facts: facts ? toFactsJson(facts) : null,
        findings: findings.map(toFindingJson),
      }));
      io.out(JSON.stringify({ references }, null, 2));
    } else if (options.format === 'sarif') {
      io.out(JSON.stringify(toSarif(items, io.version), null, 2));
    } else {
      for (const { ref, facts, findings } of items) io.out(`${checkBlock(ref, facts, findings, now)}\n`);
      const all = items.flatMap((i) => i.findings);
      const counts = ['error', 'warning', 'information', 'hint']
        .map((s) => [s, all.filter((f) => f.severity === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
      io.out(`${count(items.length, 'reference')} in ${count(files.length, 'file')}; ${count(all.length, 'finding')}${counts.length ? ` (${counts.join(', ')})` : ''}`);
    }
    const status = report(problems, io);
    if (status) return status;
    const failing = items.some((i) => i.findings.some((f) => severityRank(f.severity) >= severityRank(options.failOn)));
    return failing ? 1 : 0;
  } finally {
    await service.dispose();
  }
}

export async function runFix(options: CliOptions, settings: Settings, io: Io): Promise<number> {
  const { files, problems } = await extractAll(options, io.cwd);
  const service = openFactsService(settings, options, (m) => io.err(`image-trust: ${m}`));
  try {
    const factsFor = await lookupAll(service, files);
    let changedFiles = 0;
    let pinned = 0;
    for (const { file, references } of files) {
      const { edits, skipped } = pinAllEdits(references, factsFor);
      for (const ref of skipped) {
        const why = factsFor(ref)?.error?.message ?? ref.noFixReason ?? 'no digest known';
        io.err(`image-trust: ${location(ref)}: not pinned: ${why}`);
      }
      if (!edits.length) continue;
      const next = applyEdits(file.text, edits);
      changedFiles++;
      pinned += edits.length;
      if (options.dryRun) io.out(createTwoFilesPatch(`a/${file.display}`, `b/${file.display}`, file.text, next));
      else await writeFile(file.absolute, next, 'utf8');
    }
    if (!options.dryRun) io.err(`image-trust: pinned ${count(pinned, 'reference')} in ${count(changedFiles, 'file')}`);
    return report(problems, io);
  } finally {
    await service.dispose();
  }
}

/** Applies non-overlapping edits to a text (from the end, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    if (s.end > limit) continue; // overlapping edit: keep the first, never corrupt the file
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}
