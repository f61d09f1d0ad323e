// CircleCI (`.circleci/config.yml`): the `docker:` executor of every job and of every named
// executor, a list whose entries name an image each (the first is the primary container, the others
// services). Orbs (`orbs: {node: circleci/node@5}`) are packages of config, not images, and
// `machine: {image: ubuntu-2204:…}` names a VM image: neither is reported. `<< parameters.x >>` and
// `<< pipeline.… >>` are known only when the pipeline is compiled.
import { isMap, isSeq, type Node } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import type { Resolver } from './variables.js';
import { asNode, getValue } from './yamlNodes.js';
import type { YamlDocument } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

const circleciResolver: Resolver = (written) => {
  const p = /<<\s*(.*?)\s*>>/.exec(written);
  return p
    ? { kind: 'unresolved', detail: `<< ${p[1] ?? ''} >> is known only when the pipeline is compiled` }
    : { kind: 'literal' };
};

export function extractCircleci(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'circleci', configDocument);
}

export function configDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, circleciResolver);
  const refs: Array<ImageReference | null> = [];
  for (const section of ['jobs', 'executors']) {
    const entries = target(ctx, getValue(root, section));
    if (!isMap(entries)) continue;
    for (const item of entries.items) {
      const entry = target(ctx, asNode(item.value));
      if (isMap(entry)) refs.push(...dockerImages(ctx, getValue(entry, 'docker')));
    }
  }
  return refs;
}

/** `docker: [{image: cimg/node:20.11, auth: …}, {image: cimg/postgres:16.2}]` */
function dockerImages(ctx: YamlContext, value: Node | null): Array<ImageReference | null> {
  const list = target(ctx, value);
  if (!isSeq(list)) return [];
  return list.items.map((item) => {
    const container = target(ctx, asNode(item));
    return isMap(container) ? referenceAt(ctx, getValue(container, 'image')) : null;
  });
}
