// Issue 9 item 9: a credential helper whose child keeps stdout open must not hang a lookup. Real
// helper scripts on PATH: the runner waits for the helper to exit (or its timeout), then kills the
// helper's whole process group, so nothing it left behind survives or holds the pipe open.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialHelperRunner } from '../../../server/src/hub/credentials.js';

const ANSWER = '{"Username":"u","Secret":"s3cret"}';
let root = '';
let savedPath = '';

/** Plants `docker-credential-<name>` running `body`; `$PIDS` is a file its processes append to. */
function plant(name: string, body: string): string {
  const pids = join(root, `${name}.pids`);
  const file = join(root, 'bin', `docker-credential-${name}`);
  writeFileSync(file, `#!/bin/sh\nPIDS='${pids}'\necho $$ >> "$PIDS"\n${body}\n`);
  chmodSync(file, 0o755);
  return pids;
}

/** Alive and not a zombie (a killed process whose parent has not reaped it yet is dead). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function pidsOf(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];
}

/** A killed process dies when the scheduler next runs it, and no event tells another process when:
 * look again until it has (at most 10 s, far beyond any scheduling delay; a survivor fails). */
async function gone(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 1000 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 10));
  return !pids.some(alive);
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'image-trust-helper-hang-'));
  mkdirSync(join(root, 'bin'));
  savedPath = process.env.PATH ?? '';
  process.env.PATH = `${join(root, 'bin')}:${savedPath}`;
});
after(() => {
  process.env.PATH = savedPath;
  rmSync(root, { recursive: true, force: true });
});

const procfs = existsSync('/proc/self/stat');

describe(
  'credential helpers that leave processes behind',
  { skip: procfs ? false : 'needs /proc to see processes' },
  () => {
    const cases: Array<{ name: string; body: string; answer: string | null }> = [
      {
        name: 'answers, then exits leaving a child that holds stdout open → the answer; the child is killed',
        body: `sleep 300 &\necho $! >> "$PIDS"\necho '${ANSWER}'\nexit 0`,
        answer: ANSWER,
      },
      {
        name: 'a child that double-forks and holds stdout → the answer; every process of the group is killed',
        body: `(sleep 300 & echo $! >> "$PIDS"; sleep 300) &\necho $! >> "$PIDS"\necho '${ANSWER}'`,
        answer: ANSWER,
      },
      {
        name: 'never exits (prints half an answer first) → null after the timeout; killed',
        body: `printf '{"Username":'\nsleep 300`,
        answer: null,
      },
      {
        name: 'never exits, its child neither → null after the timeout; both killed',
        body: `sleep 300 &\necho $! >> "$PIDS"\nwait`,
        answer: null,
      },
      {
        name: 'exits 1 leaving a child → null; the child is killed',
        body: `sleep 300 &\necho $! >> "$PIDS"\necho '${ANSWER}'\nexit 1`,
        answer: null,
      },
      { name: 'more output than the cap → null', body: `head -c 200000 /dev/zero | tr '\\0' 'x'`, answer: null },
    ];
    for (const [i, c] of cases.entries()) {
      test(c.name, { timeout: 20_000 }, async () => {
        const pids = plant(`case${i}`, c.body);
        const out = await credentialHelperRunner(500)(`case${i}`, 'registry.example.test');
        assert.equal(out?.trim() ?? null, c.answer);
        const started = pidsOf(pids);
        assert.ok(started.length >= 1, 'the helper ran');
        assert.ok(await gone(started), `left running: ${started.filter(alive).join(', ')}`);
      });
    }
  },
);
