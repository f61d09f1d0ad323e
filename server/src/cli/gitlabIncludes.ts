// The CLI side of GitLab CI `include: local:` (SPEC §4): the files that the recognised GitLab CI
// files include are read too, as gitlab-ci, whatever their names. Paths are from the repository
// root: the nearest folder up holding `.git`, else the folder scanned.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { followLocalIncludes, type IncludeHost } from '../extract/gitlabIncludes.js';
import { readRegularFile } from '../files/regularFile.js';
import type { FoundFile, InputProblem } from './walk.js';

/**
 * Adds to `files` (in place) every file that a gitlab-ci file of `files` includes, and a problem
 * for each include that cannot be followed. `scanned` are the folders (and files) given as PATHs.
 */
export async function addGitlabIncludes(
  files: FoundFile[],
  problems: InputProblem[],
  scanned: string[],
  cwd: string,
  maxBytes: number,
): Promise<void> {
  const byRoot = new Map<string, FoundFile[]>();
  for (const file of files) {
    if (file.kind !== 'gitlab-ci') continue;
    const root = await repositoryRoot(file.absolute, scanned);
    byRoot.set(root, [...(byRoot.get(root) ?? []), file]);
  }
  const known = new Map(files.map((f) => [f.absolute, f]));
  for (const [root, starts] of byRoot) {
    const bytesOf = new Map<string, Buffer>();
    const host = fileHost(root, maxBytes, bytesOf);
    const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
    const { files: included, problems: found } = await followLocalIncludes(
      starts.map((f) => ({ path: rel(f.absolute), text: f.text })),
      host,
    );
    // an include that cannot be followed leaves part of the pipeline unread; a cycle leaves nothing
    // unread (every file in it was read once)
    for (const p of found) {
      const cycle = p.message.startsWith('include cycle');
      problems.push({
        file: display(cwd, path.join(root, p.file)),
        message: p.message,
        kind: cycle ? 'note' : 'incomplete',
        why: 'an include not followed',
      });
    }
    for (const inc of included) {
      const absolute = path.join(root, ...inc.path.split('/'));
      const existing = known.get(absolute);
      // an included file is a GitLab CI file, whatever its name made of it
      if (existing) existing.kind = 'gitlab-ci';
      else {
        const bytes = bytesOf.get(absolute) ?? Buffer.from(inc.text, 'utf8');
        const file: FoundFile = { absolute, display: display(cwd, absolute), kind: 'gitlab-ci', bytes, text: inc.text };
        files.push(file);
        known.set(absolute, file);
      }
    }
  }
}

/** The nearest folder up from `file` holding `.git`; else the deepest scanned folder holding it. */
async function repositoryRoot(file: string, scanned: string[]): Promise<string> {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  const holding = scanned
    .filter((s) => file === s || file.startsWith(`${s}${path.sep}`))
    .sort((a, b) => b.length - a.length)[0];
  return holding && holding !== file ? holding : path.dirname(file);
}

/** Reads included files as the walk does (regular files only, capped), keeping their bytes for fix. */
function fileHost(root: string, maxBytes: number, bytesOf: Map<string, Buffer>): IncludeHost {
  const abs = (p: string) => path.join(root, ...p.split('/').filter(Boolean));
  return {
    async read(p) {
      const read = await readRegularFile(abs(p), maxBytes);
      if (!read.ok) return null;
      bytesOf.set(abs(p), read.bytes);
      return read.bytes.toString('utf8');
    },
    async list(p) {
      try {
        return (await readdir(abs(p), { withFileTypes: true })).map((e) => ({ name: e.name, folder: e.isDirectory() }));
      } catch {
        return null;
      }
    },
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

function display(cwd: string, full: string): string {
  return (path.relative(cwd, full) || path.basename(full)).split(path.sep).join('/');
}
