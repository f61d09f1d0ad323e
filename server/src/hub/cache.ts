// Facts cache: an LRU map of settled facts with their freshness, plus the lookups in flight so that
// concurrent callers of one key share one set of requests. Never holds anything across a fetch but
// the promise itself.
import { hasData, type ImageFacts } from '../model/facts.js';

export interface CacheEntry {
  facts: ImageFacts;
  /** epoch ms after which the entry is refreshed on the next lookup */
  freshUntil: number;
  /** the last facts that had data, kept to serve stale when a refresh fails */
  lastGood: ImageFacts | null;
}

const DEFAULT_MAX_ENTRIES = 5000;

export class FactsCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<ImageFacts>>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e) {
      // LRU: a read moves the key to the young end
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** The shared lookup for `key`: joins one in flight, else starts `run`. */
  shared(key: string, run: () => Promise<ImageFacts>): Promise<ImageFacts> {
    let p = this.inflight.get(key);
    if (!p) {
      p = run();
      this.inflight.set(key, p);
      const done = () => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      };
      p.then(done, done);
    }
    return p;
  }

  entriesForDisk(): Array<[string, CacheEntry]> {
    return [...this.entries];
  }

  /** What the disk cache keeps: the last good facts of each entry, oldest first. */
  snapshotForDisk(): Array<{ key: string; facts: ImageFacts }> {
    const out: Array<{ key: string; facts: ImageFacts }> = [];
    for (const [key, e] of this.entries) {
      if (e.lastGood && hasData(e.lastGood)) out.push({ key, facts: { ...e.lastGood, stale: false, error: null } });
    }
    return out;
  }

  /** Entries from the disk cache, fresh until their time plus `ttlMs`. */
  restore(records: ReadonlyArray<{ key: string; facts: ImageFacts }>, ttlMs: number): void {
    for (const r of records) {
      if (r.facts.error === null)
        this.set(r.key, { facts: r.facts, freshUntil: r.facts.fetchedAt + ttlMs, lastGood: r.facts });
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
  }
}
