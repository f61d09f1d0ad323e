// Figures 5 and 6: the VSIX size (packaged now into a temp file, else an existing image-trust.vsix)
// and the extension activation time written by the VS Code suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  value: number | null;
  how: string;
}

const MB = 1024 * 1024;

/** Packages with the same command as `npm run package` (minus the build, which bench.ts ran), into
 * a temp file so the working tree is not touched. Falls back to ./image-trust.vsix if packaging fails. */
export function measureVsix(root: string): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-bench-vsix-'));
  try {
    const out = join(dir, 'image-trust.vsix');
    const r = spawnSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '-o', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status === 0 && existsSync(out))
      return {
        value: statSync(out).size / MB,
        how: 'scripts/package-vsix.mjs of the current build (as `npm run package`), into a temp file',
      };
    const why =
      `${r.stdout}\n${r.stderr}`
        .split('\n')
        .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
        .filter((l) => /error/i.test(l))
        .pop() ?? `exit ${r.status}`;
    const existing = join(root, 'image-trust.vsix');
    if (existsSync(existing)) {
      const st = statSync(existing);
      return {
        value: st.size / MB,
        how: `existing image-trust.vsix of ${st.mtime.toISOString()} (packaging now failed: ${why})`,
      };
    }
    return { value: null, how: `not measured: vsce package failed (${why}) and there is no image-trust.vsix` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readActivation(root: string): Measured {
  const file = join(root, 'test-results', 'activation.json');
  if (!existsSync(file))
    return {
      value: null,
      how: 'not measured: test-results/activation.json is not there (the VS Code suite writes it)',
    };
  try {
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { activationMs?: unknown }).activationMs;
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { value: null, how: 'not measured: test-results/activation.json has no numeric activationMs' };
    return {
      value: v,
      how: `read from test-results/activation.json (${statSync(file).mtime.toISOString()}, written by the VS Code suite)`,
    };
  } catch (e) {
    return {
      value: null,
      how: `not measured: test-results/activation.json unreadable (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}
