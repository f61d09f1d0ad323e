// Running the CLI in process: a throw-away workspace (text or bytes per file), the exit status,
// stdout and stderr, and optionally a scripted facts service instead of the hub.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { runCli } from '../../../server/src/cli/main.js';
import type { ScriptedFacts } from '../../protocol/scriptedFacts.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function run(argv: string[], cwd: string, facts?: ScriptedFacts): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    cwd,
    out: (s) => (out += `${s}\n`),
    err: (s) => (err += `${s}\n`),
    now: () => Date.parse('2026-11-23T12:00:00Z'),
    version: '0.0.0-test',
    ...(facts ? { openFacts: () => facts } : {}),
  });
  return { code, out, err };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

export function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  dirs.push(dir);
  return dir;
}
