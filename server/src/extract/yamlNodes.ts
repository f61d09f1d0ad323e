// Reading a parsed YAML node tree without ever expanding aliases: map look-ups, merge keys
// (`<<: *base`), anchor resolution (one alias → the node it names, never a copy), and a
// linear, non-recursive walk over every pair.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';

export type AnyPair = Pair<unknown, unknown>;

/** The key of a pair as a string, when it is a scalar; null for complex keys. */
export function keyName(pair: AnyPair): string | null {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? null : String(k.value);
  return null;
}

export function asNode(v: unknown): Node | null {
  return isScalar(v) || isMap(v) || isSeq(v) || isAlias(v) ? (v as Node) : null;
}

/** The pair of `map` with key `name` (last one wins, as in YAML loaders without unique keys). */
export function getPair(map: YAMLMap, name: string): AnyPair | null {
  let found: AnyPair | null = null;
  for (const item of map.items) {
    if (isPair(item) && keyName(item as AnyPair) === name) found = item as AnyPair;
  }
  return found;
}

/** The value node of `map[name]`, or null. */
export function getValue(map: YAMLMap, name: string): Node | null {
  return asNode(getPair(map, name)?.value);
}

/**
 * Finds the node an alias names: the last anchor of that name defined before the alias (YAML
 * lets anchors be redefined). Built lazily, once per document, by one walk; look-ups are binary
 * searches, so many aliases stay linear-ish.
 */
export class AnchorIndex {
  private anchors: Map<string, Array<{ at: number; node: Node }>> | null = null;

  constructor(private readonly root: unknown) {}

  resolve(alias: Alias): Node | null {
    const defs = this.build().get(alias.source);
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    if (!defs) return null;
    let low = 0;
    let high = defs.length - 1;
    let best: Node | null = null;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const def = defs[mid];
      if (def && def.at < at) {
        best = def.node;
        low = mid + 1;
      } else high = mid - 1;
    }
    return best;
  }

  /** Follows an alias (never a chain longer than the document) to a non-alias node. */
  deref(node: Node | null): Node | null {
    let current = node;
    for (let hops = 0; current && isAlias(current) && hops < 64; hops++) current = this.resolve(current);
    return current && !isAlias(current) ? current : null;
  }

  private build(): Map<string, Array<{ at: number; node: Node }>> {
    if (this.anchors) return this.anchors;
    const anchors = new Map<string, Array<{ at: number; node: Node }>>();
    walkNodes(this.root, (node) => {
      const anchor = (node as { anchor?: string }).anchor;
      if (!isAlias(node) && anchor) {
        const list = anchors.get(anchor) ?? [];
        list.push({ at: node.range?.[0] ?? 0, node });
        anchors.set(anchor, list);
      }
    });
    for (const list of anchors.values()) list.sort((a, b) => a.at - b.at);
    this.anchors = anchors;
    return anchors;
  }
}

/** Visits every node once (keys and values), depth-first, without recursion or alias expansion. */
function walkNodes(root: unknown, visit: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (isPair(v)) {
      stack.push(v.value, v.key);
      continue;
    }
    const node = asNode(v);
    if (!node) continue;
    visit(node);
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
}

/** Visits every pair of every map under `root`, without recursion or alias expansion. */
export function walkPairs(root: unknown, visit: (pair: AnyPair, map: YAMLMap) => void): void {
  walkNodes(root, (node) => {
    if (!isMap(node)) return;
    for (const item of node.items) if (isPair(item)) visit(item as AnyPair, node);
  });
}

/**
 * The maps a map merges with `<<: *a` or `<<: [*a, *b]`, resolved through the anchor index
 * (nearest first, as YAML 1.1 merge keys apply). Only one level: merged maps' own merges are
 * followed by calling this again.
 */
function mergedMaps(map: YAMLMap, anchors: AnchorIndex): YAMLMap[] {
  const merge = getValue(map, '<<');
  if (!merge) return [];
  const sources = isSeq(merge) ? merge.items.map(asNode) : [merge];
  const maps: YAMLMap[] = [];
  for (const s of sources) {
    const target = anchors.deref(s);
    if (isMap(target)) maps.push(target);
  }
  return maps;
}

/** `map[name]`, looking through merge keys when the map itself does not have the key. */
export function getValueWithMerges(map: YAMLMap, name: string, anchors: AnchorIndex): Node | null {
  const seen = new Set<YAMLMap>();
  const queue: YAMLMap[] = [map];
  while (queue.length) {
    const m = queue.shift();
    if (!m || seen.has(m) || seen.size > 64) continue;
    seen.add(m);
    const own = getValue(m, name);
    if (own) return own;
    queue.push(...mergedMaps(m, anchors));
  }
  return null;
}
