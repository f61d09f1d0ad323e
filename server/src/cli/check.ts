// `image-trust check`: references, live facts and findings. A CI gate fails closed (SPEC §1): when
// no finding reached --fail-on but some reference could not be checked (a lookup that failed, in
// full or in part) or some recognised file could not be read completely, the run cannot vouch for
// everything it was given — exit status 3, with one stderr line saying how many and why
// (--allow-incomplete: 0).
import { toFactsJson, type ImageFacts } from '../model/facts.js';
import { severityRank, toFindingJson, type Finding } from '../model/finding.js';
import { toReferenceJson, type ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { evaluate } from '../policy/index.js';
import type { CliOptions } from './args.js';
import { count, incompleteFiles, reportProblems, tally } from './commands.js';
import type { Io, Output } from './output.js';
import { toSarif } from './sarif.js';
import { withLookups, type OpenFacts } from './session.js';
import { checkBlock, pullBudget } from './text.js';

interface Item {
  ref: ImageReference;
  facts: ImageFacts | undefined;
  findings: Finding[];
}

/** Why a reference could not be checked, or null when it was. The same condition as the
 * `lookup-failed` finding, asked of policy with that rule on, whatever its severity setting. */
function uncheckedBecause(item: Item, settings: Settings, now: number): string | null {
  const { ref, facts } = item;
  if (ref.skip) return null;
  if (!facts) return 'no answer';
  const failed =
    settings.rules['lookup-failed'] === 'off'
      ? evaluate(ref, facts, { ...settings, rules: { ...settings.rules, 'lookup-failed': 'hint' } }, now).some(
          (f) => f.code === 'lookup-failed',
        )
      : item.findings.some((f) => f.code === 'lookup-failed');
  if (!failed) return null;
  return facts.error ? facts.error.kind : `partly ${facts.partial?.kind ?? 'failed'}`;
}

export async function runCheck(
  options: CliOptions,
  settings: Settings,
  io: Io,
  out: Output,
  openFacts: OpenFacts,
): Promise<number> {
  return withLookups(
    options,
    settings,
    io.cwd,
    openFacts,
    (m) => out.error(m),
    async ({ files, problems, factsFor }) => {
      const now = io.now();
      const items: Item[] = files.flatMap((f) =>
        f.references.map((ref) => {
          const facts = ref.skip ? undefined : factsFor(ref);
          return { ref, facts, findings: evaluate(ref, facts, settings, now) };
        }),
      );
      const unchecked = items.map((i) => uncheckedBecause(i, settings, now)).filter((w): w is string => w !== null);
      const incomplete = [
        unchecked.length ? `${count(unchecked.length, 'reference')} could not be checked (${tally(unchecked)})` : null,
        incompleteFiles(problems),
        unusedLists(settings),
      ].filter((s): s is string => s !== null);

      if (options.format === 'json') {
        out.json({
          references: items.map(({ ref, facts, findings }) => ({
            ...toReferenceJson(ref),
            facts: facts ? toFactsJson(facts) : null,
            findings: findings.map(toFindingJson),
          })),
        });
      } else if (options.format === 'sarif') {
        out.json(toSarif(items, io.version));
      } else {
        for (const { ref, facts, findings } of items) out.lines([...checkBlock(ref, facts, findings, now), '']);
        const all = items.flatMap((i) => i.findings);
        const counts = ['error', 'warning', 'information', 'hint']
          .map((s) => [s, all.filter((f) => f.severity === s).length] as const)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}`);
        const summary = `${count(items.length, 'reference')} in ${count(files.length, 'file')}; ${count(all.length, 'finding')}${counts.length ? ` (${counts.join(', ')})` : ''}`;
        const budget = pullBudget(items);
        out.line([summary, ...incomplete, ...(budget ? [budget] : [])].join('; '));
      }
      const unreadable = reportProblems(problems, out);
      const failing = items.some((i) =>
        i.findings.some((f) => severityRank(f.severity) >= severityRank(options.failOn)),
      );
      const status = unreadable ? 2 : failing ? 1 : incomplete.length && !options.allowIncomplete ? 3 : 0;
      if (incomplete.length) {
        const note =
          status === 3
            ? ' (exit status 3; --allow-incomplete accepts this)'
            : options.allowIncomplete && status === 0
              ? ' (accepted: --allow-incomplete)'
              : '';
        out.error(`incomplete: ${incomplete.join('; ')}${note}`);
      }
      return status;
    },
  );
}

/** A known-malicious list that could not be used in full: no reference was checked against what
 * it holds, so the check is incomplete, whatever else it found (why is on its own warning line). */
function unusedLists(settings: Settings): string | null {
  const { unused } = settings.knownMalicious;
  if (unused.length === 0) return null;
  return `${count(unused.length, 'known-malicious list')} could not be used completely (${unused.join(', ')})`;
}
