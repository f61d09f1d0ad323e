// devcontainer.json (JSONC: comments and trailing commas allowed): the top-level `image`. A
// Compose-based devcontainer names a compose file instead, which is recognised by its own name.
// `${localEnv:…}` and other `${…}` variables are known only when the container is created.
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../model/range.js';
import type { ImageReference } from '../model/reference.js';
import { buildReference } from './reference-builder.js';
import type { ExtractProblem, ExtractResult } from './types.js';
import type { Resolver } from './variables.js';
import { referenceFromSpan } from './yamlReference.js';

const devcontainerResolver: Resolver = (written) => {
  const v = /\$\{([^}]*)\}/.exec(written);
  return v ? { kind: 'unresolved', detail: `\${${v[1] ?? ''}} is known only when the container is created` } : { kind: 'literal' };
};

export function extractDevcontainer(file: string, text: string): ExtractResult {
  const index = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems: ExtractProblem[] = errors.map((e) => {
    const range = index.rangeOf(e.offset, e.offset + e.length);
    return { message: `JSON syntax error: ${printParseErrorCode(e.error)} (line ${range.start.line + 1})`, range };
  });
  const references: ImageReference[] = [];
  const node = root && root.type === 'object' ? findNodeAtLocation(root, ['image']) : undefined;
  if (node && node.type === 'string' && typeof node.value === 'string' && node.value !== '') {
    const raw = text.slice(node.offset, node.offset + node.length);
    const inner = raw.slice(1, -1);
    const ctx = { file, source: 'devcontainer' as const, index, resolve: devcontainerResolver };
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && inner === node.value) {
      references.push(referenceFromSpan(ctx, { start: node.offset + 1, end: node.offset + node.length - 1, text: inner }));
    } else {
      references.push(
        buildReference({
          file,
          source: 'devcontainer',
          text: raw,
          range: index.rangeOf(node.offset, node.offset + node.length),
          skip: 'invalid',
          skipDetail: 'the image is written with escapes, so its characters cannot be mapped to a range exactly',
          pinSite: null,
          noFixReason: 'the written value cannot be mapped to an exact range',
        }),
      );
    }
  }
  return { references, problems };
}
