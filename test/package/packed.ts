// The npm package as a user gets it: `npm pack` in a clean copy of the repository (the files git
// tracks or would track, with node_modules linked for the build that `prepack` runs), then
// `npm install <tarball> --offline` into an empty folder with an empty npm cache, so that anything
// the package still needed from the registry would fail the install.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface Packed {
  /** the clean copy the tarball was packed from, with its production build in dist/ */
  source: string;
  /** the folder the tarball was installed into (node_modules/.bin holds the bins) */
  app: string;
  bin: string;
  tarball: string;
  /** the paths `npm pack` put in the tarball */
  files: string[];
  /** package.json as installed */
  manifest: Record<string, unknown>;
  /** what `npm install` printed */
  installLog: string;
  dispose(): void;
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A copy of what a fresh clone holds: tracked files and new ones git does not ignore. */
function cleanCopy(to: string): void {
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT)
    .stdout.split('\0')
    .filter(Boolean);
  for (const file of listed) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(to, file));
    } catch (e) {
      // a file deleted in the working tree but not yet in the index is not part of the checkout
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

export function packAndInstall(): Packed {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-packed-'));
  try {
    const source = join(dir, 'source');
    cleanCopy(source);
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], source).stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    if (!packed) throw new Error('npm pack printed no package');
    const tarball = join(dir, packed.filename);
    const app = join(dir, 'app');
    mkdirSync(app);
    const install = run(
      'npm',
      ['install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', join(dir, 'npm-cache')],
      app,
    );
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/image-trust/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    return {
      source,
      app,
      bin: join(app, 'node_modules/.bin'),
      tarball,
      files: packed.files.map((f) => f.path).sort(),
      manifest,
      installLog: install.stdout + install.stderr,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** PATH with the installed bins first, as `npm install -g` or `npx` would give them. */
export function pathWith(bin: string): string {
  return `${bin}:${process.env.PATH ?? ''}`;
}
