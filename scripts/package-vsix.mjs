// Packages the VS Code extension from the build in dist/ (the same build the npm package ships).
// The VSIX holds other files than the npm package (the extension bundle, grammars, walkthrough and
// icon; no CLI), and vsce reads package.json's "files", which lists the npm package's. So the VSIX
// is packaged from a staging folder that holds exactly its files, with a manifest listing them.
// Usage: node scripts/package-vsix.mjs [-o image-trust.vsix] | node scripts/package-vsix.mjs --ls
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the VSIX ships: folder, and the file names in it. */
export const VSIX_FILES = [
  ['dist', /^(extension|server|extract-worker)\.js$/],
  ['syntaxes', /\.tmLanguage\.json$/],
  ['client/walkthrough', /\.md$/],
  ['images', /^icon\.png$/],
  ['.', /^(README\.md|CHANGELOG\.md|LICENSE)$/],
];

/** Fields of package.json that are for the repository and the npm package, not the extension. */
const NOT_FOR_THE_VSIX = ['files', 'scripts', 'devDependencies', 'allowScripts', 'bin'];

function stage(root) {
  const dir = mkdtempSync(join(tmpdir(), 'image-trust-vsix-'));
  const files = [];
  for (const [folder, name] of VSIX_FILES) {
    const from = join(root, folder);
    const picked = existsSync(from)
      ? readdirSync(from)
          .filter((f) => name.test(f))
          .sort()
      : [];
    if (!picked.length) throw new Error(`${folder}: no file matches ${name} (run npm run build first?)`);
    mkdirSync(join(dir, folder), { recursive: true });
    for (const f of picked) {
      copyFileSync(join(from, f), join(dir, folder, f));
      files.push(folder === '.' ? f : `${folder}/${f}`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const key of NOT_FOR_THE_VSIX) delete manifest[key];
  manifest.files = files;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

function vsce(root, cwd, args) {
  return spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), ...args], {
    cwd,
    encoding: 'utf8',
    input: 'y\n',
  });
}

/** Packages `out`; returns vsce's output. Throws with vsce's output when it fails. */
export function packageVsix(out, root = ROOT) {
  const dir = stage(root);
  try {
    const r = vsce(root, dir, ['package', '--no-dependencies', '-o', resolve(out)]);
    if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    return r.stdout + r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files vsce would put in the VSIX, one per line, as `vsce ls` prints them. */
export function listVsix(root = ROOT) {
  const dir = stage(root);
  try {
    const r = vsce(root, dir, ['ls', '--no-dependencies']);
    if (r.status !== 0) throw new Error(`vsce ls failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    return r.stdout.split('\n').filter(Boolean).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--ls')) {
    console.log(listVsix().join('\n'));
  } else {
    const i = process.argv.indexOf('-o');
    const out = i > 0 && process.argv[i + 1] ? process.argv[i + 1] : 'image-trust.vsix';
    process.stdout.write(packageVsix(out));
  }
}
