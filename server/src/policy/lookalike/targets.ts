// A set of names something may imitate, indexed for "which of these does this name look like?".
import { editBudget, editDistance, skeleton } from './similarity.js';

export type Likeness = 'look-alike characters' | 'typo';

export interface Near<T> {
  target: T;
  /** the target's name */
  name: string;
  how: Likeness;
}

interface Entry<T> {
  name: string;
  /** without separators, characters as written */
  plain: string;
  skeleton: string;
  budget: number;
  value: T;
}

interface TargetOptions {
  /** names shorter than this are matched only by look-alike characters, never by edits */
  minEditLength?: number;
  /** skeleton keeps dots (host names) instead of dropping every separator */
  keep?: 'dots' | 'none';
  /** edits allowed for a target name of this length (default: editBudget) */
  budget?: (length: number) => number;
}

/** One name continues the other by two letters or more (`kubernetes`, `kubernetesui`): a related
 * name, not a slip of the finger. */
function continues(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.length - short.length >= 2 && long.startsWith(short);
}

/** A name without separators, characters as written (dots kept for host names). */
function plain(name: string, keep: TargetOptions['keep']): string {
  return name.toLowerCase().replace(keep === 'dots' ? /[-_]/g : /[-_.]/g, '');
}

/** The two differ by exactly one swap of neighbouring characters. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

export class Targets<T> {
  private readonly names = new Set<string>();
  private readonly bySkeleton = new Map<string, Entry<T>>();
  private readonly entries: Entry<T>[] = [];

  constructor(
    items: Iterable<[name: string, value: T]>,
    private readonly options: TargetOptions = {},
  ) {
    const budgetOf = options.budget ?? editBudget;
    for (const [name, value] of items) {
      if (this.names.has(name)) continue;
      this.names.add(name);
      const entry = {
        name,
        plain: plain(name, options.keep),
        skeleton: skeleton(name, options.keep),
        budget: name.length < (options.minEditLength ?? 0) ? 0 : budgetOf(name.length),
        value,
      };
      this.entries.push(entry);
      // the first one listed wins a shared skeleton (current names are listed before retired ones)
      if (!this.bySkeleton.has(entry.skeleton)) this.bySkeleton.set(entry.skeleton, entry);
    }
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** The target `candidate` imitates, or null. A candidate that is itself a target imitates nothing. */
  near(candidate: string): Near<T> | null {
    if (this.names.has(candidate)) return null;
    const sk = skeleton(candidate, this.options.keep);
    const pl = plain(candidate, this.options.keep);
    const same = this.bySkeleton.get(sk);
    if (same) return { target: same.value, name: same.name, how: 'look-alike characters' };
    let best: { entry: Entry<T>; distance: number } | null = null;
    for (const entry of this.entries) {
      if (entry.budget === 0) {
        // a short name allows one slip only: two neighbours swapped (`ndoe`)
        if (entry.plain.length >= 4 && (swapped(pl, entry.plain) || swapped(sk, entry.skeleton)))
          return { target: entry.value, name: entry.name, how: 'typo' };
        continue;
      }
      if (continues(pl, entry.plain) || continues(sk, entry.skeleton)) continue;
      // folding can hide an edit (`vranish`: its `rn` reads as `m`), so the written form counts too
      const d = Math.min(editDistance(pl, entry.plain, entry.budget), editDistance(sk, entry.skeleton, entry.budget));
      if (d <= entry.budget && (!best || d < best.distance)) best = { entry, distance: d };
    }
    return best ? { target: best.entry.value, name: best.entry.name, how: 'typo' } : null;
  }
}
