// Drone and Woodpecker pipelines (`.drone.yml`, `.woodpecker.yml`, `.woodpecker/*.yml`): the
// `image` of every entry of `steps`, `pipeline` (Woodpecker's older name), `services` and
// `clone`, each either a list of `{name, image}` or a map of name → `{image}`. A Drone file holds
// several documents (`kind: pipeline`, `kind: secret`, …); each is read. `${DRONE_…}` / `${CI_…}`
// substitutions are known only when the pipeline runs.
import { isMap, isSeq } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { runtimeResolver } from './variables.js';
import { asNode, getValue } from './yamlNodes.js';
import type { YamlDocument } from './yamlRanges.js';
import { extractYamlDocuments, referenceAt, target, yamlContext, type YamlBase } from './yamlReference.js';

const SECTIONS = ['steps', 'pipeline', 'services', 'clone'];

export function extractDrone(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'drone', pipelineDocument);
}

export function pipelineDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, runtimeResolver('the pipeline runs'));
  const refs: Array<ImageReference | null> = [];
  for (const section of SECTIONS) {
    const entries = target(ctx, getValue(root, section));
    const items = isSeq(entries)
      ? entries.items.map(asNode)
      : isMap(entries)
        ? entries.items.map((i) => asNode(i.value))
        : [];
    for (const item of items) {
      const entry = target(ctx, item);
      if (isMap(entry)) refs.push(referenceAt(ctx, getValue(entry, 'image')));
    }
  }
  return refs;
}
