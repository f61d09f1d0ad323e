// GitLab CI: `image` and `services` (strings or `{name: …}`) at top level, in `default:` and in
// every job: any other top-level key whose value is a map and that is not a global keyword.
// `$VAR` / `${VAR}` resolve from the job's and the file's literal `variables:`; predefined
// `CI_*` variables and anything else are skip 'variable'.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ImageReference } from '../model/reference.js';
import type { ExtractResult } from './types.js';
import { gitlabResolver } from './variables.js';
import { asNode, getValue, getValueWithMerges, keyName } from './yamlNodes.js';
import { scalarString, type YamlDocument } from './yamlRanges.js';
import {
  extractYamlDocuments,
  referenceAt,
  target,
  yamlContext,
  type YamlBase,
  type YamlContext,
} from './yamlReference.js';

/** Top-level keys that are not jobs (https://docs.gitlab.com/ci/yaml/ global keywords). */
const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

export function extractGitlabCi(file: string, text: string): ExtractResult {
  return extractYamlDocuments(file, text, 'gitlab-ci', pipelineDocument);
}

export function pipelineDocument(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const probe = yamlContext(base, root, () => ({ kind: 'literal' }));
  const globals = literalVariables(probe, target(probe, getValue(root, 'variables')));
  const refs: Array<ImageReference | null> = [];
  const jobLike = (map: YAMLMap) => {
    // job variables override the file's; both only when literal
    const own = literalVariables(probe, target(probe, getValueWithMerges(map, 'variables', probe.anchors)));
    const ctx: YamlContext = { ...probe, resolve: gitlabResolver((n) => own.get(n) ?? globals.get(n)) };
    refs.push(...imagesOf(ctx, map));
  };
  jobLike(root);
  const defaults = target(probe, getValue(root, 'default'));
  if (isMap(defaults)) jobLike(defaults);
  for (const item of root.items) {
    const key = keyName(item);
    if (key === null || GLOBAL_KEYWORDS.has(key)) continue;
    const job = asNode(item.value);
    // `job: *template` is the template's image, reported where it is written
    if (isMap(job)) jobLike(job);
  }
  return refs;
}

/** `image` (string or `{name}`) and every `services` entry (string or `{name}`). */
function imagesOf(ctx: YamlContext, map: YAMLMap): Array<ImageReference | null> {
  const refs: Array<ImageReference | null> = [namedImage(ctx, getValue(map, 'image'))];
  const services = target(ctx, getValue(map, 'services'));
  if (isSeq(services)) for (const s of services.items) refs.push(namedImage(ctx, asNode(s)));
  return refs;
}

function namedImage(ctx: YamlContext, value: Node | null): ImageReference | null {
  const node = target(ctx, value);
  if (isMap(node)) {
    const platform = target(ctx, getValue(node, 'docker'));
    const p = isMap(platform) ? target(ctx, getValue(platform, 'platform')) : null;
    const platformText = isScalar(p) ? scalarString(ctx.text, p) : null;
    return referenceAt(ctx, getValue(node, 'name'), {
      platform: platformText && !platformText.includes('$') ? platformText : null,
    });
  }
  return isScalar(node) ? referenceAt(ctx, value) : null;
}

/** `variables: {NAME: value}` or `{NAME: {value: …, description: …}}`, literal scalars only. */
function literalVariables(ctx: YamlContext, node: Node | null): Map<string, string> {
  const vars = new Map<string, string>();
  if (!isMap(node)) return vars;
  for (const item of node.items) {
    const name = keyName(item);
    let value = target(ctx, asNode(item.value));
    if (isMap(value)) value = target(ctx, getValue(value, 'value'));
    if (name === null || !isScalar(value)) continue;
    const s = scalarString(ctx.text, value);
    if (s !== null) vars.set(name, s);
  }
  return vars;
}
