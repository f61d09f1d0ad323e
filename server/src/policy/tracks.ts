// Version tracks of tags: `1.27.3` is on the track `1.27.*`, `3.12-slim` on `3.*-slim`. Only the
// last written number moves; every other number, the prefix (`v`) and the variant suffix (`-slim`,
// `-alpine3.20`) stay as written. So an update stays within the precision the author chose.

interface VersionTag {
  tag: string;
  /** what comes before the numbers, e.g. `v` */
  prefix: string;
  numbers: number[];
  /** what comes after the numbers, e.g. `-slim` (empty when none) */
  suffix: string;
}

// an optional `v`, then numbers separated by dots, then a suffix that does not start with
// a digit or a dot (so `1.2.3.4` is four numbers, `3.12-slim` two numbers and `-slim`)
const VERSION = /^([vV]?)(\d+(?:\.\d+)*)((?:[-_+][\w.+-]*)?)$/;

/** A tag read as a version, or null when it is not one (`latest`, `bookworm`, `sha256-…`). */
export function parseVersionTag(tag: string): VersionTag | null {
  const m = VERSION.exec(tag);
  if (!m) return null;
  const numbers = (m[2] as string).split('.').map(Number);
  // a number that long is a date or a build id, not a version component we can order safely
  if (numbers.some((n) => !Number.isSafeInteger(n)) || numbers.length > 4) return null;
  return { tag, prefix: m[1] as string, numbers, suffix: m[3] as string };
}

/** Same prefix, suffix and precision, and every number but the last equal. */
function sameTrack(a: VersionTag, b: VersionTag): boolean {
  if (a.prefix !== b.prefix || a.suffix !== b.suffix || a.numbers.length !== b.numbers.length) return false;
  return a.numbers.slice(0, -1).every((n, i) => n === b.numbers[i]);
}

/** The newest tag on `current`'s track that is newer than it, or null. Ties in number (`1.27.05`
 * vs `1.27.5`) go to the shorter spelling, for a stable answer. */
export function newestInTrack(current: string, candidates: Iterable<string>): string | null {
  const cur = parseVersionTag(current);
  if (!cur) return null;
  const last = (v: VersionTag) => v.numbers[v.numbers.length - 1] as number;
  let best: VersionTag | null = null;
  for (const name of candidates) {
    const v = parseVersionTag(name);
    if (!v || !sameTrack(cur, v) || last(v) <= last(cur)) continue;
    if (!best || last(v) > last(best) || (last(v) === last(best) && v.tag.length < best.tag.length)) best = v;
  }
  return best?.tag ?? null;
}
