// Content-addressed bytes kept by digest: image indexes and BuildKit attestation manifests (folder
// `manifests`), signature manifests and their blobs (folder `signatures`). A digest's bytes never
// change, so one read is good for good: on Docker Hub, where every manifest GET is a counted pull,
// each costs at most one pull per machine, ever. Kept in memory (bounded) and, with a cache folder,
// as one file per digest under `<cacheDir>/<folder>/` (bounded in files and bytes, oldest removed
// first). A file is checked against its digest when read: a damaged or altered one is dropped.
// Concurrent reads of one digest share one request.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { digestOrNull } from './edge.js';
import { Memo } from './memo.js';
import { digestOf } from './registryClient.js';

/** a manifest larger than this is used but not kept (real indexes are a few kB) */
export const STORE_MAX_MANIFEST_BYTES = 256 * 1024;
export const STORE_MAX_FILES = 2000;
export const STORE_MAX_BYTES = 32 * 1024 * 1024;
const MEMORY_ENTRIES = 256;
/** the folder is trimmed on the first write of a process and every this many after */
export const EVICT_EVERY = 100;

export class ManifestStore {
  // in memory too, bounded in bytes as on disk: a manifest too big to keep is only shared in flight
  private readonly memo = new Memo<string, Buffer>({
    maxEntries: MEMORY_ENTRIES,
    ttlMs: (b) => (b.length <= STORE_MAX_MANIFEST_BYTES ? Infinity : 0),
    now: Date.now,
  });
  private readonly dir: string | null;
  private writes = 0;

  constructor(
    cacheDir: string | null,
    private readonly log: (message: string) => void = () => {},
    private readonly bounds = { files: STORE_MAX_FILES, bytes: STORE_MAX_BYTES },
    folder = 'manifests',
  ) {
    this.dir = cacheDir ? join(cacheDir, folder) : null;
  }

  /** The manifest with `digest`: kept, or fetched once with `fetch` (which must return bytes that
   * hash to the digest, or null when the registry has none: then NotFound is thrown) and kept. */
  get(digest: string, fetch: () => Promise<Buffer | null>): Promise<Buffer> {
    return this.memo.get(digest, async () => (await this.readFile(digest)) ?? this.fetchAndKeep(digest, fetch));
  }

  /** The bytes kept already (memory or disk), without any request; null when not kept. */
  async kept(digest: string): Promise<Buffer | null> {
    return this.memo.peek(digest)?.value ?? (await this.readFile(digest));
  }

  /** Kept already (memory or disk), without any request. */
  async has(digest: string): Promise<boolean> {
    return (await this.kept(digest)) !== null;
  }

  async clear(): Promise<void> {
    this.memo.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async fetchAndKeep(digest: string, fetch: () => Promise<Buffer | null>): Promise<Buffer> {
    const bytes = await fetch();
    if (bytes === null) throw new NotFound(digest);
    await this.writeFile(digest, bytes);
    return bytes;
  }

  private fileOf(digest: string): string | null {
    if (!this.dir || digestOrNull(digest) === null) return null;
    return join(this.dir, digest.replace(':', '-'));
  }

  private async readFile(digest: string): Promise<Buffer | null> {
    const file = this.fileOf(digest);
    if (!file) return null;
    try {
      const bytes = await readFile(file);
      if (digestOf(bytes, digest) === digest) return bytes;
      await rm(file, { force: true });
    } catch {
      // not kept
    }
    return null;
  }

  private async writeFile(digest: string, bytes: Buffer): Promise<void> {
    const file = this.fileOf(digest);
    if (!file || !this.dir || bytes.length > STORE_MAX_MANIFEST_BYTES) return;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
      // bound the folder now and then, not on every write
      if (++this.writes % EVICT_EVERY === 1) await this.evict();
    } catch (e) {
      this.log(`manifest not kept: ${(e as Error).message}`);
      await rm(tmp, { force: true }).catch(() => {});
    }
  }

  /** Oldest first until both bounds hold. */
  private async evict(): Promise<void> {
    if (!this.dir) return;
    const dir = this.dir;
    const names = (await readdir(dir)).filter((n) => !n.endsWith('.tmp'));
    const files = await Promise.all(
      names.map(async (n) => {
        const s = await stat(join(dir, n)).catch(() => null);
        return { path: join(dir, n), size: s?.size ?? 0, time: s?.mtimeMs ?? 0 };
      }),
    );
    files.sort((a, b) => a.time - b.time);
    let bytes = files.reduce((n, f) => n + f.size, 0);
    let count = files.length;
    for (const f of files) {
      if (count <= this.bounds.files && bytes <= this.bounds.bytes) break;
      await rm(f.path, { force: true });
      count--;
      bytes -= f.size;
    }
  }
}

/** The registry has no manifest with this digest (not cached: it may appear). */
export class NotFound extends Error {
  constructor(readonly digest: string) {
    super(`no manifest ${digest}`);
  }
}
