// What every bad-input test checks about one extraction result, and how it measures time and
// memory. Checks throw AssertionErrors naming the first broken invariant.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ExtractResult } from '../../../server/src/extract/index.js';
import { comparePositions, type Position, type Range } from '../../../server/src/model/range.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';

/** Offsets of line starts, and each line's length without its line end (CRLF, LF or CR). */
export class StrictLines {
  readonly starts: number[] = [0];
  readonly lengths: number[] = [];

  constructor(readonly text: string) {
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.lengths.push(i - lineStart);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        lineStart = i + 1;
        this.starts.push(lineStart);
      }
    }
    this.lengths.push(text.length - lineStart);
  }

  /** The offset of `p`, failing when the position is not inside the text (no clamping). */
  offset(p: Position, what: string): number {
    const start = this.starts[p.line];
    const length = this.lengths[p.line];
    assert.ok(
      start !== undefined && length !== undefined,
      `${what}: line ${p.line} is past the end (${this.starts.length} lines)`,
    );
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= length,
      `${what}: character ${p.character} is outside line ${p.line} (length ${length})`,
    );
    return start + p.character;
  }

  slice(r: Range, what: string): string {
    assert.ok(comparePositions(r.start, r.end) <= 0, `${what}: range ends before it starts`);
    return this.text.slice(this.offset(r.start, what), this.offset(r.end, what));
  }
}

const STACK_LINE = /\n\s+at .+[(:]\d+/;

/** The invariants of an extraction, whatever the input. */
export function checkResult(result: ExtractResult, text: string, file: string, kind: ReferenceSource): void {
  const lines = new StrictLines(text);
  const seenRanges = new Set<string>();
  for (const ref of result.references) {
    const at = `reference ${JSON.stringify(ref.text.slice(0, 80))}`;
    assert.equal(ref.file, file, `${at}: file`);
    assert.equal(ref.source, kind, `${at}: source`);
    assert.equal(lines.slice(ref.range, at), ref.text, `${at}: range slices to text`);
    const key = JSON.stringify(ref.range);
    assert.ok(!seenRanges.has(key), `${at}: reported twice at the same range`);
    seenRanges.add(key);
    if (ref.skip === null)
      assert.ok(ref.image && ref.registry && ref.repository, `${at}: unskipped reference has an image`);
    else assert.ok(ref.skipDetail && ref.skipDetail.length > 0, `${at}: skipped (${ref.skip}) without saying why`);
    for (const [name, part] of Object.entries(ref.parts)) {
      lines.slice(part, `${at} part ${name}`);
      assert.ok(
        comparePositions(ref.range.start, part.start) <= 0 && comparePositions(part.end, ref.range.end) <= 0,
        `${at}: part ${name} inside the range`,
      );
    }
    if (ref.pinSite) {
      const sliced = lines.slice(ref.pinSite.range, `${at} pin site`);
      if (ref.pinSite.kind === 'insert-digest-field') assert.equal(sliced, '', `${at}: an insertion site is empty`);
      else assert.equal(sliced, ref.pinSite.text, `${at}: pin site slices to its text`);
    }
  }
  for (const p of result.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.trim().length > 0, 'a problem has a message');
    assert.ok(!STACK_LINE.test(p.message), `a problem message is not a stack trace: ${p.message.slice(0, 200)}`);
    assert.ok(p.message.length < 2000, `a problem message is short (${p.message.length} characters)`);
    if (p.range) lines.slice(p.range, `problem ${JSON.stringify(p.message.slice(0, 60))}`);
  }
}

let gcFn: (() => void) | null = null;
/** Full garbage collection, so heap figures measure what is retained. */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

export interface Measured<T> {
  value: T;
  /** wall-clock time */
  ms: number;
  /** CPU time of this process (all threads, GC included): steadier than wall time on a busy
   * machine, which is where CI runs; ceilings and scaling ratios use it */
  cpuMs: number;
  /** heap growth while the result is still held (after a full collection), bytes */
  retainedBytes: number;
}

export function measure<T>(run: () => T): Measured<T> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  collectGarbage();
  const retainedBytes = process.memoryUsage().heapUsed - before;
  return { value, ms, cpuMs, retainedBytes };
}

export const MB = 1024 * 1024;
