// Settings: SPEC §3 keys (without the "imageTrust." prefix), normalised from whatever a client or a
// --config file hands over into one typed object with defaults. Policy and hub get this plain
// object, never a connection. Raw input is read by settingsInput.ts (one expansion of dotted keys,
// one merge of layers, prototype keys refused); every value here is checked, and one that is
// ill-typed falls back to its default with a warning.
import type { FindingCode, Severity, SeveritySetting } from './finding.js';
import type { MaliciousEntry } from './knownMalicious.js';
import { isRecord, SettingsInput, type SettingsNode } from './settingsInput.js';
import { DEFAULT_TRUST, normalizeTrust, type TrustSettings } from './trust.js';

export { SettingsInput } from './settingsInput.js';

/** When a Docker Hub image index is read (each read is one counted pull). */
type ReadIndexes = 'on-demand' | 'always' | 'never';
const READ_INDEXES: readonly ReadIndexes[] = ['on-demand', 'always', 'never'];

export interface Settings {
  dockerHub: { apiUrl: string; readIndexes: ReadIndexes };
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
  /** trust policies and extra Sigstore trusted roots (model/trust.ts) */
  trust: TrustSettings;
  knownMalicious: {
    /** extra known-malicious list files, as the user named them (relative: from the workspace
     * folder, or the current folder for the CLI) */
    lists: string[];
    /** their entries, once a view has read the files (policy/malicious/files.ts); [] until then */
    entries: readonly MaliciousEntry[];
    /** the lists, as named, that could not be used completely (unreadable, or entries left out): a
     * check against them was not made in full */
    unused: readonly string[];
  };
}

export const DEFAULT_SETTINGS: Settings = {
  dockerHub: { apiUrl: 'https://hub.docker.com', readIndexes: 'on-demand' },
  registries: { mirrors: {}, insecure: [], allowedInUntrustedWorkspaces: ['docker.io'] },
  staleAfterDays: 365,
  rules: {},
  cache: { ttlMinutes: 60 },
  trust: DEFAULT_TRUST,
  knownMalicious: { lists: [], entries: [], unused: [] },
};

const SEVERITY_SETTINGS: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];

type Warn = (message: string) => void;

/** Normalises raw settings (any JSON value, or layers already read into a SettingsInput).
 * `ruleDefaults` (the rule registry's, policy/rules) fills `rules` and names the known codes; without
 * it any code is accepted and a rule without a setting uses its own default. */
export function normalizeSettings(
  raw: unknown,
  warn: Warn = () => {},
  ruleDefaults: Readonly<Record<FindingCode, Severity>> = {},
): Settings {
  const input = (raw instanceof SettingsInput ? raw : SettingsInput.read([raw], warn)).tree;
  const section = (key: string): SettingsNode => {
    const v = input[key];
    if (v === undefined) return {};
    if (isRecord(v)) return v;
    warn(`${key}: must be an object; ignored`);
    return {};
  };
  const hub = section('dockerHub');
  const registries = section('registries');
  const cache = section('cache');
  const rules = section('rules');
  const knownMalicious = section('knownMalicious');

  const apiUrl = httpUrl(hub.apiUrl, 'dockerHub.apiUrl', warn) ?? DEFAULT_SETTINGS.dockerHub.apiUrl;
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
    dockerHub: {
      apiUrl,
      readIndexes: oneOf(
        hub.readIndexes,
        READ_INDEXES,
        'dockerHub.readIndexes',
        DEFAULT_SETTINGS.dockerHub.readIndexes,
        warn,
      ),
    },
    registries: {
      mirrors: mirrorMap(registries.mirrors, warn),
      insecure: hostList(registries.insecure, 'registries.insecure', DEFAULT_SETTINGS.registries.insecure, warn),
      allowedInUntrustedWorkspaces: hostList(
        registries.allowedInUntrustedWorkspaces,
        'registries.allowedInUntrustedWorkspaces',
        DEFAULT_SETTINGS.registries.allowedInUntrustedWorkspaces,
        warn,
      ),
    },
    staleAfterDays: positiveNumber(input.staleAfterDays, DEFAULT_SETTINGS.staleAfterDays, 'staleAfterDays', warn),
    rules: normalizedRules,
    cache: {
      ttlMinutes: positiveNumber(cache.ttlMinutes, DEFAULT_SETTINGS.cache.ttlMinutes, 'cache.ttlMinutes', warn),
    },
    trust: normalizeTrust(input.trust, warn),
    knownMalicious: { lists: pathList(knownMalicious.lists, 'knownMalicious.lists', warn), entries: [], unused: [] },
  };
}

function pathList(v: unknown, key: string, warn: Warn): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warn(`${key}: must be an array of file paths; ignored`);
    return [];
  }
  const paths = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (paths.length !== v.length) warn(`${key}: entries that are not file paths are ignored`);
  return [...new Set(paths)];
}

function httpUrl(v: unknown, key: string, warn: Warn): string | undefined {
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

/** `host` or `host:port` (lower case), as a registry is named in an image reference. */
const HOST =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::[0-9]{1,5})?$/;

function mirrorMap(v: unknown, warn: Warn): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  if (!isRecord(v)) {
    warn('registries.mirrors: must be an object mapping registry hosts to URLs; no mirror is used');
    return out;
  }
  for (const [key, url] of Object.entries(v)) {
    const host = key.toLowerCase();
    if (!HOST.test(host)) {
      warn(`registries.mirrors: ${JSON.stringify(key)} is not a registry host; ignored`);
      continue;
    }
    const u = httpUrl(url, `registries.mirrors.${host}`, warn);
    if (u) out[host] = u;
  }
  return out;
}

function hostList(v: unknown, key: string, fallback: string[], warn: Warn): string[] {
  if (v === undefined || v === null) return [...fallback];
  if (!Array.isArray(v)) {
    warn(`${key}: must be an array of hosts; using ${JSON.stringify(fallback)}`);
    return [...fallback];
  }
  const out: string[] = [];
  v.forEach((x, i) => {
    if (typeof x === 'string' && x !== '') out.push(x.toLowerCase());
    else warn(`${key}[${i}]: not a host name; ignored`);
  });
  return out;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], key: string, fallback: T, warn: Warn): T {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  warn(`${key}: must be one of ${allowed.join(', ')}; using ${fallback}`);
  return fallback;
}

function positiveNumber(v: unknown, fallback: number, key: string, warn: Warn): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  warn(`${key}: must be a non-negative number; using ${fallback}`);
  return fallback;
}
