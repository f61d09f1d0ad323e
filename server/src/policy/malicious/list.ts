// The known-malicious list format, shared by the list shipped with the product
// (server/data/known-malicious.json) and the lists a user adds (`imageTrust.knownMalicious.lists`):
//
//   { "version": 1,
//     "entries": [ { "match": "namespace" | "repository" | "digest", "value": "…",
//                    "source": "https://…", "reported": "YYYY-MM-DD", "note": "…" } ] }
//
// `value` is a namespace (`docker123321`, `ghcr.io/someone`), a repository (`docker123321/mysql`,
// `quay.io/someone/tool`; Docker Hub names as Docker normalises them) or a digest (`sha256:…`).
// A user's file is checked strictly: every entry that does not hold is reported with its place and
// left out; a file that cannot be read as a list is reported whole. Nothing here throws.
import { DOCKER_HUB, canonicalRegistry, toImageName, validateDigest } from '../../model/imageName.js';
import type { MaliciousEntry, MaliciousMatch as MatchKind } from '../../model/knownMalicious.js';

export type { MaliciousEntry };

export interface ListProblem {
  /** the list file as the user named it */
  file: string;
  message: string;
}

export interface ParsedList {
  entries: MaliciousEntry[];
  problems: ListProblem[];
}

/** Bigger than any honest blocklist; a guard against reading something else by mistake. */
export const MAX_LIST_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const MAX_NOTE = 500;
const TOP_KEYS = new Set(['version', 'entries', 'description', 'updated']);
const ENTRY_KEYS = new Set(['match', 'value', 'source', 'reported', 'note']);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::\d+)?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 2000) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `docker123321` → `docker.io/docker123321`; `ghcr.io/someone` → `ghcr.io/someone`. */
function normalizeNamespace(value: string): string | null {
  const parts = value.split('/');
  if (parts.length === 1) return PATH_COMPONENT.test(value) ? `${DOCKER_HUB}/${value}` : null;
  if (parts.length !== 2) return null;
  const [host = '', ns = ''] = parts;
  if (!HOST.test(host) || (!/[.:]/.test(host) && host !== 'localhost')) return null;
  if (!PATH_COMPONENT.test(ns)) return null;
  return `${canonicalRegistry(host)}/${ns}`;
}

/** A repository name without tag or digest, normalised as Docker does. */
function normalizeRepository(value: string): string | null {
  if (/[:@]/.test(value.replace(/^[^/]*\//, ''))) return null; // a tag or digest is not a repository
  const parsed = toImageName(value);
  if (!parsed.ok) return null;
  return `${canonicalRegistry(parsed.value.registry)}/${parsed.value.repository}`;
}

function normalizeValue(match: MatchKind, value: string): string | null {
  if (match === 'namespace') return normalizeNamespace(value);
  if (match === 'repository') return normalizeRepository(value);
  return validateDigest(value) === null ? value : null;
}

function entryProblem(raw: unknown, at: string): string | MaliciousEntry {
  if (!isRecord(raw)) return `${at}: not an object`;
  const unknown = Object.keys(raw).filter((k) => !ENTRY_KEYS.has(k));
  if (unknown.length) return `${at}: unknown key ${JSON.stringify(unknown[0])}`;
  const { match, value, source, reported, note } = raw;
  if (match !== 'namespace' && match !== 'repository' && match !== 'digest')
    return `${at}.match: must be "namespace", "repository" or "digest"`;
  if (typeof value !== 'string' || value === '' || value.length > 300) return `${at}.value: must be a non-empty string`;
  const normalized = normalizeValue(match, value);
  if (normalized === null) return `${at}.value: ${JSON.stringify(value.slice(0, 100))} is not a valid ${match}`;
  if (!isHttpUrl(source)) return `${at}.source: must be an http(s) URL of the public report`;
  if (!isDate(reported)) return `${at}.reported: must be a date written YYYY-MM-DD`;
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > MAX_NOTE))
    return `${at}.note: must be a string of at most ${MAX_NOTE} characters`;
  return { match, value: normalized, source, reported, note: typeof note === 'string' ? note : null, list: '' };
}

function unusable(file: string, message: string): ParsedList {
  return { entries: [], problems: [{ file, message: `${message}; the list is not used` }] };
}

/** Reads a list from its text. `file` names it in every problem and in every entry. */
export function parseMaliciousList(text: string, file: string): ParsedList {
  if (text.length > MAX_LIST_BYTES) return unusable(file, `larger than ${MAX_LIST_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // the parser's message quotes the text: a file named by mistake is not echoed into logs
    return unusable(file, 'not valid JSON');
  }
  return parseMaliciousData(raw, file);
}

/** Reads a list already parsed from JSON. */
export function parseMaliciousData(raw: unknown, file: string): ParsedList {
  const problems: ListProblem[] = [];
  const whole = (message: string): ParsedList => unusable(file, message);
  if (!isRecord(raw)) return whole('not a JSON object with "version" and "entries"');
  if (raw.version !== 1) return whole(`"version" must be 1 (found ${JSON.stringify(raw.version) ?? 'none'})`);
  if (!Array.isArray(raw.entries)) return whole('"entries" must be an array');
  if (raw.entries.length > MAX_ENTRIES) return whole(`more than ${MAX_ENTRIES} entries`);
  for (const k of Object.keys(raw))
    if (!TOP_KEYS.has(k)) problems.push({ file, message: `unknown key ${JSON.stringify(k)} ignored` });
  const entries: MaliciousEntry[] = [];
  raw.entries.forEach((e, i) => {
    const r = entryProblem(e, `entries[${i}]`);
    if (typeof r === 'string') problems.push({ file, message: `${r}; the entry is not used` });
    else entries.push({ ...r, list: file });
  });
  return { entries, problems };
}
