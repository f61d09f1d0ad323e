// Finds the files to read: PATH arguments are files or folders; folders are walked skipping .git,
// node_modules and whatever the .gitignore files on the way ignore (rules apply to their subtree).
// Files are read with files/regularFile.ts: only regular files, capped. A recognised file that
// cannot be read completely is a problem that makes `check` incomplete, never a silent skip.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { detectFileKind, mayHoldReferences, recognisedByName } from '../extract/index.js';
import { MAX_FILE_BYTES, readRegularFile } from '../files/regularFile.js';
import type { ReferenceSource } from '../model/reference.js';
import { addGitlabIncludes } from './gitlabIncludes.js';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export interface FoundFile {
  /** absolute path */
  absolute: string;
  /** relative to the current folder, forward slashes (SPEC §2 `file`) */
  display: string;
  kind: ReferenceSource;
  /** the file as read; fixes are spliced into these bytes */
  bytes: Buffer;
  /** the bytes decoded as UTF-8 (invalid sequences as U+FFFD) */
  text: string;
}

/** unreadable: bad input (exit status 2); incomplete: a recognised file not read completely (exit
 * status 3 for check); note: worth saying, changes nothing. */
type ProblemKind = 'unreadable' | 'incomplete' | 'note';

export interface InputProblem {
  /** the file as shown (SPEC §2 `file`) */
  file: string;
  /** `:line:col` where in the file, when known */
  at?: string;
  message: string;
  kind: ProblemKind;
  /** for the summary: why the file is incomplete, in a few words */
  why?: string;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

export async function collectFiles(
  paths: string[],
  cwd: string,
): Promise<{ files: FoundFile[]; problems: InputProblem[] }> {
  const files: FoundFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    let info;
    try {
      info = await stat(absolute);
    } catch (e) {
      problems.push({ file: display(cwd, absolute), message: reason(e), kind: 'unreadable' });
      continue;
    }
    if (info.isDirectory()) {
      await walk(absolute, cwd, [], files, problems, seen);
    } else {
      // A file named explicitly is read even when its name says nothing; content may (Kubernetes).
      await readCandidate(absolute, cwd, files, problems, seen, true);
    }
  }
  await addGitlabIncludes(
    files,
    problems,
    paths.map((p) => path.resolve(cwd, p)),
    cwd,
    MAX_FILE_BYTES,
  );
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, problems };
}

async function walk(
  dir: string,
  cwd: string,
  scopes: IgnoreScope[],
  files: FoundFile[],
  problems: InputProblem[],
  seen: Set<string>,
): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ file: display(cwd, dir), message: reason(e), kind: 'unreadable' });
    return;
  }
  const gitignore = entries.find((e) => e.isFile() && e.name === '.gitignore');
  let here = scopes;
  if (gitignore) {
    try {
      here = [...scopes, { base: dir, rules: ignore().add(await readFile(path.join(dir, '.gitignore'), 'utf8')) }];
    } catch (e) {
      problems.push({ file: display(cwd, path.join(dir, '.gitignore')), message: reason(e), kind: 'note' });
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (isIgnored(here, full, entry.isDirectory())) continue;
    // Folders are walked; symbolic links to folders are not (a link can loop). Everything else —
    // files, links, pipes, sockets, devices — is a candidate: a recognised name is read or reported.
    if (entry.isDirectory()) await walk(full, cwd, here, files, problems, seen);
    else await readCandidate(full, cwd, files, problems, seen, false);
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
  problems: InputProblem[],
  seen: Set<string>,
  explicit: boolean,
): Promise<void> {
  if (seen.has(full)) return;
  seen.add(full);
  const shown = display(cwd, full);
  if (!mayHoldReferences(full) && !explicit) return;
  const read = await readRegularFile(full);
  if (!read.ok) {
    if (read.refusal === 'not-regular' || read.refusal === 'too-large') {
      // a symbolic link to a folder in a walk is simply not followed
      if (!explicit && !detectFileKind(full) && read.message.includes('a folder')) return;
      // a huge `*.yaml` or `*.image` met on a walk is most likely data or a disk image, not a
      // manifest or a unit: said, but not "incomplete" (only what its name makes ours is)
      const ours = explicit || recognisedByName(full);
      problems.push({
        file: shown,
        message: read.message,
        kind: ours ? 'incomplete' : 'note',
        why: read.refusal === 'too-large' ? 'too large' : 'not a regular file',
      });
    } else {
      problems.push({ file: shown, message: read.message, kind: 'unreadable' });
    }
    return;
  }
  // one file under two names (a link beside its target) is read once: its first name in walk order
  const identity = `inode:${read.stats.dev}:${read.stats.ino}`;
  if (seen.has(identity)) return;
  seen.add(identity);
  const text = read.bytes.toString('utf8');
  const kind = detectFileKind(full, text);
  if (!kind) {
    if (explicit)
      problems.push({
        file: shown,
        message: 'not a recognised file type (image-trust --help lists them); skipped',
        kind: 'note',
      });
    return;
  }
  files.push({ absolute: full, display: shown, kind, bytes: read.bytes, text });
}

function display(cwd: string, full: string): string {
  const rel = path.relative(cwd, full) || path.basename(full);
  return rel.split(path.sep).join('/');
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or folder';
  if (err.code === 'EACCES') return 'permission denied';
  return err.message ?? String(e);
}
