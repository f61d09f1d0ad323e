// Google Cloud Build (`cloudbuild.yaml` / `.yml` / `.json`): `steps[].name`, the image each
// build step runs in. `args` (often a `docker build -t …` target), `images:` (what the build
// pushes) and `entrypoint` are never references. `$_USER` / `${_USER}` substitutions resolve
// from the file's literal `substitutions:`; built-in ones (`$PROJECT_ID`, `$SHORT_SHA`, …) are
// known only when the build runs.
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { LineIndex } from '../model/range.js';
import type { ImageReference } from '../model/reference.js';
import { jsonStringReference, parseJsonc } from './jsonDocument.js';
import type { ExtractResult } from './types.js';
import { dollarResolver, type Resolver } from './variables.js';
import { asNode, getValue, keyName } from './yamlNodes.js';
import { scalarString, type YamlDocument } from './yamlRanges.js';
import { extractYamlDocuments, referenceAt, target, yamlContext, type YamlBase } from './yamlReference.js';

export function extractCloudbuild(file: string, text: string): ExtractResult {
  return isJsonBuild(file) ? jsonBuild(file, text) : extractYamlDocuments(file, text, 'cloudbuild', yamlBuild);
}

/** `cloudbuild.json` is JSON; the other names are YAML. */
export function isJsonBuild(file: string): boolean {
  return /\.json$/i.test(file);
}

function substitutionResolver(substitutions: Map<string, string>): Resolver {
  return dollarResolver({
    lookup: (name) => substitutions.get(name),
    unknown: (name) =>
      name.startsWith('_')
        ? `${name} has no value in this file's substitutions`
        : `${name} is a built-in Cloud Build substitution, known only when the build runs`,
  });
}

export function yamlBuild(doc: YamlDocument, base: YamlBase): Array<ImageReference | null> {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const probe = yamlContext(base, root, () => ({ kind: 'literal' }));
  const substitutions = new Map<string, string>();
  const declared = target(probe, getValue(root, 'substitutions'));
  if (isMap(declared)) {
    for (const item of declared.items) {
      const name = keyName(item);
      const value = target(probe, asNode(item.value));
      const s = isScalar(value) ? scalarString(probe.text, value) : null;
      if (name !== null && s !== null) substitutions.set(name, s);
    }
  }
  const ctx = { ...probe, resolve: substitutionResolver(substitutions) };
  const steps = target(ctx, getValue(root, 'steps'));
  if (!isSeq(steps)) return [];
  return steps.items.map((item) => {
    const step = target(ctx, asNode(item) as Node | null);
    return isMap(step) ? referenceAt(ctx, getValue(step, 'name')) : null;
  });
}

function jsonBuild(file: string, text: string): ExtractResult {
  const index = new LineIndex(text);
  const { root, problems } = parseJsonc(text, index);
  const substitutions = new Map<string, string>();
  const declared = root?.type === 'object' ? findNodeAtLocation(root, ['substitutions']) : undefined;
  for (const pair of declared?.type === 'object' ? (declared.children ?? []) : []) {
    const [key, value] = pair.children ?? [];
    if (typeof key?.value === 'string' && typeof value?.value === 'string') substitutions.set(key.value, value.value);
  }
  const ctx = { file, source: 'cloudbuild' as const, index, resolve: substitutionResolver(substitutions) };
  const steps = root?.type === 'object' ? findNodeAtLocation(root, ['steps']) : undefined;
  const references: ImageReference[] = [];
  for (const step of steps?.type === 'array' ? (steps.children ?? []) : []) {
    const name: JsonNode | undefined = step.type === 'object' ? findNodeAtLocation(step, ['name']) : undefined;
    const ref = jsonStringReference(ctx, name);
    if (ref) references.push(ref);
  }
  return { references, problems };
}
