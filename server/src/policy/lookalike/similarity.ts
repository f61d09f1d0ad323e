// How alike two names are, the way a hurried reader or a typosquatter sees them: characters that
// look the same (0/o, 1/l/i, rn/m, vv/w), separators that are easy to drop or swap (- _ .), and
// small edits (a letter added, dropped, replaced, or two neighbours swapped).

/** Look-alike sequences, folded to one representative each. Longer sequences first. */
const FOLDS: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/0/g, 'o'],
  [/[1i]/g, 'l'],
];

/** A name with look-alike characters folded and, unless `keep` says otherwise, separators
 * dropped: two names with one skeleton read the same at a glance. */
export function skeleton(name: string, keep: 'separators' | 'dots' | 'none' = 'none'): string {
  let s = name.toLowerCase();
  if (keep === 'none') s = s.replace(/[-_.]/g, '');
  else if (keep === 'dots') s = s.replace(/[-_]/g, '');
  for (const [from, to] of FOLDS) s = s.replace(from, to);
  return s;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), or `max + 1`
 * as soon as it is certain to exceed `max` (callers only care about small distances). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[b.length] as number;
  return d > max ? max + 1 : d;
}

/** How many edits a name of this length may be away from a target and still read as it. Short
 * names get none: `node` is one letter from `code`, `nodes` and `mode`, all legitimate names. */
export function editBudget(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}

/** A trailing version (`python3`, `tomcat11`, `ubuntu14.04`, `mysql-8`): what is left is the
 * name it versions. Returns the name unchanged when nothing meaningful would be left. */
export function withoutVersion(name: string): string {
  const base = name.replace(/[-_.]?v?\d+(?:[-_.]\d+)*$/, '');
  return base.length >= 2 ? base : name;
}
