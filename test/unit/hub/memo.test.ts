// The one memo (hub/memo.ts) that badges, tokens, credentials and the registry probe share.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Memo } from '../../../server/src/hub/memo.js';
import { Clock } from './support.js';

function memo(clock = new Clock(), maxEntries = 3, ttlMs = (v: string) => (v.startsWith('short') ? 1_000 : 60_000)) {
  return new Memo<string, string>({ maxEntries, ttlMs, now: clock.now });
}

/** A computation the test settles by hand, counting how often it was started. */
function deferred() {
  let resolve!: (v: string) => void;
  let reject!: (e: Error) => void;
  let started = 0;
  const run = () => {
    started++;
    return new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { run, resolve: (v: string) => resolve(v), reject: (e: Error) => reject(e), started: () => started };
}

describe('memo', () => {
  test('concurrent callers of one key share one computation', async () => {
    const m = memo();
    const d = deferred();
    const all = Promise.all([m.get('k', d.run), m.get('k', d.run), m.get('k', d.run)]);
    d.resolve('v');
    assert.deepEqual(await all, ['v', 'v', 'v']);
    assert.equal(d.started(), 1);
  });

  test('a settled value is served until its own TTL, then computed again', async () => {
    const clock = new Clock();
    const m = memo(clock);
    let n = 0;
    const compute = async () => `short-${++n}`;
    assert.equal(await m.get('k', compute), 'short-1');
    clock.advance(999);
    assert.equal(await m.get('k', compute), 'short-1');
    clock.advance(1);
    assert.equal(await m.get('k', compute), 'short-2');
  });

  test('a rejection is shared by the callers waiting on it and not cached', async () => {
    const m = memo();
    const d = deferred();
    const a = m.get('k', d.run);
    const b = m.get('k', d.run);
    d.reject(new Error('boom'));
    await assert.rejects(a, /boom/);
    await assert.rejects(b, /boom/);
    assert.equal(await m.get('k', async () => 'again'), 'again');
  });

  test('bounded: beyond maxEntries the least recently used key goes', async () => {
    const m = memo();
    for (const k of ['a', 'b', 'c']) await m.get(k, async () => k);
    m.peek('a');
    await m.get('d', async () => 'd');
    assert.equal(m.size, 3);
    assert.ok(m.peek('a'));
    assert.equal(m.peek('b'), undefined);
  });

  test('clear() during a computation: its result is not stored afterwards', async () => {
    const m = memo();
    const d = deferred();
    const p = m.get('k', d.run);
    m.clear();
    d.resolve('old');
    assert.equal(await p, 'old');
    assert.equal(m.peek('k'), undefined);
  });

  test('a TTL of 0 is never stored; a cached null is still a hit', async () => {
    const m = new Memo<string, string | null>({
      maxEntries: 3,
      ttlMs: (v) => (v === null ? 60_000 : 0),
      now: new Clock().now,
    });
    await m.get('zero', async () => 'x');
    assert.equal(m.peek('zero'), undefined);
    await m.get('none', async () => null);
    assert.deepEqual(m.peek('none'), { value: null });
  });
});
