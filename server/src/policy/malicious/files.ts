// Reading the user's known-malicious lists (`imageTrust.knownMalicious.lists`): the one place of
// policy that touches the disk, called by the views (CLI, language server) when settings load.
// Every failure is a problem naming the file, never an exception and never a silent skip.
import path from 'node:path';
import { readRegularFile } from '../../files/regularFile.js';
import type { Settings } from '../../model/settings.js';
import { MAX_LIST_BYTES, parseMaliciousList, type ListProblem, type MaliciousEntry, type ParsedList } from './list.js';

type ReadText = (absolutePath: string) => Promise<string>;

/** Reads a regular file of at most MAX_LIST_BYTES as UTF-8 (files/regularFile.ts: a FIFO or a
 * device named by a workspace's settings is refused at once, never waited on). */
async function readListFile(absolutePath: string): Promise<string> {
  const read = await readRegularFile(absolutePath, MAX_LIST_BYTES);
  if (read.ok) return read.bytes.toString('utf8');
  const reasons = {
    missing: 'no such file',
    'not-regular': 'not a regular file',
    'too-large': `larger than ${MAX_LIST_BYTES} bytes`,
  } as Partial<Record<string, string>>;
  throw new Error(reasons[read.refusal] ?? read.message);
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'not a regular file';
  return e instanceof Error ? e.message : String(e);
}

/** Loads the lists a setting names. Relative paths are taken from `baseDir` (the workspace folder,
 * or the current folder for the CLI); with no base they cannot be resolved and say so. */
export async function loadMaliciousLists(
  paths: readonly string[],
  baseDir: string | null,
  read: ReadText = readListFile,
): Promise<ParsedList> {
  const entries: MaliciousEntry[] = [];
  const problems: ListProblem[] = [];
  for (const file of paths) {
    if (!path.isAbsolute(file) && !baseDir) {
      problems.push({
        file,
        message: 'a relative path needs a workspace folder to be resolved against; the list is not used',
      });
      continue;
    }
    const absolute = path.resolve(baseDir ?? '', file);
    let text: string;
    try {
      text = await read(absolute);
    } catch (e) {
      problems.push({ file, message: `cannot be read (${why(e)}); the list is not used` });
      continue;
    }
    const parsed = parseMaliciousList(text, file);
    entries.push(...parsed.entries);
    problems.push(...parsed.problems);
  }
  return { entries, problems };
}

/** Settings with the entries of the lists they name read in; each problem is passed to `warn`
 * with the file it is about. */
export async function withKnownMaliciousLists(
  settings: Settings,
  baseDir: string | null,
  warn: (message: string) => void,
  read: ReadText = readListFile,
): Promise<Settings> {
  const { lists } = settings.knownMalicious;
  if (lists.length === 0) return settings;
  const { entries, problems } = await loadMaliciousLists(lists, baseDir, read);
  for (const p of problems) warn(`knownMalicious.lists: ${p.file}: ${p.message}`);
  const unused = [...new Set(problems.map((p) => p.file))];
  return { ...settings, knownMalicious: { lists, entries, unused } };
}
