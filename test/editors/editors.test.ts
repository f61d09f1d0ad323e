// Real third-party LSP clients (headless Neovim 0.7, Emacs 28 + eglot 1.9) driving the built
// server (dist/server.js --stdio) against the real sandbox registry and fake Docker Hub: a hover
// with badge, signature status and age; diagnostics with codes; the pin quick fix applied and the
// buffer byte-checked. Output goes to test-results/editors/ and into the test log. Also measures
// the time from opening a 200-reference file to complete diagnostics (Neovim).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pushNewerTeamApp } from '../harness/newerTag.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { sandboxTrustConfig, SIGNED_REPOSITORY } from '../harness/seed-signed.js';

const ROOT = join(__dirname, '../..');
const RESULTS = join(ROOT, 'test-results/editors');
const SERVER = `${process.execPath} ${join(ROOT, 'dist/server.js')} --stdio`;

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // the server's facts cache: a new folder for each editor run (cold facts, never the user's)
    const cacheDir = mkdtempSync(join(tmpdir(), 'image-trust-editor-cache-'));
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, IMAGE_TRUST_CACHE_DIR: cacheDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const EDITORS = [
  {
    name: 'neovim',
    bin: 'nvim',
    command: (script: string, file: string): [string, string[]] => [
      'timeout',
      [
        '60',
        'nvim',
        '--headless',
        '-u',
        'NONE',
        '-c',
        `lua local ok,e=pcall(dofile,"${script}"); if not ok then io.stdout:write("FAIL: "..tostring(e).."\\n"); vim.cmd("cquit 2") end`,
        file,
      ],
    ],
    script: join(__dirname, 'nvim-lsp.lua'),
  },
  {
    name: 'emacs-eglot',
    bin: 'emacs',
    command: (script: string, file: string): [string, string[]] => [
      'timeout',
      ['90', 'emacs', '--batch', '-l', script, file],
    ],
    script: join(__dirname, 'eglot-lsp.el'),
  },
];

let sandbox: Sandbox | undefined;
let unavailable = '';
let work = '';

before(async () => {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    unavailable = `build failed: ${build.stderr}`;
    return;
  }
  const s = await startSandbox();
  if (!s.available) unavailable = `sandbox unavailable: ${s.reason}`;
  else sandbox = s;
  work = mkdtempSync(join(tmpdir(), 'image-trust-editors-'));
  mkdirSync(RESULTS, { recursive: true });
});

