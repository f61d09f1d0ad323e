// Azure Pipelines (`azure-pipelines*.yml`, `.azure-pipelines/*.yml`): every
// `resources.containers[].image`, and the `container:` and `services:` of the pipeline itself
// (a single-job pipeline) and of every job and deployment job in `jobs:` or `stages[].jobs:`. A
// `container:` / service value is an image when it is `{image: …}` or a string that is not the
// alias of a `resources.containers` entry (`container: linux` with `- container: linux` names
// the resource, reported at its own `image:`). Task inputs (`- task: Docker@2` with
// `inputs: {repository: …}`) and step targets are never images. `${{ }}` template expressions,
// `$(macros)` and `$[ runtime ]` expressions are known only when the pipeline runs.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import type { Resolver } from './variables.js';
import { asNode, getValue } from './yamlNodes.js';
import { scalarString, type YamlDocument } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

const azureResolver: Resolver = (written) => {
  const e = /\$\{\{.*?\}\}|\$\(.*?\)|\$\[.*?\]/.exec(written);
  return e ? { kind: 'unresolved', detail: `${e[0]} is known only when the pipeline runs` } : { kind: 'literal' };
};

export function extractAzurePipelines(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'azure-pipelines', pipelineDocument);
}

export function pipelineDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const ctx = yamlContext(base, root, azureResolver);
  const refs: Array<ImageReference | null> = [];
  const aliases = new Set<string>();
  const resources = target(ctx, getValue(root, 'resources'));
  const containers = isMap(resources) ? target(ctx, getValue(resources, 'containers')) : null;
  if (isSeq(containers)) {
    for (const item of containers.items) {
      const resource = target(ctx, asNode(item));
      if (!isMap(resource)) continue;
      const alias = stringOf(ctx, getValue(resource, 'container'));
      if (alias) aliases.add(alias);
      refs.push(referenceAt(ctx, getValue(resource, 'image')));
    }
  }
  for (const job of jobsOf(ctx, root)) {
    refs.push(containerImage(ctx, getValue(job, 'container'), aliases));
    const services = target(ctx, getValue(job, 'services'));
    if (isMap(services)) for (const item of services.items) refs.push(containerImage(ctx, asNode(item.value), aliases));
  }
  return refs;
}

/** The pipeline itself (its `container:` applies to its one implicit job), every entry of its
 * `jobs:`, and of every stage's `jobs:`. */
function jobsOf(ctx: YamlContext, root: YAMLMap): YAMLMap[] {
  const jobs: YAMLMap[] = [root];
  const addJobs = (owner: YAMLMap) => {
    const list = target(ctx, getValue(owner, 'jobs'));
    if (!isSeq(list)) return;
    for (const item of list.items) {
      const job = target(ctx, asNode(item));
      if (isMap(job)) jobs.push(job);
    }
  };
  addJobs(root);
  const stages = target(ctx, getValue(root, 'stages'));
  if (isSeq(stages)) {
    for (const item of stages.items) {
      const stage = target(ctx, asNode(item));
      if (isMap(stage)) addJobs(stage);
    }
  }
  return jobs;
}

/** `{image: …}`, or a string that is not a container resource's alias. */
function containerImage(ctx: YamlContext, value: Node | null, aliases: Set<string>): ImageReference | null {
  const node = target(ctx, value);
  if (isMap(node)) return referenceAt(ctx, getValue(node, 'image'));
  if (!isScalar(node)) return null;
  const written = scalarString(ctx.text, node);
  return written === null || aliases.has(written) ? null : referenceAt(ctx, value);
}

function stringOf(ctx: YamlContext, value: Node | null): string | null {
  const node = target(ctx, value);
  return isScalar(node) ? scalarString(ctx.text, node) : null;
}
