// Settings: SPEC §3 keys (without the "imageTrust." prefix), normalised from whatever a client or a
// --config file hands over into one typed object with defaults. Policy and hub get this plain
// object, never a connection.
import type { FindingCode, Severity, SeveritySetting } from './finding.js';
import type { MaliciousEntry } from './knownMalicious.js';
import { DEFAULT_TRUST, normalizeTrust, type TrustSettings } from './trust.js';

export interface Settings {
  dockerHub: { apiUrl: string };
  registries: {
    /** registry host → base URL its registry API calls go to */
    mirrors: Record<string, string>;
    /** hosts that may be reached over plain http (loopback hosts always may) */
    insecure: string[];
    allowedInUntrustedWorkspaces: string[];
  };
  staleAfterDays: number;
  /** severity per finding code: the rule registry's defaults with the user's choices on top */
  rules: Readonly<Record<FindingCode, SeveritySetting>>;
  cache: { ttlMinutes: number };
  knownMalicious: {
    /** extra known-malicious list files, as the user named them (relative: from the workspace
     * folder, or the current folder for the CLI) */
    lists: string[];
    /** their entries, once a view has read the files (policy/malicious/files.ts); [] until then */
    entries: readonly MaliciousEntry[];
  };
  /** trust policies and extra Sigstore trusted roots (model/trust.ts) */
  trust: TrustSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  dockerHub: { apiUrl: 'https://hub.docker.com' },
  registries: { mirrors: {}, insecure: [], allowedInUntrustedWorkspaces: ['docker.io'] },
  staleAfterDays: 365,
  rules: {},
  cache: { ttlMinutes: 60 },
  knownMalicious: { lists: [], entries: [] },
  trust: DEFAULT_TRUST,
};

const SEVERITY_SETTINGS: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns dotted keys ("dockerHub.apiUrl", "imageTrust.rules.stale") into nesting, merging with
 * nested keys already there, so both shapes of SPEC §1 `--config` are accepted. */
export function expandDottedKeys(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const path = key.split('.').filter((p) => p !== '');
    if (path[0] === 'imageTrust' && path.length > 0) path.shift();
    if (path.length === 0) {
      if (isRecord(value)) mergeInto(out, expandDottedKeys(value));
      continue;
    }
    let node = out;
    for (const p of path.slice(0, -1)) {
      const next = node[p];
      node = isRecord(next) ? next : (node[p] = {}) as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    const expanded = isRecord(value) && last !== 'mirrors' ? expandDottedKeys(value) : value;
    const existing = node[last];
    node[last] = isRecord(existing) && isRecord(expanded) ? mergeInto(existing, expanded) : expanded;
  }
  return out;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(source)) {
    const t = target[k];
    target[k] = isRecord(t) && isRecord(v) ? mergeInto(t, v) : v;
  }
  return target;
}

/** Normalises raw settings; unknown or ill-typed values fall back to defaults, with a warning each.
 * `ruleDefaults` (the rule registry's, policy/rules) fills `rules` and names the known codes; without
 * it any code is accepted and a rule without a setting uses its own default. */
export function normalizeSettings(
  raw: unknown,
  warn: (message: string) => void = () => {},
  ruleDefaults: Readonly<Record<FindingCode, Severity>> = {},
): Settings {
  const input = expandDottedKeys(raw);
  const hub = isRecord(input.dockerHub) ? input.dockerHub : {};
  const registries = isRecord(input.registries) ? input.registries : {};
  const cache = isRecord(input.cache) ? input.cache : {};
  const rules = isRecord(input.rules) ? input.rules : {};
  const knownMalicious = isRecord(input.knownMalicious) ? input.knownMalicious : {};

  const apiUrl = httpUrl(hub.apiUrl, 'dockerHub.apiUrl', warn) ?? DEFAULT_SETTINGS.dockerHub.apiUrl;
  const mirrors: Record<string, string> = {};
  if (isRecord(registries.mirrors)) {
    for (const [host, url] of Object.entries(registries.mirrors)) {
      const u = httpUrl(url, `registries.mirrors.${host}`, warn);
      if (u) mirrors[host.toLowerCase()] = u;
    }
  }
  const normalizedRules: Record<FindingCode, SeveritySetting> = { ...ruleDefaults };
  const known = Object.keys(ruleDefaults);
  for (const [code, sev] of Object.entries(rules)) {
    if (known.length > 0 && !known.includes(code)) {
      warn(`rules.${code}: unknown finding code, ignored`);
    } else if (typeof sev !== 'string' || !SEVERITY_SETTINGS.includes(sev)) {
      warn(`rules.${code}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}; using the default`);
    } else {
      normalizedRules[code] = sev as SeveritySetting;
    }
  }
  return {
    dockerHub: { apiUrl: apiUrl.replace(/\/+$/, '') },
    registries: {
      mirrors,
      insecure: hostList(registries.insecure, DEFAULT_SETTINGS.registries.insecure),
      allowedInUntrustedWorkspaces: hostList(
        registries.allowedInUntrustedWorkspaces,
        DEFAULT_SETTINGS.registries.allowedInUntrustedWorkspaces,
      ),
    },
    staleAfterDays: positiveNumber(input.staleAfterDays, DEFAULT_SETTINGS.staleAfterDays, 'staleAfterDays', warn),
    rules: normalizedRules,
    cache: { ttlMinutes: positiveNumber(cache.ttlMinutes, DEFAULT_SETTINGS.cache.ttlMinutes, 'cache.ttlMinutes', warn) },
    knownMalicious: { lists: pathList(knownMalicious.lists, 'knownMalicious.lists', warn), entries: [] },
    trust: normalizeTrust(input.trust, warn),
  };
}

function pathList(v: unknown, key: string, warn: (m: string) => void): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warn(`${key}: must be an array of file paths; ignored`);
    return [];
  }
  const paths = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (paths.length !== v.length) warn(`${key}: entries that are not file paths are ignored`);
  return [...new Set(paths)];
}

function httpUrl(v: unknown, key: string, warn: (m: string) => void): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try {
      const u = new URL(v);
      if (u.protocol === 'http:' || u.protocol === 'https:') return v.replace(/\/+$/, '');
    } catch {
      // fall through to the warning
    }
  }
  warn(`${key}: not an http(s) URL, ignored`);
  return undefined;
}

function hostList(v: unknown, fallback: string[]): string[] {
  if (!Array.isArray(v)) return [...fallback];
  return v.filter((x): x is string => typeof x === 'string' && x !== '').map((x) => x.toLowerCase());
}

function positiveNumber(v: unknown, fallback: number, key: string, warn: (m: string) => void): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  warn(`${key}: must be a non-negative number; using ${fallback}`);
  return fallback;
}
