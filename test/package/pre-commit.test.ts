// The pre-commit hooks (.pre-commit-hooks.yaml), run as pre-commit runs them: the entry, the hook's
// args, then the staged files its `types` select, in the repository root; a hook fails on a
// non-zero exit or when it modified files. The packed CLI against the sandbox registry: check fails
// on unpinned images, fix pins them in place, and check then passes.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { packAndInstall, pathWith, ROOT, type Packed } from './packed.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types?: string[];
  require_serial?: boolean;
}
const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

let packed: Packed | undefined;
let sandbox: Sandbox | undefined;
let skipReason = '';
let repo = '';

before(async () => {
  const s = await startSandbox();
  if (!s.available) {
    skipReason = `sandbox unavailable: ${s.reason}`;
    return;
  }
  sandbox = s;
  packed = packAndInstall();
  repo = mkdtempSync(join(tmpdir(), 'image-trust-precommit-'));
});
after(async () => {
  await sandbox?.stop();
  packed?.dispose();
  if (repo) for (const d of [repo, `${repo}-cache`]) rmSync(d, { recursive: true, force: true });
});

function git(...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** identify's text/binary split, as the `types: [text]` filter uses it: no NUL byte at the start. */
function isText(file: string): boolean {
  return !readFileSync(join(repo, file)).subarray(0, 1024).includes(0);
}

/** One hook as pre-commit runs it on the staged files. Asynchronous: the sandbox answers from this
 * process, so it must not be blocked while the hook runs. */
async function runHook(
  id: string,
  args: string[],
): Promise<{ status: number | null; output: string; modified: string[] }> {
  const hook = hooks.find((h) => h.id === id);
  assert.ok(hook, `no hook ${id}`);
  assert.doesNotMatch(hook.entry, /["'\\]/, 'an entry this runner splits on spaces only');
  const staged = git('diff', '--staged', '--name-only', '--diff-filter=ACMRTUXB', '-z').split('\0').filter(Boolean);
  const files = hook.types?.includes('text') ? staged.filter(isText) : staged;
  const before = git('diff', '--name-only');
  const [cmd = '', ...entryArgs] = hook.entry.split(/\s+/);
  const env = { ...process.env, PATH: pathWith(packed?.bin ?? ''), IMAGE_TRUST_CACHE_DIR: `${repo}-cache` };
  const r = await new Promise<{ status: number | null; output: string }>((resolve) => {
    execFile(cmd, [...entryArgs, ...args, ...files], { cwd: repo, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: stdout + stderr });
    });
  });
  const after = git('diff', '--name-only');
  const modified = after === before ? [] : after.split('\n').filter(Boolean);
  return { ...r, modified };
}

function write(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, name)), { recursive: true });
    writeFileSync(join(repo, name), content);
  }
}

describe('.pre-commit-hooks.yaml', () => {
  test('an image-trust (check) hook and an image-trust-fix hook, installed as a node package', () => {
    assert.deepEqual(
      hooks.map((h) => [h.id, h.entry, h.language, h.types]),
      [
        ['image-trust', 'image-trust check', 'node', ['text']],
        ['image-trust-fix', 'image-trust fix', 'node', ['text']],
      ],
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok(pkg.bin['image-trust'], 'pre-commit installs the package and runs its image-trust bin');
  });

  test('check fails on unpinned images; fix pins them in place (pre-commit reports the files it changed); check then passes', async (t) => {
    if (!sandbox) return t.skip(skipReason);
    const nginx = sandbox.seed.nginx;
    git('init', '-q');
    write({
      Dockerfile: 'FROM nginx:1.27\nRUN echo hello\n',
      'deploy/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'README.md': '# a project\n\nFROM nginx:1.27 (not a Dockerfile: never read)\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      '.image-trust.json': JSON.stringify(sandbox.config),
    });
    git('add', '.');
    const settings = ['--config', '.image-trust.json'];

    const check = await runHook('image-trust', [...settings, '--fail-on', 'warning']);
    assert.equal(check.status, 1, check.output);
    assert.equal(check.output.match(/warning +unpinned-digest: nginx:1\.27 is not pinned/g)?.length, 2, check.output);
    assert.deepEqual(check.modified, []);

    const fix = await runHook('image-trust-fix', settings);
    assert.equal(fix.status, 0, fix.output);
    assert.deepEqual(fix.modified, ['Dockerfile', 'deploy/compose.yaml']);
    assert.equal(readFileSync(join(repo, 'Dockerfile'), 'utf8'), `FROM nginx:1.27@${nginx.digest}\nRUN echo hello\n`);
    assert.equal(
      readFileSync(join(repo, 'deploy/compose.yaml'), 'utf8'),
      `services:\n  web:\n    image: nginx:1.27@${nginx.digest}\n`,
    );

    git('add', '.');
    const again = await runHook('image-trust', [...settings, '--fail-on', 'warning']);
    assert.equal(again.status, 0, again.output);
    assert.deepEqual((await runHook('image-trust-fix', settings)).modified, []);
  });
});
