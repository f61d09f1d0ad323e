// The one entry to extraction: which extractor a file needs, and running it. Binary files are
// refused before any parser sees them.
import type { ReferenceSource } from '../model/reference.js';
import { extractCompose } from './compose.js';
import { detectFileKind } from './detect.js';
import { extractDevcontainer } from './devcontainer.js';
import { extractDockerfile } from './dockerfile.js';
import { extractGithubActions } from './githubActions.js';
import { extractGitlabCi } from './gitlabCi.js';
import { extractHelmValues } from './helmValues.js';
import { extractKubernetes } from './kubernetes.js';
import { extractKustomize } from './kustomize.js';
import type { ExtractResult, Extractor } from './types.js';

export { detectFileKind, looksLikeKubernetes } from './detect.js';
export type { ExtractProblem, ExtractResult, Extractor, ExtractorEntry } from './types.js';

export const EXTRACTORS: Readonly<Record<ReferenceSource, Extractor>> = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  'helm-values': extractHelmValues,
  'github-actions': extractGithubActions,
  'gitlab-ci': extractGitlabCi,
  devcontainer: extractDevcontainer,
  kustomize: extractKustomize,
};

/** How much of a file is checked for NUL bytes (as git and grep decide "binary"). */
const BINARY_PROBE = 8 * 1024;

/**
 * Extracts every reference of a file. `kind` defaults to `detectFileKind(file, text)`; a file of
 * no known kind gives no references and no problems. Never throws.
 */
export function extractFile(file: string, text: string, kind?: ReferenceSource | null): ExtractResult {
  if (isBinary(text)) return { references: [], problems: [{ message: 'binary file' }] };
  const k = kind ?? detectFileKind(file, text);
  if (!k) return { references: [], problems: [] };
  try {
    return EXTRACTORS[k](file, text);
  } catch (e) {
    // extractors return errors as values; this only keeps a bug in one from stopping a whole scan
    return { references: [], problems: [{ message: `could not extract: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

export function isBinary(text: string): boolean {
  const probe = text.length > BINARY_PROBE ? text.slice(0, BINARY_PROBE) : text;
  return probe.includes('\u0000');
}
