// devcontainer.json (JSONC: comments and trailing commas allowed): the top-level `image`. A
// Compose-based devcontainer names a compose file instead, which is recognised by its own name.
// `${localEnv:…}` and other `${…}` variables are known only when the container is created.
import { findNodeAtLocation } from 'jsonc-parser';
import { LineIndex } from '../model/range.js';
import { jsonStringReference, parseJsonc } from './jsonDocument.js';
import type { ExtractResult } from './types.js';
import type { Resolver } from './variables.js';

const devcontainerResolver: Resolver = (written) => {
  const v = /\$\{([^}]*)\}/.exec(written);
  return v
    ? { kind: 'unresolved', detail: `\${${v[1] ?? ''}} is known only when the container is created` }
    : { kind: 'literal' };
};

export function extractDevcontainer(file: string, text: string): ExtractResult {
  const index = new LineIndex(text);
  const { root, problems } = parseJsonc(text, index);
  const node = root?.type === 'object' ? findNodeAtLocation(root, ['image']) : undefined;
  const ref = jsonStringReference({ file, source: 'devcontainer', index, resolve: devcontainerResolver }, node);
  return { references: ref ? [ref] : [], problems };
}
