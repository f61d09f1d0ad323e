// Facts for many references at once: each distinct image is looked up once (the service dedupes
// in-flight lookups too), all in parallel; the answer is keyed by lookupKey. The one way the views
// (code actions, pin all, the CLI) gather facts for a set of references.
import type { ImageFacts } from '../model/facts.js';
import { lookupKey } from '../model/reference.js';
import type { FactsService, LookupTarget } from './types.js';

export interface LookupManyOptions {
  /** the wait ends when this aborts (the shared lookups go on and fill the cache) */
  signal?: AbortSignal;
  /** answer from cache, even expired, where there is anything (no wait); look up only misses */
  preferCached?: boolean;
}

/** Targets without a registry or repository (skipped references) are left out. */
export async function lookupMany(
  service: Pick<FactsService, 'lookup' | 'peek'>,
  targets: Iterable<LookupTarget & { skip?: unknown }>,
  options: LookupManyOptions = {},
): Promise<Map<string, ImageFacts | undefined>> {
  const out = new Map<string, ImageFacts | undefined>();
  const pending: Array<Promise<void>> = [];
  for (const t of targets) {
    if (t.skip || !t.registry || !t.repository) continue;
    const key = lookupKey(t);
    if (out.has(key)) continue;
    const cached = options.preferCached ? service.peek(t) : undefined;
    out.set(key, cached);
    if (!cached) pending.push(service.lookup(t, options.signal).then((f) => void out.set(key, f)));
  }
  await Promise.all(pending);
  return out;
}
