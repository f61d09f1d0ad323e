// Compose files: `services.*.image`, the `image` of each `pre_start` hook (a one-off container
// run before the service starts; `post_start` / `pre_stop` hooks run inside the service's own
// container and name none), and `image` keys anywhere inside top-level `x-*` extension fields
// (where shared anchors usually live). A service's image may come through a merge key
// (`<<: *base`) or an alias (`image: *img`): it is reported once, where it is written. Variables
// follow compose interpolation: a default resolves, anything else is skip 'variable'.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { composeResolver } from './variables.js';
import { asNode, getPair, getValue, getValueWithMerges, keyName, walkPairs } from './yamlNodes.js';
import { scalarString } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

export function extractCompose(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'compose', composeDocument);
}

export function composeDocument(doc: { contents: unknown }, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, composeResolver);
  const refs: Array<ImageReference | null> = [];
  // services first: a service decides whether an image it uses is built (skip 'built')
  const services = target(ctx, getValue(root, 'services'));
  if (isMap(services)) {
    for (const item of services.items) {
      const service = target(ctx, asNode(item.value));
      if (!isMap(service)) continue;
      refs.push(serviceImage(ctx, service));
      const hooks = target(ctx, getValueWithMerges(service, 'pre_start', ctx.anchors));
      if (isSeq(hooks)) {
        for (const hook of hooks.items) {
          const h = target(ctx, asNode(hook));
          if (isMap(h)) refs.push(referenceAt(ctx, getValue(h, 'image')));
        }
      }
    }
  }
  for (const item of root.items) {
    if (!keyName(item)?.startsWith('x-')) continue;
    walkPairs(item.value, (pair, map) => {
      if (keyName(pair) !== 'image') return;
      refs.push(referenceAt(ctx, asNode(pair.value), builtOptions(ctx, map, getPair(map, 'build') !== null)));
    });
  }
  return refs;
}

function serviceImage(ctx: YamlContext, service: YAMLMap): ImageReference | null {
  const image = getValueWithMerges(service, 'image', ctx.anchors);
  const built = getValueWithMerges(service, 'build', ctx.anchors) !== null;
  return referenceAt(ctx, image, builtOptions(ctx, service, built));
}

function builtOptions(ctx: YamlContext, map: YAMLMap, built: boolean) {
  const platform = literalPlatform(ctx, getValueWithMerges(map, 'platform', ctx.anchors));
  return built
    ? {
        skip: 'built' as const,
        skipDetail: 'the service builds this image itself (build:), so it is not pulled',
        platform,
      }
    : { platform };
}

/** `platform: linux/arm64`, resolved like any compose string; null when it depends on the environment. */
function literalPlatform(ctx: YamlContext, node: Node | null): string | null {
  const n = target(ctx, node);
  if (!isScalar(n)) return null;
  const value = scalarString(ctx.text, n);
  if (!value) return null;
  const r = composeResolver(value);
  if (r.kind === 'unresolved') return null;
  return r.kind === 'resolved' ? r.value || null : value;
}
