// The persistent facts cache: one JSON file in cacheDir, loaded at start (so a restart or going
// offline still shows facts "as of" their time), written debounced and atomically (temp file +
// rename), bounded in entries and in bytes (each entry, and the file: the oldest go first). Only
// facts are stored — no credentials, tokens or headers exist in them. A missing, corrupt or oversized
// file is an empty cache.
import envPaths from 'env-paths';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFacts } from '../model/facts.js';

export const DISK_CACHE_FILE = 'facts-cache.json';
const VERSION = 1;
const DISK_MAX_ENTRIES = 2000;
/** one entry's JSON; facts are bounded at parse time (limits.ts), so only a surprise is this big */
const DISK_MAX_ENTRY_BYTES = 64 * 1024;
/** the whole file: reading it must stay cheap for every later run */
export const DISK_MAX_FILE_BYTES = 8 * 1024 * 1024;
const DEBOUNCE_MS = 2000;

interface DiskRecord {
  key: string;
  facts: ImageFacts;
}

export class DiskCache {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(
    private readonly dir: string,
    /** what to write: called when the debounce fires, so it always writes the latest state */
    private readonly snapshot: () => DiskRecord[],
    private readonly log?: (message: string) => void,
  ) {
    this.file = join(dir, DISK_CACHE_FILE);
  }

  async load(): Promise<DiskRecord[]> {
    let raw: unknown;
    try {
      // a file far past the bound (an older version wrote one) is not worth parsing: start empty
      if ((await stat(this.file)).size > DISK_MAX_FILE_BYTES) return [];
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (typeof raw !== 'object' || raw === null) return [];
    const r = raw as { version?: unknown; entries?: unknown };
    if (r.version !== VERSION || !Array.isArray(r.entries)) return [];
    return r.entries.filter(isRecordShape).slice(-DISK_MAX_ENTRIES);
  }

  /** Schedule a write; many changes within the debounce become one write. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const entries = boundedJson(this.snapshot());
    this.writing = this.writing.then(() => this.write(entries));
    return this.writing;
  }

  async remove(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writing;
    await rm(this.file, { force: true });
  }

  private async write(entries: string[]): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, `{"version":${VERSION},"entries":[${entries.join(',')}]}`, { mode: 0o600 });
      await rename(tmp, this.file);
    } catch (e) {
      this.log?.(`facts cache not written: ${(e as Error).message}`);
      await rm(tmp, { force: true }).catch(() => {});
    }
  }
}

/** The newest records (the snapshot is oldest first) as JSON, each within DISK_MAX_ENTRY_BYTES
 * and all together within DISK_MAX_FILE_BYTES and DISK_MAX_ENTRIES; oldest first again. */
function boundedJson(records: DiskRecord[]): string[] {
  const out: string[] = [];
  let bytes = 64;
  for (let i = records.length - 1; i >= 0 && out.length < DISK_MAX_ENTRIES; i--) {
    const json = JSON.stringify(records[i]);
    const size = Buffer.byteLength(json) + 1;
    if (size > DISK_MAX_ENTRY_BYTES) continue;
    if (bytes + size > DISK_MAX_FILE_BYTES) break;
    bytes += size;
    out.push(json);
  }
  return out.reverse();
}

function isRecordShape(v: unknown): v is DiskRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { key?: unknown; facts?: unknown };
  if (typeof r.key !== 'string' || typeof r.facts !== 'object' || r.facts === null) return false;
  const f = r.facts as Partial<ImageFacts>;
  const listOrNull = (v: unknown) => v === null || Array.isArray(v);
  return (
    typeof f.fetchedAt === 'number' &&
    listOrNull(f.platforms) &&
    Array.isArray(f.signatures) &&
    listOrNull(f.attestations)
  );
}

/** The user cache folder for facts when the caller has none of its own: $IMAGE_TRUST_CACHE_DIR,
 * else the platform's cache folder (XDG_CACHE_HOME/image-trust on Linux). */
export function userCacheDir(): string {
  return process.env.IMAGE_TRUST_CACHE_DIR || envPaths('image-trust', { suffix: '' }).cache;
}
