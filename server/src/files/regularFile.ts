// Reading a file named by a repository, a path argument or a client: only a regular file, and only
// up to a cap. A FIFO would block the read forever (and, in the server, a libuv thread with it), a
// device such as /dev/zero never ends, a socket cannot be read: the file is opened without blocking
// (O_NONBLOCK: opening a FIFO with no writer returns at once), then its handle is checked — after
// the open, so a symlink swapped in between cannot slip past — and anything but a regular file is
// refused. Shared by the CLI (cli/walk.ts, cli/fix.ts) and the server (lsp/documents.ts).
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Larger files are not read: 64 MiB (far above any real manifest; a bound on memory). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

type ReadRefusal = 'missing' | 'denied' | 'not-regular' | 'too-large' | 'error';

type ReadResult = { ok: true; bytes: Buffer; stats: Stats } | { ok: false; refusal: ReadRefusal; message: string };

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export async function readRegularFile(path: string | URL, maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (e) {
    return refusal(e);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      return { ok: false, refusal: 'not-regular', message: `not a regular file: ${kindOf(stats)}; not read` };
    if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
    // read to the end, not to the size fstat gave: a file that grows is still capped
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // the size fstat gave (plus one byte to see the end), else 64 KiB at a time, never past the cap
      const want = Math.min(maxBytes + 1 - total, Math.max(stats.size - total + 1, 65536));
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(total, maxBytes, true);
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), stats };
  } catch (e) {
    return refusal(e);
  } finally {
    await handle.close().catch(() => {});
  }
}

function tooLarge(size: number, max: number, atLeast = false): ReadResult {
  return {
    ok: false,
    refusal: 'too-large',
    message: `file is too large (${atLeast ? 'over ' : ''}${size} bytes; limit ${max}); not read`,
  };
}

function refusal(e: unknown): ReadResult {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return { ok: false, refusal: 'missing', message: 'no such file or folder' };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, refusal: 'denied', message: 'permission denied' };
    case 'EISDIR':
      return { ok: false, refusal: 'not-regular', message: 'not a regular file: a folder; not read' };
    case 'ENXIO': // a socket, or a FIFO opened for writing without a reader
    case 'ENODEV':
      return { ok: false, refusal: 'not-regular', message: 'not a regular file: a socket or device; not read' };
    default:
      return { ok: false, refusal: 'error', message: err.message ?? String(e) };
  }
}