after(async () => {
  await sandbox?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('real editors against the sandbox', () => {
  for (const editor of EDITORS) {
    test(`${editor.name}: hover, diagnostics and the pin quick fix`, async (t) => {
      if (!has(editor.bin)) return t.skip(`${editor.bin} is not installed`);
      if (!sandbox) return t.skip(unavailable);
      const dir = mkdtempSync(join(work, `${editor.name}-`));
      const file = join(dir, 'Dockerfile');
      const outFile = join(dir, 'after.txt');
      // Neovim also updates a tag along its track: team/app gets a newer 1.1 on the sandbox registry
      const update = editor.name === 'neovim' ? (await pushNewerTeamApp(sandbox)).digest : null;
      writeFileSync(
        file,
        `FROM nginx:1.27\nFROM alpine:3.19\n${update ? `FROM ${sandbox.registryHost}/team/app:1.0\n` : ''}`,
      );
      const expected = `FROM nginx:1.27@${sandbox.seed.nginx.digest}\nFROM alpine:3.19\n${update ? `FROM ${sandbox.registryHost}/team/app:1.1@${update}\n` : ''}`;
      const [cmd, args] = editor.command(editor.script, file);
      const env = {
        IT_SERVER: SERVER,
        IT_SETTINGS: JSON.stringify(sandbox.config),
        IT_MODE: 'smoke',
        IT_COMPLETE: '2',
        IT_OUT: outFile,
        ...(update ? { IT_UPDATE_LINE: '2' } : {}),
      };
      const r = await run(cmd, args, env, dir);
      writeFileSync(join(RESULTS, `${editor.name}.txt`), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
      console.log(`--- ${editor.name} (exit ${r.code}) ---\n${r.stdout.trimEnd()}`);
      assert.equal(r.code, 0, `${editor.name} failed:\n${r.stdout}\n${r.stderr.slice(-2000)}`);
      const hover = r.stdout
        .split('\n')
        .filter((l) => l.startsWith('hover: '))
        .join('\n');
      // the verdict at a glance comes first (the hover read the index: its platforms are known)
      // (Markdown in Neovim, plain text in eglot)
      assert.match(
        hover.split('\n')[0] ?? '',
        /^hover: (?:\*\*`)?docker\.io\/library\/nginx:1\.27(?:`\*\*)? — Docker Official Image · unsigned · pushed 3 days ago · 2 platforms$/,
      );
      for (const s of [
        'docker.io/library/nginx:1.27',
        'Docker Official Image',
        'Signatures:',
        'Last pushed: 3 days ago',
      ]) {
        assert.ok(hover.includes(s), `hover has ${JSON.stringify(s)}`);
      }
      assert.match(r.stdout, /^diagnostic: L1:6 warning \[unpinned-digest\] nginx:1\.27 is not pinned/m);
      assert.match(r.stdout, /^diagnostic: L2:6 warning \[unpinned-digest\] alpine:3\.19 is not pinned/m);
      assert.equal(readFileSync(outFile, 'utf8'), expected, 'the buffer after the quick fix');
      if (update) {
        const tags = sandbox.seed.nginx.tags;
        const completion = r.stdout
          .split('\n')
          .filter((l) => l.startsWith('completion: '))
          .map((l) => l.slice('completion: '.length).split(' — ')[0]);
        assert.deepEqual([...completion].sort(), [...tags].sort(), "tag completion lists the repository's tags");
        assert.match(r.stdout, /^completion: 1\.27 — pushed 3 days ago · the digest you pull now$/m);
        assert.match(
          r.stdout,
          /^update: Update to 1\.1, the newest on the 1\.\* track, pinned to sha256:[0-9a-f]{12}… — less trust: it is signed; the new digest is unsigned$/m,
          '1.0 is cosign-signed, 1.1 is not: the title says so',
        );
      }
    });
  }

  // Every signature verdict (SPEC §2) as Neovim shows it, each from a real check of the sandbox's own
  // signatures under its trust policy.
  const VERDICTS: Array<{ tag: string; verdict: string; line: RegExp }> = [
    {
      tag: 'bundle-good',
      verdict: 'verified',
      line: /^hover: - Signed by the GitHub workflow `github\.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.2\.0` \(Sigstore, in the transparency log since \d{4}-\d{2}-\d{2}\)\.$/m,
    },
    {
      tag: 'bundle-broken-chain',
      verdict: 'invalid',
      line: /^hover: - ⚠ A Sigstore bundle signature \*\*does not hold\*\*: .+$/m,
    },
    {
      tag: 'cosign-wrong-digest',
      verdict: 'invalid',
      line: /^hover: - ⚠ A cosign signature \*\*does not hold\*\*: .*digest.*$/m,
    },
    {
      tag: 'bundle-other-identity',
      verdict: 'unverified',
      line: /^hover: - A Sigstore bundle signature, \*\*not verified\*\*: .+$/m,
    },
  ];
  for (const v of VERDICTS) {
    test(`neovim: the hover says ${v.verdict} for the signature of ${v.tag}`, async (t) => {
      if (!has('nvim')) return t.skip('nvim is not installed');
      if (!sandbox) return t.skip(unavailable);
      const dir = mkdtempSync(join(work, `nvim-${v.tag}-`));
      const file = join(dir, 'Dockerfile');
      const image = sandbox.seed.signed.images[v.tag as keyof typeof sandbox.seed.signed.images];
      writeFileSync(file, `FROM ${SIGNED_REPOSITORY}:${v.tag}@${image.digest}\n`);
      const settings = { ...sandbox.config, trust: sandboxTrustConfig(sandbox.seed.signed.material) };
      const editor = EDITORS[0]!;
      const [cmd, args] = editor.command(editor.script, file);
      const r = await run(
        cmd,
        args,
        { IT_SERVER: SERVER, IT_SETTINGS: JSON.stringify(settings), IT_MODE: 'hover', IT_COMPLETE: '0' },
        dir,
      );
      writeFileSync(join(RESULTS, `neovim-${v.tag}.txt`), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
      assert.equal(r.code, 0, `neovim failed:\n${r.stdout}\n${r.stderr.slice(-2000)}`);
      assert.match(r.stdout, v.line);
    });
  }

  test('neovim: time from opening a 200-reference file to complete diagnostics', async (t) => {
    if (!has('nvim')) return t.skip('nvim is not installed');
    if (!sandbox) return t.skip(unavailable);
    const images = [
      'nginx:1.27',
      'nginx:1.27.3',
      'nginx:1',
      'nginx:latest',
      'alpine:3.19',
      'python:3.12',
      'python:3.12-slim',
      'bitnami/redis:7.2',
      'grafana/grafana:11.0.0',
      'acme/notary-app:2.0',
      'someone/stale-tool:0.1',
      `${sandbox.registryHost}/team/app:1.0`,
    ];
    const lines = Array.from({ length: 200 }, (_, i) => `FROM ${images[i % images.length]} AS s${i}`);
    const dir = mkdtempSync(join(work, 'bench-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const editor = EDITORS[0]!;
    const [cmd, args] = editor.command(editor.script, file);
    const r = await run(
      cmd,
      args,
      { IT_SERVER: SERVER, IT_SETTINGS: JSON.stringify(sandbox.config), IT_MODE: 'bench', IT_COMPLETE: '200' },
      dir,
    );
    writeFileSync(join(RESULTS, 'neovim-bench.txt'), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
    console.log(`--- neovim 200-reference file (exit ${r.code}) ---\n${r.stdout.trimEnd()}`);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr.slice(-2000)}`);
    const ms = /bench-ms: (\d+)/.exec(r.stdout);
    assert.ok(ms, 'a measurement');
    console.log(`200 references, ${images.length} distinct images: complete diagnostics ${ms[1]} ms after didOpen`);
  });
});
