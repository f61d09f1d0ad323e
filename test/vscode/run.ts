// Runs the VS Code suites in a real extension host through @vscode/test-electron's runTests().
// Executable: $VSCODE_HOST_CODE (the code-server shim from .ci/setup-vscode-host.sh), else the shim in
// the default cache folder, else a downloaded desktop VS Code; when none can be had, every suite is
// reported as skipped (never passed). The registry sandbox runs here, outside the host; its settings go
// into the user settings (the registry-routing keys are machine-scoped, so a workspace cannot set them)
// and the seeded facts reach the tests through IMAGE_TRUST_SANDBOX.
// Usage: node --import tsx test/vscode/run.ts [--screenshots] [--no-build]   → "vscode: N passed, N failed, N skipped"
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { pushNewerTeamApp } from '../harness/newerTag.js';
import { startSandbox, type Sandbox, type SeededImage } from '../harness/sandbox.js';
import { sandboxTrustConfig, SIGNED_REPOSITORY } from '../harness/seed-signed.js';
import type { SandboxInfo, SeededInfo, SuiteResults } from './suite/shared.js';

const here = __dirname;
const root = resolve(here, '../..');
const outDir = join(root, '.vscode-test', 'out');
const screenshots = process.argv.includes('--screenshots');
const WORKSPACE_API_URL = 'http://127.0.0.1:9/set-by-the-workspace';

interface Session {
  name: string;
  /** test files (suite/*.test.ts) run in this session, in this order */
  files: string[];
  untrusted?: boolean;
}

const SESSIONS: Session[] = [
  {
    name: 'trusted',
    files: [
      'activation',
      'commands',
      'statusbar',
      'settings',
      'hover',
      'diagnostics',
      'images',
      'signin',
      'quickfix',
      'pinall',
    ],
  },
  { name: 'untrusted', files: ['untrusted'], untrusted: true },
];

