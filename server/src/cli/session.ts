// What every CLI command shares: settings from --config, the files and their references, and (for
// check and fix) the facts service. Problems are collected, not thrown.
import path from 'node:path';
import { extractFile } from '../extract/index.js';
import { readRegularFile } from '../files/regularFile.js';
import { createFactsService, lookupMany, userCacheDir } from '../hub/index.js';
import type { FactsService } from '../hub/types.js';
import type { ImageFacts } from '../model/facts.js';
import { lookupKey, type ImageReference } from '../model/reference.js';
import { normalizeSettings, type Settings } from '../model/settings.js';
import type { CliOptions } from './args.js';
import { RULE_DEFAULTS } from '../policy/index.js';
import { withKnownMaliciousLists } from '../policy/malicious/files.js';
import { collectFiles, type FoundFile, type InputProblem } from './walk.js';

interface FileReferences {
  file: FoundFile;
  references: ImageReference[];
}

export class ConfigError extends Error {}

/** A settings file is small: 1 MiB. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Settings from --config (none: the defaults), with the known-malicious lists they name read in
 * (relative paths from the current folder). */
export async function loadSettings(
  configPath: string | null,
  cwd: string,
  warn: (m: string) => void,
): Promise<Settings> {
  const settings = await readConfig(configPath, cwd, warn);
  return withKnownMaliciousLists(settings, cwd, warn);
}

async function readConfig(configPath: string | null, cwd: string, warn: (m: string) => void): Promise<Settings> {
  if (!configPath) return normalizeSettings({}, warn, RULE_DEFAULTS);
  const read = await readRegularFile(path.resolve(cwd, configPath), MAX_CONFIG_BYTES);
  if (!read.ok) throw new ConfigError(`${configPath}: ${read.message}`);
  let raw: unknown;
  try {
    // a byte order mark is how some editors save UTF-8; JSON.parse would reject it
    raw = JSON.parse(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${configPath}: invalid JSON: ${(e as Error).message}`);
  }
  return normalizeSettings(raw, (m) => warn(`${configPath}: ${m}`), RULE_DEFAULTS);
}

export async function extractAll(
  options: CliOptions,
  cwd: string,
): Promise<{ files: FileReferences[]; problems: InputProblem[] }> {
  const { files, problems } = await collectFiles(options.paths, cwd);
  const out: FileReferences[] = [];
  for (const file of files) {
    const result = extractFile(file.display, file.text, file.kind);
    for (const p of result.problems) {
      const at = p.range ? `:${p.range.start.line + 1}:${p.range.start.character + 1}` : '';
      problems.push({ file: file.display, at, message: p.message, kind: 'incomplete', why: 'a problem in the file' });
    }
    out.push({ file, references: result.references });
  }
  return { files: out, problems };
}

export type OpenFacts = (
  settings: Settings,
  options: Pick<CliOptions, 'offline' | 'verify'>,
  log: (m: string) => void,
) => FactsService;

export const openFactsService: OpenFacts = (settings, options, log) => {
  // Lookup outcomes are in the output already; stderr gets only what needs attention.
  return createFactsService({
    settings,
    offline: options.offline,
    describe: false, // no description in CLI output: one request per image saved
    verify: options.verify, // else only images a trust policy names
    // the user cache folder (XDG_CACHE_HOME on Linux), so --offline and later runs see facts "as of" their time
    cacheDir: userCacheDir(),
    trusted: true,
    log: (level, m) => {
      if (level === 'warn' || level === 'error' || process.env.IMAGE_TRUST_DEBUG) log(m);
    },
  });
};

/** Looks up every distinct image once and returns a getter. */
async function lookupAll(
  service: FactsService,
  files: FileReferences[],
): Promise<(ref: ImageReference) => ImageFacts | undefined> {
  const settled = await lookupMany(
    service,
    files.flatMap((f) => f.references),
  );
  return (ref) => settled.get(lookupKey(ref));
}

export interface LookedUp {
  files: FileReferences[];
  problems: InputProblem[];
  service: FactsService;
  factsFor: (ref: ImageReference) => ImageFacts | undefined;
}

/** The files of `options.paths` read and every distinct image in them looked up once; `body` runs
 * with them, and the facts service is disposed after it, whatever happens (check, fix). */
export async function withLookups<T>(
  options: CliOptions,
  settings: Settings,
  cwd: string,
  openFacts: OpenFacts,
  log: (m: string) => void,
  body: (l: LookedUp) => Promise<T>,
): Promise<T> {
  const { files, problems } = await extractAll(options, cwd);
  const service = openFacts(settings, options, log);
  try {
    return await body({ files, problems, service, factsFor: await lookupAll(service, files) });
  } finally {
    await service.dispose();
  }
}
