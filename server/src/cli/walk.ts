// Finds the files to read: PATH arguments are files or folders; folders are walked skipping .git,
// node_modules and whatever the .gitignore files on the way ignore (rules apply to their subtree).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { detectFileKind, mayHoldReferences } from '../extract/index.js';
import type { ReferenceSource } from '../model/reference.js';
import { addGitlabIncludes } from './gitlabIncludes.js';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
/** Files larger than this are not read (reported as a problem): 64 MiB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface FoundFile {
  /** absolute path */
  absolute: string;
  /** relative to the current folder, forward slashes (SPEC §2 `file`) */
  display: string;
  kind: ReferenceSource;
  text: string;
}

export interface WalkProblem {
  file: string;
  message: string;
  /** unreadable input (exit status 2) rather than a warning */
  fatal: boolean;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

export async function collectFiles(paths: string[], cwd: string): Promise<{ files: FoundFile[]; problems: WalkProblem[] }> {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    let info;
    try {
      info = await stat(absolute);
    } catch (e) {
      problems.push({ file: display(cwd, absolute), message: reason(e), fatal: true });
      continue;
    }
    if (info.isDirectory()) {
      await walk(absolute, cwd, [], files, problems, seen);
    } else {
      // A file named explicitly is read even when its name says nothing; content may (Kubernetes).
      await readCandidate(absolute, cwd, files, problems, seen, true);
    }
  }
  await addGitlabIncludes(files, problems, paths.map((p) => path.resolve(cwd, p)), cwd, MAX_FILE_BYTES);
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, problems };
}

async function walk(
  dir: string,
  cwd: string,
  scopes: IgnoreScope[],
  files: FoundFile[],
  problems: WalkProblem[],
  seen: Set<string>,
): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ file: display(cwd, dir), message: reason(e), fatal: true });
    return;
  }
  const gitignore = entries.find((e) => e.isFile() && e.name === '.gitignore');
  let here = scopes;
  if (gitignore) {
    try {
      here = [...scopes, { base: dir, rules: ignore().add(await readFile(path.join(dir, '.gitignore'), 'utf8')) }];
    } catch (e) {
      problems.push({ file: display(cwd, path.join(dir, '.gitignore')), message: reason(e), fatal: false });
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (isIgnored(here, full, entry.isDirectory())) continue;
    if (entry.isDirectory()) await walk(full, cwd, here, files, problems, seen);
    else if (entry.isFile()) await readCandidate(full, cwd, files, problems, seen, false);
  }
}

function isIgnored(scopes: IgnoreScope[], full: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = path.relative(scope.base, full).split(path.sep).join('/');
    if (rel && scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

async function readCandidate(
  full: string,
  cwd: string,
  files: FoundFile[],
  problems: WalkProblem[],
  seen: Set<string>,
  explicit: boolean,
): Promise<void> {
  if (seen.has(full)) return;
  seen.add(full);
  const shown = display(cwd, full);
  if (!mayHoldReferences(full) && !explicit) return;
  let text: string;
  try {
    const info = await stat(full);
    if (info.size > MAX_FILE_BYTES) {
      problems.push({ file: shown, message: `file is too large (${info.size} bytes; limit ${MAX_FILE_BYTES})`, fatal: false });
      return;
    }
    text = await readFile(full, 'utf8');
  } catch (e) {
    problems.push({ file: shown, message: reason(e), fatal: true });
    return;
  }
  const kind = detectFileKind(full, text);
  if (!kind) {
    if (explicit) problems.push({ file: shown, message: 'not a recognised file type (image-trust --help lists them); skipped', fatal: false });
    return;
  }
  files.push({ absolute: full, display: shown, kind, text });
}

function display(cwd: string, full: string): string {
  const rel = path.relative(cwd, full) || path.basename(full);
  return rel.split(path.sep).join('/');
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or folder';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a folder';
  return err.message ?? String(e);
}
