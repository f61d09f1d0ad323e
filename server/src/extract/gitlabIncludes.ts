// GitLab CI `include: local:`: the files a pipeline pulls in are GitLab CI files whatever their
// names (SPEC §4). `gitlabLocalIncludes` reads one file's includes (pure); `followLocalIncludes`
// follows them transitively through a host that reads files (the CLI's file system, the language
// server's documents), so both views recognise the same files. Paths are from the repository root;
// cycles, missing files and paths that leave the root are reported, never followed twice.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { asNode, getValue } from './yamlNodes.js';
import { parseYamlDocuments, scalarString } from './yamlRanges.js';

interface LocalIncludes {
  /** repository-relative paths as written, without a leading `/`; may hold `*` / `**` wildcards */
  paths: string[];
  /** local includes that name variables (`$CI_…`), known only when the pipeline runs */
  unresolved: string[];
}

/**
 * The local includes of a GitLab CI file: `include: path`, `include: [path, {local: path}, …]`,
 * `include: {local: path}`. A bare string is local unless it is a URL; `project:`, `remote:`,
 * `template:` and `component:` includes live elsewhere and are not followed. Never throws.
 */
export function gitlabLocalIncludes(text: string): LocalIncludes {
  const out: LocalIncludes = { paths: [], unresolved: [] };
  if (!text.includes('include')) return out;
  for (const doc of parseYamlDocuments(text)) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const include = getValue(root, 'include');
    const entries = isSeq(include) ? include.items.map(asNode) : [include];
    for (const entry of entries) {
      const written = localPath(text, entry);
      if (written === null) continue;
      if (written.includes('$')) out.unresolved.push(written);
      else out.paths.push(written.replace(/^\/+/, ''));
    }
    break; // GitLab reads the first document only
  }
  return out;
}

function localPath(text: string, entry: Node | null): string | null {
  if (isScalar(entry)) {
    const s = scalarString(text, entry);
    return s && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : null;
  }
  if (!isMap(entry)) return null;
  const local = getValue(entry, 'local');
  return isScalar(local) ? scalarString(text, local) || null : null;
}

/** How a host gives files: repository-relative paths with forward slashes. */
export interface IncludeHost {
  /** the text of a file, or null when it does not exist or cannot be read */
  read(path: string): Promise<string | null>;
  /** the entries of a folder (for wildcards), or null when it cannot be listed */
  list(folder: string): Promise<Array<{ name: string; folder: boolean }> | null>;
}

interface IncludedFile {
  path: string;
  text: string;
}

interface IncludeProblem {
  /** the file whose include could not be followed */
  file: string;
  message: string;
}

/** GitLab's own limit on included files per pipeline. */
export const MAX_INCLUDES = 150;
/** Wildcards look at no more entries than this (a wildcard over a huge tree is a mistake). */
const MAX_LISTED = 10_000;

/**
 * Every file the `starts` include, transitively (the starts themselves are not in `files`). A
 * file is read once however many include it; an include of a file that is still being followed
 * is a cycle and reported.
 */
export async function followLocalIncludes(
  starts: IncludedFile[],
  host: IncludeHost,
): Promise<{ files: IncludedFile[]; problems: IncludeProblem[] }> {
  const files: IncludedFile[] = [];
  const problems: IncludeProblem[] = [];
  const visited = new Set(starts.map((s) => normalise(s.path) ?? s.path));
  const visit = async (file: IncludedFile, chain: string[]): Promise<void> => {
    const { paths, unresolved } = gitlabLocalIncludes(file.text);
    for (const u of unresolved)
      problems.push({
        file: file.path,
        message: `include ${u} names a variable, known only when the pipeline runs: not followed`,
      });
    for (const written of paths) {
      for (const path of await resolve(written, file.path, host, problems)) {
        if (chain.includes(path)) {
          problems.push({ file: file.path, message: `include cycle: ${[...chain, path].join(' → ')}` });
          continue;
        }
        if (visited.has(path)) continue;
        if (visited.size - starts.length >= MAX_INCLUDES) {
          problems.push({
            file: file.path,
            message: `more than ${MAX_INCLUDES} included files: ${path} and later ones not followed`,
          });
          return;
        }
        visited.add(path);
        const text = await host.read(path);
        if (text === null) {
          problems.push({ file: file.path, message: `included file ${path} does not exist or cannot be read` });
          continue;
        }
        const included = { path, text };
        files.push(included);
        await visit(included, [...chain, path]);
      }
    }
  };
  for (const start of starts) await visit(start, [normalise(start.path) ?? start.path]);
  return { files, problems };
}

/** The files one written include names: itself, or what its wildcard matches. */
async function resolve(
  written: string,
  from: string,
  host: IncludeHost,
  problems: IncludeProblem[],
): Promise<string[]> {
  const path = normalise(written);
  if (path === null) {
    problems.push({ file: from, message: `include ${written} leaves the repository: not followed` });
    return [];
  }
  if (!path.includes('*')) return [path];
  const matches = await expandWildcard(path, host);
  if (matches.length === 0) problems.push({ file: from, message: `include ${written} matches no file` });
  return matches;
}

/** `a/./b/../c` → `a/c`; null when `..` climbs above the root. */
function normalise(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.pop() === undefined) return null;
    } else out.push(part);
  }
  return out.join('/');
}

/** GitLab's wildcards: `*` within a folder, `**` across folders (`configs/**.yml`). */
async function expandWildcard(pattern: string, host: IncludeHost): Promise<string[]> {
  const parts = pattern.split('/');
  const wild = parts.findIndex((p) => p.includes('*'));
  const fixed = parts.slice(0, wild).join('/');
  // `**`, or a wildcard in a folder name (`*/ci.yml`): look below the fixed part
  const deep = pattern.includes('**') || wild < parts.length - 1;
  const re = new RegExp(
    `^${pattern
      .split(/(\*\*\/?|\*)/)
      .map((p) => (p.startsWith('**') ? '.*' : p === '*' ? '[^/]*' : p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
  const found: string[] = [];
  const queue = [fixed];
  let listed = 0;
  while (queue.length && listed < MAX_LISTED) {
    const folder = queue.shift() as string;
    const entries = (await host.list(folder)) ?? [];
    listed += entries.length;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = folder ? `${folder}/${e.name}` : e.name;
      if (e.folder) {
        if (deep && e.name !== '.git' && e.name !== 'node_modules') queue.push(path);
      } else if (re.test(path) && /\.ya?ml$/.test(path)) found.push(path);
    }
  }
  return found.sort();
}
