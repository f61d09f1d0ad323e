#!/usr/bin/env node
// `npm test`: runs every suite — type check, lint, unit, protocol, integration (real registry),
// package (npm tarball, Action, pre-commit, VSIX), editors (Neovim, Emacs), grammars, VS Code (real
// extension host) — and ends with one line `N passed, N failed, N skipped` counting them all. Exit status 1 if anything failed.
// `npm test -- unit protocol` runs only the named suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
// Tests never read or write the user's facts cache.
process.env.IMAGE_TRUST_CACHE_DIR ??= path.join(results, 'facts-cache');
rmSync(process.env.IMAGE_TRUST_CACHE_DIR, { recursive: true, force: true });

function testFiles(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.split(path.sep).includes('node_modules'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** A suite of node:test files; counts come from the TAP summary. */
function nodeSuite(name, dir, extraEnv = {}) {
  return () => {
    const files = testFiles(dir);
    if (!files.length) return { passed: 0, failed: 0, skipped: 0, note: 'no test files' };
    const tap = path.join(results, `${name}.tap`);
    rmSync(tap, { force: true });
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...files,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } },
    );
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    const passed = count('pass');
    const failed = count('fail') + count('cancelled');
    const skipped = count('skipped') + count('todo');
    if (r.status !== 0 && failed === 0) return { passed, failed: 1, skipped, note: `runner exited ${r.status}` };
    return { passed, failed, skipped };
  };
}

/** Commands each counted as one check (type check; lint: eslint, then the format). */
function checkSuite(...commands) {
  return () => {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const [cmd, args] of commands) {
      const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
      counts[r.status === 0 ? 'passed' : 'failed']++;
    }
    return counts;
  };
}

/** A runner that prints its own `N passed, N failed[, N skipped]` line. */
function countingSuite(script) {
  return () => {
    if (!existsSync(path.join(root, script))) return { passed: 0, failed: 0, skipped: 0, note: `${script} missing` };
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.stdout.write(r.stdout ?? '');
    const m = [...(r.stdout ?? '').matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].pop();
    if (!m) return { passed: 0, failed: 1, skipped: 0, note: `no summary line (exit ${r.status})` };
    const counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
    if (r.status !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  };
}

const SUITES = {
  typecheck: checkSuite([process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']]),
  lint: checkSuite(
    [process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.']],
    [
      process.execPath,
      [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'],
    ],
  ),
  unit: nodeSuite('unit', 'test/unit'),
  protocol: nodeSuite('protocol', 'test/protocol'),
  integration: nodeSuite('integration', 'test/integration'),
  // the npm tarball installed into an empty folder, the GitHub Action, the pre-commit hooks, the VSIX
  package: nodeSuite('package', 'test/package'),
  editors: nodeSuite('editors', 'test/editors'),
  grammar: countingSuite('test/grammar/run.mjs'),
  vscode: countingSuite('test/vscode/run.ts'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SUITES);
const total = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const name of names) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`unknown suite "${name}"; suites: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = suite();
  rows.push({ name, ...r, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  for (const k of ['passed', 'failed', 'skipped']) total[k] += r[k];
}
console.log('\nsuite        passed  failed  skipped  seconds');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.padStart(7)}${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