async function findExecutable(): Promise<{ path: string; kind: 'host' | 'desktop' } | { skip: string }> {
  const fromEnv = process.env.VSCODE_HOST_CODE;
  if (fromEnv)
    return existsSync(fromEnv)
      ? { path: fromEnv, kind: 'host' }
      : { skip: `VSCODE_HOST_CODE=${fromEnv} does not exist` };
  const cached = join(process.env.VSCODE_HOST_DIR || join(homedir(), '.cache/vscode-host-4.139.1'), 'bin/code');
  if (existsSync(cached)) return { path: cached, kind: 'host' };
  try {
    return { path: await downloadAndUnzipVSCode({ timeout: 20000 }), kind: 'desktop' };
  } catch (e) {
    return {
      skip: `no VS Code host (set VSCODE_HOST_CODE, see .ci/setup-vscode-host.sh) and desktop VS Code cannot be downloaded: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** Counts the tests the sessions would run (loops make more tests than there are `it(` calls): the
 * suites are compiled against a stub `vscode` module and loaded into mocha, which runs no test or hook. */
async function countTests(): Promise<number> {
  const dir = join(root, '.vscode-test', 'count');
  await compileSuites(dir, true);
  const Mocha = (await import('mocha')).default;
  let n = 0;
  for (const file of SESSIONS.flatMap((s) => s.files)) {
    const mocha = new Mocha({ ui: 'bdd' });
    mocha.addFile(join(dir, `${file}.test.js`));
    await mocha.loadFilesAsync();
    n += mocha.suite.total();
  }
  rmSync(dir, { recursive: true, force: true });
  return n;
}

async function compileSuites(dir: string, stubVscode = false): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const files = readdirSync(join(here, 'suite')).filter((f) => f.endsWith('.ts'));
  await build({
    entryPoints: files.map((f) => join(here, 'suite', f)),
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: stubVscode ? ['mocha'] : ['vscode', 'mocha'],
    logLevel: 'warning',
    plugins: stubVscode
      ? [
          {
            name: 'vscode-stub',
            setup(b) {
              b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'vscode-stub' }));
              b.onLoad({ filter: /.*/, namespace: 'vscode-stub' }, () => ({
                contents: 'module.exports = {};',
                loader: 'js',
              }));
            },
          },
        ]
      : [],
  });
}

async function newer(s: Sandbox): Promise<SeededInfo> {
  const n = await pushNewerTeamApp(s);
  return { repository: n.repository, digest: n.digest, tags: [n.tag] };
}

function sandboxInfo(s: Sandbox, newerTeamApp: SeededInfo): SandboxInfo {
  const seeded = (i: SeededImage): SeededInfo => ({
    repository: i.repository,
    digest: i.digest,
    tags: i.tags,
    platforms: i.platforms.map((p) => ({
      platform: [p.platform.os, p.platform.architecture, p.platform.variant].filter(Boolean).join('/'),
      digest: p.digest,
    })),
  });
  return {
    registryHost: s.registryHost,
    nginx: seeded(s.seed.nginx),
    redis: seeded(s.seed.redis),
    staleTool: seeded(s.seed.staleTool),
    secret: seeded(s.seed.secret),
    teamApp: seeded(s.seed.teamApp),
    teamAppNewer: newerTeamApp,
    signedBundleGood: {
      repository: SIGNED_REPOSITORY,
      digest: s.seed.signed.images['bundle-good'].digest,
      tags: ['bundle-good'],
    },
    credentials: { username: s.credentials.username, token: s.credentials.password },
  };
}

/** A fresh copy of the fixture workspace; team/Dockerfile names the sandbox registry (its port varies). */
function makeWorkspace(tmp: string, sandbox: Sandbox | undefined): string {
  const ws = join(tmp, 'workspace');
  cpSync(join(here, 'fixture'), ws, { recursive: true });
  const template = join(ws, 'team', 'template.txt');
  const registry = sandbox ? sandbox.registryHost : '127.0.0.1:9';
  writeFileSync(join(ws, 'team', 'Dockerfile'), readFileSync(template, 'utf8').replace('${REGISTRY}', registry));
  rmSync(template);
  // signed/Dockerfile: an image signed keylessly by the acme workflow under the sandbox's test CA, one
  // whose certificate does not chain to it (invalid) and one signed by another identity (unverified)
  mkdirSync(join(ws, 'signed'), { recursive: true });
  const digestOf = (tag: 'bundle-good' | 'bundle-broken-chain' | 'bundle-other-identity') =>
    sandbox ? sandbox.seed.signed.images[tag].digest : `sha256:${'0'.repeat(64)}`;
  const tags = ['bundle-good', 'bundle-broken-chain', 'bundle-other-identity'] as const;
  writeFileSync(
    join(ws, 'signed', 'Dockerfile'),
    tags.map((t) => `FROM ${SIGNED_REPOSITORY}:${t}@${digestOf(t)} AS ${t}\n`).join(''),
  );
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  // resource-scoped settings live in the workspace, as a user would have them
  // plus a machine-scoped key a workspace must not be able to set (settings.test.ts checks it is ignored)
  writeFileSync(
    join(ws, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'imageTrust.staleAfterDays': 365,
        'imageTrust.dockerHub.apiUrl': WORKSPACE_API_URL,
      },
      null,
      2,
    ),
  );
  return ws;
}

function writeUserSettings(userDataDir: string, sandbox: Sandbox | undefined): void {
  const settings: Record<string, unknown> = { 'security.workspace.trust.startupPrompt': 'never' };
  // without the sandbox, a closed loopback port: the tests never reach the internet
  const closed = 'http://127.0.0.1:9';
  settings['imageTrust.dockerHub.apiUrl'] = sandbox ? sandbox.config.dockerHub.apiUrl : closed;
  settings['imageTrust.registries.mirrors'] = sandbox ? sandbox.config.registries.mirrors : { 'docker.io': closed };
  if (sandbox) {
    const trust = sandboxTrustConfig(sandbox.seed.signed.material);
    settings['imageTrust.trust.policies'] = trust.policies;
    settings['imageTrust.trust.trustedRoots'] = trust.trustedRoots;
  }
  // User: desktop VS Code and code-server's user settings; Machine: code-server's remote settings,
  // where machine-scoped keys are read in a remote window
  for (const folder of ['User', 'Machine']) {
    mkdirSync(join(userDataDir, folder), { recursive: true });
    writeFileSync(join(userDataDir, folder, 'settings.json'), JSON.stringify(settings, null, 2));
  }
}

async function main(): Promise<number> {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const exe = await findExecutable();
  if ('skip' in exe) {
    const n = await countTests();
    console.log(`skipped: ${exe.skip}`);
    console.log(`vscode: 0 passed, 0 failed, ${n} skipped`);
    return 0;
  }
  // the suites test what the build makes of the current sources
  if (!process.argv.includes('--no-build')) {
    const r = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.log('vscode: 0 passed, 1 failed, 0 skipped (npm run build failed)');
      return 1;
    }
  }
  await compileSuites(outDir);

  const started = await startSandbox().catch((e: unknown) => ({
    available: false as const,
    reason: String(e),
    stop: async () => {},
  }));
  const sandbox = started.available ? started : undefined;
  if (!started.available) console.log(`sandbox unavailable (${started.reason}): suites that need it skip`);
  const tmp = mkdtempSync(join(tmpdir(), 'image-trust-vscode-'));
  try {
    for (const session of SESSIONS) {
      const t0 = Date.now();
      const results = join(tmp, `${session.name}-results.json`);
      const userDataDir = join(tmp, `${session.name}-user-data`);
      writeUserSettings(userDataDir, sandbox);
      const ws = makeWorkspace(join(tmp, session.name), sandbox);
      const extensionTestsEnv: Record<string, string | undefined> = {
        IMAGE_TRUST_SUITES: session.files.join(','),
        IMAGE_TRUST_RESULTS: results,
        IMAGE_TRUST_SANDBOX: sandbox ? JSON.stringify(sandboxInfo(sandbox, await newer(sandbox))) : '',
        IMAGE_TRUST_SCREENSHOTS: screenshots && exe.kind === 'host' ? '1' : '',
      };
      // read by the code-server shim only; desktop VS Code ignores them
      process.env.VSCODE_HOST_UNTRUSTED = session.untrusted ? '1' : '';
      if (screenshots) {
        process.env.VSCODE_HOST_SCREENSHOT_DIR = join(root, 'docs', 'screenshots');
        mkdirSync(process.env.VSCODE_HOST_SCREENSHOT_DIR, { recursive: true });
      }
      let crashed: string | undefined;
      try {
        await runTests({
          vscodeExecutablePath: exe.path,
          extensionDevelopmentPath: root,
          extensionTestsPath: join(outDir, 'index.js'),
          launchArgs: [
            ws,
            `--user-data-dir=${userDataDir}`,
            `--extensions-dir=${join(tmp, 'extensions')}`,
            '--disable-extensions',
          ],
          extensionTestsEnv,
        });
      } catch (e) {
        crashed = e instanceof Error ? e.message : String(e);
      }
      const r = existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as SuiteResults) : undefined;
      if (r) {
        totals.passed += r.passed;
        totals.failed += r.failed;
        totals.skipped += r.skipped;
      } else {
        totals.failed += 1;
      }
      console.log(
        `session ${session.name}: ${r ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : `no results (${crashed ?? 'unknown'})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await started.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`vscode: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('vscode: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  },
);
