// `image-trust fix`: pin every reference it can to its digest, in place. Only the references' own
// bytes change: edits are spliced into the bytes as read (invalid UTF-8 and Latin-1 stay as they
// are), inserted lines use the file's own line ending (extract builds them so), the file is
// written to a temporary file beside it and renamed over it (its mode kept), and a file that
// changed while fix waited for lookups is refused, not overwritten. --dry-run prints the diff of
// exactly those bytes.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { readRegularFile } from '../files/regularFile.js';
import type { Settings } from '../model/settings.js';
import { pinAllEdits } from '../policy/index.js';
import type { CliOptions } from './args.js';
import { count, reportProblems, tally } from './commands.js';
import { spliceEdits } from './edits.js';
import { safeLine, type Io, type Output } from './output.js';
import { withLookups, type OpenFacts } from './session.js';
import { location } from './text.js';
import { findUpdates } from './updates.js';
import { showBytes } from './utf8.js';
import type { FoundFile } from './walk.js';

export async function runFix(
  options: CliOptions,
  settings: Settings,
  io: Io,
  out: Output,
  openFacts: OpenFacts,
): Promise<number> {
  return withLookups(
    options,
    settings,
    io.cwd,
    openFacts,
    (m) => out.error(m),
    async ({ files, problems, service, factsFor }) => {
      const roots = await writableRoots(options.paths, io.cwd);
      const updates = options.update
        ? await findUpdates(
            service,
            files.flatMap((f) => f.references),
            factsFor,
          )
        : [];
      let changedFiles = 0;
      let pinned = 0;
      let unwritten = 0;
      const notPinned: string[] = [];
      for (const { file, references } of files) {
        // a reference that moves along its track is pinned by its update; the others as always
        const moved = updates.filter((u) => references.includes(u.ref));
        for (const u of moved)
          out.error(`${location(u.ref)}: updated ${u.from} → ${u.fix.title.replace(/^Update to /, '')}`);
        const pins = pinAllEdits(
          references.filter((r) => !moved.some((u) => u.ref === r)),
          factsFor,
        );
        const edits = [...moved.map((u) => u.fix.edit), ...pins.edits];
        const { skipped } = pins;
        for (const ref of skipped) {
          const error = factsFor(ref)?.error;
          out.error(`${location(ref)}: not pinned: ${error?.message ?? ref.noFixReason ?? 'no digest known'}`);
          notPinned.push(error ? error.kind : ref.noFixReason ? 'no place to write the pin' : 'no digest known');
        }
        if (!edits.length) continue;
        let next: Buffer;
        try {
          next = spliceEdits(file.bytes, file.text, edits);
        } catch (e) {
          out.error(`${file.display}: not written: ${(e as Error).message}`);
          unwritten++;
          continue;
        }
        const refused = options.dryRun ? null : await writeInPlace(file, next, roots);
        if (refused) {
          out.error(`${file.display}: ${refused}`);
          unwritten++;
          continue;
        }
        if (options.dryRun) out.lines(diff(file.display, file.bytes, next));
        changedFiles++;
        pinned += edits.length;
      }
      const verb = options.dryRun
        ? options.update
          ? 'would pin or update'
          : 'would pin'
        : options.update
          ? 'pinned or updated'
          : 'pinned';
      const done = `${verb} ${count(pinned, 'reference')} in ${count(changedFiles, 'file')}${options.update ? ` (${count(updates.length, 'update')})` : ''}`;
      const left = [
        notPinned.length ? `${count(notPinned.length, 'reference')} not pinned (${tally(notPinned)})` : null,
        unwritten ? `${count(unwritten, 'file')} not written` : null,
      ].filter((s) => s !== null);
      out.error([done, ...left].join('; '));
      return reportProblems(problems, out) || unwritten ? 2 : 0;
    },
  );
}

/** Where fix may write: inside the folders given (their real paths), or a file given by name. */
interface Root {
  real: string;
  folder: boolean;
}

async function writableRoots(paths: readonly string[], cwd: string): Promise<Root[]> {
  const roots: Root[] = [];
  for (const p of paths) {
    try {
      const real = await realpath(path.resolve(cwd, p));
      roots.push({ real, folder: (await stat(real)).isDirectory() });
    } catch {
      // a path that cannot be resolved holds no file to write
    }
  }
  return roots;
}

/** A link met on a walk may point anywhere: a file outside every folder given is not ours to change. */
function mayWrite(target: string, roots: readonly Root[]): boolean {
  return roots.some((r) =>
    r.folder
      ? target === r.real || target.startsWith(r.real.endsWith(path.sep) ? r.real : r.real + path.sep)
      : target === r.real,
  );
}

/** Writes `next` over the file, or says why not. */
async function writeInPlace(file: FoundFile, next: Buffer, roots: readonly Root[]): Promise<string | null> {
  let target: string;
  try {
    target = await realpath(file.absolute); // through a symbolic link: the link stays a link
  } catch (e) {
    return (e as Error).message;
  }
  if (!mayWrite(target, roots)) return 'a link to a file outside the folders given; not written';
  const now = await readRegularFile(target);
  if (!now.ok) return now.message;
  if (!now.bytes.equals(file.bytes))
    return 'changed since it was read (edited while lookups ran?); not written — run image-trust fix again';
  // a rename would replace a read-only file as easily as any other: honour the mode
  if ((now.stats.mode & 0o222) === 0) return 'read-only; not written';
  try {
    await access(target, constants.W_OK);
  } catch {
    return 'permission denied; not written';
  }
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.image-trust-${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(next);
      await handle.chmod(now.stats.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return null;
  } catch (e) {
    await rm(temp, { force: true });
    const err = e as NodeJS.ErrnoException;
    return err.code === 'EACCES' || err.code === 'EPERM'
      ? 'permission denied (the folder is not writable); not written'
      : `not written: ${err.message}`;
  }
}

/** A unified diff of the bytes: lines split where the file splits them (LF, CRLF, CR), invalid
 * bytes shown as `\xNN`, a lone CR line end as `\r`; CRLF line ends are kept as they are. */
function diff(name: string, before: Buffer, after: Buffer): string[] {
  const shown = (b: Buffer) => showBytes(b).replace(/\r(?!\n)/g, '\\r\n');
  const safeName = safeLine(name);
  const patch = createTwoFilesPatch(`a/${safeName}`, `b/${safeName}`, shown(before), shown(after));
  return patch.replace(/\n$/, '').split('\n');
}
