// Bitbucket Pipelines (`bitbucket-pipelines.yml`): `image` (a string or `{name, username, …}`) at
// the top, in every step wherever it sits (`pipelines.default`, branches, parallel groups, stages,
// `definitions.steps` anchors) and in `definitions.services.*`; and `pipe: docker://…` in a
// script. A bare `pipe: atlassian/aws-s3-deploy:1.1.0` names a Bitbucket pipe, not an image.
// `$VARIABLES` are known only when the pipeline runs.
import { isMap, isScalar, type Node } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { runtimeResolver } from './variables.js';
import { asNode, getValue, keyName, walkPairs } from './yamlNodes.js';
import type { YamlDocument } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

export function extractBitbucketPipelines(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'bitbucket-pipelines', pipelinesDocument);
}

export function pipelinesDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, runtimeResolver('the pipeline runs'));
  const refs: Array<ImageReference | null> = [namedImage(ctx, getValue(root, 'image'))];
  const definitions = target(ctx, getValue(root, 'definitions'));
  const services = isMap(definitions) ? target(ctx, getValue(definitions, 'services')) : null;
  if (isMap(services)) {
    for (const item of services.items) {
      const service = target(ctx, asNode(item.value));
      if (isMap(service)) refs.push(namedImage(ctx, getValue(service, 'image')));
    }
  }
  walkPairs(root, (pair) => {
    const key = keyName(pair);
    if (key === 'step') {
      const step = target(ctx, asNode(pair.value));
      if (isMap(step)) refs.push(namedImage(ctx, getValue(step, 'image')));
    } else if (key === 'pipe') {
      refs.push(referenceAt(ctx, asNode(pair.value), { prefix: 'docker://' }));
    }
  });
  return refs;
}

/** `image: node:20` or `image: {name: node:20, username: …}`. */
function namedImage(ctx: YamlContext, value: Node | null): ImageReference | null {
  const node = target(ctx, value);
  if (isMap(node)) return referenceAt(ctx, getValue(node, 'name'));
  return isScalar(node) ? referenceAt(ctx, value) : null;
}
