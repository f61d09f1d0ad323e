// The language server's side of GitLab CI `include: local:` (SPEC §4): a YAML document that no
// name marks is a GitLab CI file when its repository's `.gitlab-ci.yml` includes it, directly or
// through other includes. The repository root is the nearest folder up holding `.git`, else the
// nearest holding a `.gitlab-ci.yml`. What a root includes is worked out once and kept until a
// GitLab CI document changes (`forget`).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { followLocalIncludes, type IncludeHost } from '../extract/gitlabIncludes.js';

const PIPELINE_FILES = ['.gitlab-ci.yml', '.gitlab-ci.yaml'];

export class GitlabIncludeIndex {
  /** repository root → the absolute paths its pipeline includes */
  private readonly roots = new Map<string, Promise<Set<string>>>();
  /** folder → its repository root (null: none) */
  private readonly folders = new Map<string, Promise<string | null>>();

  /** `read(uri)`: the open document's text, else the file's; undefined when neither can be read. */
  constructor(private readonly read: (uri: string) => Promise<string | undefined>) {}

  /** True when the file at `file` (an absolute path) is included by its repository's pipeline. */
  async includes(file: string): Promise<boolean> {
    const folder = path.dirname(file);
    let found = this.folders.get(folder);
    if (!found) {
      found = repositoryRoot(folder);
      this.folders.set(folder, found);
    }
    const root = await found;
    if (!root) return false;
    let included = this.roots.get(root);
    if (!included) {
      included = this.follow(root).catch(() => new Set<string>());
      this.roots.set(root, included);
    }
    return (await included).has(file);
  }

  /** Drops what is known (a GitLab CI document changed, so its includes may have). */
  forget(): void {
    this.roots.clear();
    this.folders.clear();
  }

  private async follow(root: string): Promise<Set<string>> {
    const abs = (p: string) => path.join(root, ...p.split('/').filter(Boolean));
    const host: IncludeHost = {
      read: async (p) => (await this.read(pathToFileURL(abs(p)).href).catch(() => undefined)) ?? null,
      list: async (p) => {
        try {
          return (await readdir(abs(p), { withFileTypes: true })).map((e) => ({
            name: e.name,
            folder: e.isDirectory(),
          }));
        } catch {
          return null;
        }
      },
    };
    const starts = [];
    for (const name of PIPELINE_FILES) {
      const text = await host.read(name);
      if (text !== null) starts.push({ path: name, text });
    }
    const { files } = await followLocalIncludes(starts, host);
    return new Set(files.map((f) => abs(f.path)));
  }
}

async function repositoryRoot(folder: string): Promise<string | null> {
  let pipeline: string | null = null;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir;
    if (!pipeline && (await Promise.all(PIPELINE_FILES.map((n) => exists(path.join(dir, n))))).some(Boolean))
      pipeline = dir;
    if (path.dirname(dir) === dir) return pipeline;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
