// One memo for the hub's small caches (badges, tokens, credentials, what a registry host wants for
// auth): a bounded LRU of settled values with a time to live per value, plus the computations in
// flight, so that concurrent callers of one key share one request. A rejection is shared by the
// callers waiting on it and never cached: the next call tries again. Nothing is held across a fetch
// but the promise itself.

interface MemoOptions<V> {
  /** LRU bound: the least recently used key goes first */
  maxEntries: number;
  /** how long a settled value stays, in ms (Infinity: until evicted or cleared) */
  ttlMs: (value: V) => number;
  now: () => number;
}

export class Memo<K, V> {
  private readonly values = new Map<K, { value: V; expiresAt: number }>();
  private readonly inflight = new Map<K, Promise<V>>();
  /** bumped by clear(): a computation started before it must not store its result after it */
  private generation = 0;

  constructor(private readonly o: MemoOptions<V>) {}

  /** The value for `key`: cached, joined in flight, or computed now. */
  get(key: K, compute: () => Promise<V>): Promise<V> {
    const cached = this.peek(key);
    if (cached !== undefined) return Promise.resolve(cached.value);
    const running = this.inflight.get(key);
    if (running) return running;
    const generation = this.generation;
    const p = compute().then((value) => {
      if (generation === this.generation) this.set(key, value);
      return value;
    });
    this.inflight.set(key, p);
    const done = () => {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    };
    p.then(done, done);
    return p;
  }

  /** The cached value (boxed, so that a cached `undefined` or `null` is still a hit), without computing. */
  peek(key: K): { value: V } | undefined {
    const e = this.values.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.o.now()) {
      this.values.delete(key);
      return undefined;
    }
    // LRU: a read moves the key to the young end
    this.values.delete(key);
    this.values.set(key, e);
    return { value: e.value };
  }

  set(key: K, value: V): void {
    const ttl = this.o.ttlMs(value);
    this.values.delete(key);
    if (!(ttl > 0)) return;
    this.values.set(key, { value, expiresAt: this.o.now() + ttl });
    while (this.values.size > this.o.maxEntries) {
      const oldest = this.values.keys().next().value as K;
      this.values.delete(oldest);
    }
  }

  clear(): void {
    this.generation++;
    this.values.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.values.size;
  }
}
