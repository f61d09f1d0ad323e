// Kubernetes manifests: every YAML document with top-level `apiVersion` and `kind`, block or flow
// style (including `kind: List` and custom resources). Every entry of a `containers`,
// `initContainers` or `ephemeralContainers` list at any depth names its image; so does every image
// volume (`volumes[].image.reference`), every Tekton `steps` / `sidecars` entry and `stepTemplate`
// (Tasks, Pipelines' embedded taskSpecs, TaskRuns), and every Argo Workflows template's
// `container` / `script` (`containerSet` holds a `containers` list). Documents `yaml` cannot read
// (typically Helm templates) are scanned line by line, conservatively: only `image:` lines with a
// simple value.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { LIST_SPLIT_MIN, type ItemsReader } from './yamlList.js';
import { templateResolver } from './variables.js';
import { asNode, getValue, keyName, walkPairs } from './yamlNodes.js';
import type { YamlDocument } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  referenceFromSpan,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

type Segment = { start: number; end: number };

/** Lists whose entries are containers (`{image, …}`): core, and Tekton's steps and sidecars. */
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers', 'steps', 'sidecars']);
/** Keys of one container (`{image, …}`): Tekton's stepTemplate. */
const CONTAINER_KEYS = new Set(['stepTemplate']);
/** Keys of an Argo Workflows template (an entry of `templates:`) that hold one container. */
const TEMPLATE_CONTAINERS = ['container', 'script'];

export function extractKubernetes(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'kubernetes', kubernetesDocument, KUBERNETES_LIST_ITEMS);
}

export function kubernetesDocument(doc: YamlDocument, base: YamlBase, segment: Segment): Array<ImageReference | null> {
  if (doc.errors.length > 0) return scanImageLines(base, segment);
  return isManifest(doc) ? containerImages(base, doc.contents) : [];
}

/** The entries of a big `kind: List` (any manifest's `items:`), read in batches (yamlList.ts). */
export const KUBERNETES_LIST_ITEMS: ItemsReader = {
  minLength: LIST_SPLIT_MIN,
  admits: isManifest,
  read: (batch, base) => containerImages(base, batch.contents),
};

function isManifest(doc: YamlDocument): boolean {
  const root = doc.contents;
  return isMap(root) && getValue(root, 'apiVersion') !== null && getValue(root, 'kind') !== null;
}

/** Every container image under `root`, at any depth. */
function containerImages(base: YamlBase, root: unknown): Array<ImageReference | null> {
  const ctx = yamlContext(base, root, templateResolver);
  const refs: Array<ImageReference | null> = [];
  walkPairs(root, (pair) => {
    const key = keyName(pair);
    if (key === null) return;
    const value = target(ctx, asNode(pair.value));
    if (isMap(value) && CONTAINER_KEYS.has(key)) refs.push(referenceAt(ctx, getValue(value, 'image')));
    if (!isSeq(value)) return;
    if (CONTAINER_LISTS.has(key)) {
      for (const entry of value.items) {
        const container = target(ctx, asNode(entry));
        if (isMap(container)) refs.push(referenceAt(ctx, getValue(container, 'image')));
      }
    } else if (key === 'volumes') {
      for (const entry of value.items) refs.push(volumeImage(ctx, target(ctx, asNode(entry))));
    } else if (key === 'templates') {
      for (const entry of value.items) refs.push(...templateImages(ctx, target(ctx, asNode(entry))));
    }
  });
  return refs;
}

/** An Argo Workflows template: `container: {image}`, `script: {image, source}`. */
function templateImages(ctx: YamlContext, template: Node | null): Array<ImageReference | null> {
  if (!isMap(template)) return [];
  return TEMPLATE_CONTAINERS.map((key) => {
    const container = target(ctx, getValue(template, key));
    return isMap(container) ? referenceAt(ctx, getValue(container, 'image')) : null;
  });
}

/** `volumes: [{name, image: {reference: "…", pullPolicy}}]` (Kubernetes image volumes). */
function volumeImage(ctx: YamlContext, volume: unknown): ImageReference | null {
  if (!isMap(volume)) return null;
  const image = target(ctx, getValue(volume as YAMLMap, 'image'));
  return isMap(image) ? referenceAt(ctx, getValue(image, 'reference')) : null;
}

// `  image: value` / `- image: value` with an optional trailing comment; the value is plain
// (no flow, block, anchor or tag indicator at its start, except a `{{` template) or quoted
// without escapes. The `d` flag gives each group's offsets.
const IMAGE_LINE =
  /^[ \t]*(?:-[ \t]+)?image[ \t]*:[ \t]+(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'|(\{\{[^\r\n]*?|[^\s"'#|>&*!%@`[\]{},][^\r\n]*?))[ \t]*(?:[ \t]#[^\r\n]*)?$/d;

/**
 * Conservative scan of a document that did not parse: only in documents that have top-level
 * `apiVersion:` and `kind:` lines, only `image:` lines whose value is unambiguous. Values with
 * `{{` are template expressions (skip 'variable').
 */
function scanImageLines(base: YamlBase, { start, end }: Segment): ImageReference[] {
  const segment = base.text.slice(start, end);
  if (!/^apiVersion[ \t]*:/m.test(segment) || !/^kind[ \t]*:/m.test(segment)) return [];
  const refs: ImageReference[] = [];
  const ctx = { ...base, resolve: templateResolver };
  let offset = start;
  for (const rawLine of segment.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const m = IMAGE_LINE.exec(line);
    const group = m?.indices?.[1] ?? m?.indices?.[2] ?? m?.indices?.[3];
    if (group && group[1] > group[0]) {
      const [from, to] = group;
      refs.push(referenceFromSpan(ctx, { start: offset + from, end: offset + to, text: line.slice(from, to) }));
    }
    offset += rawLine.length + 1;
  }
  return refs;
}
