// Which known-malicious entry, if any, a reference hits: its digest (written, or what the tag
// resolved to, or a platform's), its repository or its namespace — most specific first, the
// product's list before the user's.
import builtinFile from '../../../data/known-malicious.json';
import type { ImageFacts } from '../../model/facts.js';
import { canonicalRegistry } from '../../model/imageName.js';
import type { ImageReference } from '../../model/reference.js';
import { parseMaliciousData, type MaliciousEntry } from './list.js';

export const BUILTIN_LIST = 'built-in';

function builtinEntries(): MaliciousEntry[] {
  const { entries, problems } = parseMaliciousData(builtinFile, BUILTIN_LIST);
  // the shipped list is ours: a bad entry is a build error, not something to skip quietly
  if (problems.length)
    throw new Error(`server/data/known-malicious.json: ${problems.map((p) => p.message).join('; ')}`);
  return entries;
}

export const BUILTIN_ENTRIES: readonly MaliciousEntry[] = builtinEntries();

type Index = Map<string, MaliciousEntry>;

const key = (match: MaliciousEntry['match'], value: string): string => `${match} ${value}`;

function buildIndex(entries: readonly MaliciousEntry[]): Index {
  const index: Index = new Map();
  for (const e of entries) if (!index.has(key(e.match, e.value))) index.set(key(e.match, e.value), e);
  return index;
}

const BUILTIN_INDEX = buildIndex(BUILTIN_ENTRIES);
/** user lists are indexed once per loaded settings object, not once per reference */
const userIndexes = new WeakMap<readonly MaliciousEntry[], Index>();

function userIndex(entries: readonly MaliciousEntry[]): Index {
  let index = userIndexes.get(entries);
  if (!index) userIndexes.set(entries, (index = buildIndex(entries)));
  return index;
}

/** The digests a reference pulls or may pull, as far as they are known. */
function digestsOf(ref: ImageReference, facts: ImageFacts | undefined): string[] {
  const out = ref.digest ? [ref.digest] : [];
  if (facts) {
    if (facts.digest) out.push(facts.digest);
    if (facts.signedDigest) out.push(facts.signedDigest);
    for (const p of facts.platforms ?? []) out.push(p.digest);
  }
  return out;
}

export function findMalicious(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  userEntries: readonly MaliciousEntry[],
): MaliciousEntry | null {
  const indexes = userEntries.length ? [BUILTIN_INDEX, userIndex(userEntries)] : [BUILTIN_INDEX];
  const keys = digestsOf(ref, facts).map((d) => key('digest', d));
  if (ref.registry && ref.repository) {
    const registry = canonicalRegistry(ref.registry);
    keys.push(key('repository', `${registry}/${ref.repository}`));
    keys.push(key('namespace', `${registry}/${ref.repository.split('/')[0]}`));
  }
  for (const k of keys) {
    for (const index of indexes) {
      const hit = index.get(k);
      if (hit) return hit;
    }
  }
  return null;
}
