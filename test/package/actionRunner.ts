// Runs a composite action's steps the way the GitHub runner does, as far as a test can without
// GitHub: `${{ … }}` expressions from inputs, github.action_path and earlier steps' outputs; each
// `run:` with `bash --noprofile --norc -eo pipefail`, with GITHUB_OUTPUT, GITHUB_PATH and RUNNER_TEMP;
// `uses:` steps are not run, but their `if:` is evaluated and they are reported with their inputs.
// Any expression or condition this runner does not know fails the test instead of being guessed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

export interface ActionFile {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
  /** the exit status of the first failing `run:` step, else 0 */
  status: number;
  /** stdout and stderr of the `run:` steps, in order */
  log: string;
  /** `uses:` steps whose `if:` held, with their `with:` expanded */
  used: Array<{ uses: string; with: Record<string, string> }>;
  outputs: Record<string, string>;
}

export function readAction(file: string): ActionFile {
  return parse(readFileSync(file, 'utf8')) as ActionFile;
}

interface Context {
  inputs: Record<string, string>;
  actionPath: string;
  steps: Record<string, Record<string, string>>;
}

function value(expr: string, ctx: Context): string {
  let m = /^inputs\.([\w-]+)$/.exec(expr);
  if (m?.[1] !== undefined) {
    if (!(m[1] in ctx.inputs)) throw new Error(`the action reads an input it does not declare: ${m[1]}`);
    return ctx.inputs[m[1]] ?? '';
  }
  if (expr === 'github.action_path') return ctx.actionPath;
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
  if (m?.[1] !== undefined && m[2] !== undefined) return ctx.steps[m[1]]?.[m[2]] ?? '';
  m = /^'([^']*)'$/.exec(expr);
  if (m?.[1] !== undefined) return m[1];
  throw new Error(`expression this runner does not know: ${expr}`);
}

function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_all, expr: string) => value(expr, ctx));
}

/** `a == 'x' && b != 'y'`: the conditions this action uses. */
function holds(condition: string, ctx: Context): boolean {
  return condition.split('&&').every((part) => {
    const m = /^\s*(\S+)\s*(==|!=)\s*(\S+)\s*$/.exec(part);
    if (!m?.[1] || !m[3]) throw new Error(`condition this runner does not know: ${condition}`);
    const equal = value(m[1], ctx) === value(m[3], ctx);
    return m[2] === '==' ? equal : !equal;
  });
}

export function runAction(
  action: ActionFile,
  o: { actionPath: string; workspace: string; inputs: Record<string, string>; env?: NodeJS.ProcessEnv },
): ActionRun {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, o.inputs[k] ?? v.default ?? '']));
  for (const k of Object.keys(o.inputs)) if (!(k in action.inputs)) throw new Error(`no such input: ${k}`);
  const ctx: Context = { inputs, actionPath: o.actionPath, steps: {} };
  const temp = mkdtempSync(join(tmpdir(), 'image-trust-runner-'));
  const paths: string[] = [];
  const result: ActionRun = { status: 0, log: '', used: [], outputs: {} };
  try {
    for (const [i, step] of action.runs.steps.entries()) {
      if (step.if !== undefined && !holds(step.if, ctx)) continue;
      if (step.uses) {
        result.used.push({
          uses: step.uses,
          with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)])),
        });
        continue;
      }
      if (step.shell !== 'bash' || step.run === undefined)
        throw new Error(`step ${step.name ?? i}: only bash run steps are supported`);
      const script = join(temp, `step-${i}.sh`);
      const outputFile = join(temp, `output-${i}`);
      const pathFile = join(temp, `path-${i}`);
      writeFileSync(script, step.run);
      writeFileSync(outputFile, '');
      writeFileSync(pathFile, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]));
      const base = { ...process.env, ...o.env };
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: o.workspace,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...base,
          ...stepEnv,
          RUNNER_TEMP: temp,
          GITHUB_OUTPUT: outputFile,
          GITHUB_PATH: pathFile,
          GITHUB_WORKSPACE: o.workspace,
          PATH: [...paths, base.PATH ?? ''].join(':'),
        },
      });
      result.log += r.stdout + r.stderr;
      paths.unshift(...readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse());
      if (step.id) {
        const outputs = Object.fromEntries(
          readFileSync(outputFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        );
        ctx.steps[step.id] = outputs;
      }
      if (r.status !== 0) {
        result.status = r.status ?? 1;
        break;
      }
    }
    result.outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, expand(v.value, ctx)]));
    return result;
  } finally {
    if (existsSync(temp)) rmSync(temp, { recursive: true, force: true });
  }
}
