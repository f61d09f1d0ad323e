// GitHub Actions workflows (also Gitea's and Forgejo's, which read the same format) and action
// metadata files: `jobs.*.container` (a string or `{image}`), `jobs.*.services.*.image` (services
// are maps; a string is accepted too), `uses: docker://…` in every step list (job steps, a
// composite action's `runs.steps`), and a Docker action's `runs.image: docker://…` (the reference
// starts after `docker://`; `runs.image: Dockerfile` builds one instead). `${{ … }}` expressions
// are known only at run time.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { githubResolver } from './variables.js';
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

export function extractGithubActions(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'github-actions', workflowDocument);
}

export function workflowDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, githubResolver);
  const refs: Array<ImageReference | null> = [];
  const jobs = target(ctx, getValue(root, 'jobs'));
  if (isMap(jobs)) {
    for (const item of jobs.items) {
      const job = target(ctx, asNode(item.value));
      if (isMap(job)) refs.push(...jobReferences(ctx, job));
    }
  }
  const runs = target(ctx, getValue(root, 'runs'));
  if (isMap(runs)) refs.push(referenceAt(ctx, getValue(runs, 'image'), { prefix: 'docker://' }));
  walkPairs(root, (pair) => {
    if (keyName(pair) !== 'steps') return;
    const steps = target(ctx, asNode(pair.value));
    if (!isSeq(steps)) return;
    for (const item of steps.items) {
      const step = target(ctx, asNode(item));
      if (isMap(step)) refs.push(referenceAt(ctx, getValue(step, 'uses'), { prefix: 'docker://' }));
    }
  });
  return refs;
}

function jobReferences(ctx: YamlContext, job: YAMLMap): Array<ImageReference | null> {
  const refs: Array<ImageReference | null> = [containerImage(ctx, getValue(job, 'container'))];
  const services = target(ctx, getValue(job, 'services'));
  if (isMap(services)) {
    for (const item of services.items) refs.push(containerImage(ctx, asNode(item.value)));
  }
  return refs;
}

/** `container: node:20` or `container: {image: node:20, …}`. */
function containerImage(ctx: YamlContext, value: Node | null): ImageReference | null {
  const node = target(ctx, value);
  if (isMap(node)) return referenceAt(ctx, getValue(node, 'image'));
  if (isScalar(node)) return referenceAt(ctx, value);
  return null;
}
