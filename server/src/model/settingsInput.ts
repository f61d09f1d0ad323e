// Raw settings as handed over (a --config file, a workspace/configuration answer,
// initializationOptions.settings, a pushed didChangeConfiguration) are attacker-shaped JSON: a
// hostile repository writes them. They are read into one tree of null-prototype objects, with
// dotted keys ("dockerHub.apiUrl", "imageTrust.rules.stale") expanded once and later layers
// merged over earlier ones once. A key that could reach an object's prototype (`__proto__`,
// `constructor`, `prototype`) is refused with a warning wherever it appears, so nothing a settings
// file says can change `Object.prototype` or plant a mirror where none was set.

/** A plain node of the tree: no prototype, so no key is special. */
export type SettingsNode = { [key: string]: unknown };

const REFUSED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Values whose keys are data, not setting names (registry hosts contain dots): never expanded,
 * and replaced whole by a later layer rather than merged key by key. */
const DATA_MAPS: ReadonlySet<string> = new Set(['registries.mirrors']);

/** Settings read from one or more layers; `normalizeSettings` takes it as it is. */
export class SettingsInput {
  private constructor(readonly tree: SettingsNode) {}

  /** Reads `layers` in order, each one over the ones before it. */
  static read(layers: readonly unknown[], warn: (message: string) => void): SettingsInput {
    const tree = node();
    for (const layer of layers) if (isRecord(layer)) addLayer(tree, [], layer, warn);
    return new SettingsInput(tree);
  }
}

export function isRecord(v: unknown): v is SettingsNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function node(): SettingsNode {
  return Object.create(null) as SettingsNode;
}

function shown(path: readonly string[], key: string): string {
  return [...path, key].join('.');
}

function refused(path: readonly string[], key: string, warn: (message: string) => void): boolean {
  if (!key.split('.').some((part) => REFUSED_KEYS.has(part))) return false;
  warn(`${JSON.stringify(shown(path, key))}: refused (a key named __proto__, constructor or prototype is never read)`);
  return true;
}

function addLayer(
  target: SettingsNode,
  at: readonly string[],
  layer: SettingsNode,
  warn: (message: string) => void,
): void {
  for (const key of Object.keys(layer)) {
    if (refused(at, key, warn)) continue;
    const parts = key.split('.').filter((p) => p !== '');
    if (at.length === 0 && parts[0] === 'imageTrust') parts.shift();
    const value = layer[key];
    if (parts.length === 0) {
      if (isRecord(value)) addLayer(target, at, value, warn);
      continue;
    }
    const path = [...at, ...parts];
    if (isRecord(value) && !DATA_MAPS.has(path.join('.'))) {
      addLayer(target, path, value, warn);
    } else {
      setAt(target, path, copyData(value, path, warn));
    }
  }
}

/** Writes a leaf at `path` (relative to the root), making nodes on the way; a leaf in the way is
 * replaced by a node, as a later layer replaces an earlier value. */
function setAt(root: SettingsNode, path: readonly string[], value: unknown): void {
  let here = root;
  for (const part of path.slice(0, -1)) {
    const next = here[part];
    here = isRecord(next) ? next : ((here[part] = node()) as SettingsNode);
  }
  here[path[path.length - 1] as string] = value;
}

/** A deep copy of a leaf value (arrays, data maps, policy entries) into null-prototype objects. */
function copyData(value: unknown, path: readonly string[], warn: (message: string) => void): unknown {
  if (Array.isArray(value))
    return value.map((v, i) => copyData(v, [...path.slice(0, -1), `${path[path.length - 1]}[${i}]`], warn));
  if (!isRecord(value)) return value;
  const out = node();
  for (const key of Object.keys(value)) {
    if (REFUSED_KEYS.has(key)) {
      warn(
        `${JSON.stringify(shown(path, key))}: refused (a key named __proto__, constructor or prototype is never read)`,
      );
      continue;
    }
    out[key] = copyData(value[key], [...path, key], warn);
  }
  return out;
}
