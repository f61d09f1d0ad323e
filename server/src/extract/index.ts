// The one entry to extraction: which extractor a file needs, and running it. Text is read whatever
// stray bytes it holds (a NUL in a comment hides nothing); only binary content is refused, with a
// problem, so that a check over it fails closed.
import type { ReferenceSource } from '../model/reference.js';
import { extractAzurePipelines } from './azurePipelines.js';
import { extractBitbucketPipelines } from './bitbucketPipelines.js';
import { extractCircleci } from './circleci.js';
import { extractCloudbuild } from './cloudbuild.js';
import { extractCompose } from './compose.js';
import { detectFileKind } from './detect.js';
import { extractDevcontainer } from './devcontainer.js';
import { extractDockerfile } from './dockerfile.js';
import { extractDrone } from './drone.js';
import { extractGithubActions } from './githubActions.js';
import { extractGitlabCi } from './gitlabCi.js';
import { extractHelmValues } from './helmValues.js';
import { extractKubernetes } from './kubernetes.js';
import { extractKustomize } from './kustomize.js';
import { extractQuadlet } from './quadlet.js';
import type { ExtractResult, Extractor } from './types.js';

export { detectFileKind, looksLikeKubernetes, mayHoldReferences, recognisedByName } from './detect.js';
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
  circleci: extractCircleci,
  'bitbucket-pipelines': extractBitbucketPipelines,
  'azure-pipelines': extractAzurePipelines,
  drone: extractDrone,
  cloudbuild: extractCloudbuild,
  quadlet: extractQuadlet,
};

/**
 * Extracts every reference of a file. `kind` defaults to `detectFileKind(file, text)`; a file of
 * no known kind gives no references and no problems. Never throws.
 */
export function extractFile(file: string, text: string, kind?: ReferenceSource | null): ExtractResult {
  const k = kind ?? detectFileKind(file, text);
  if (!k) return { references: [], problems: [] };
  if (isBinary(text))
    return { references: [], problems: [{ message: 'binary content (NUL and control bytes), not text: not read' }] };
  try {
    return EXTRACTORS[k](file, text);
  } catch (e) {
    // extractors return errors as values; this only keeps a bug in one from stopping a whole scan
    return {
      references: [],
      problems: [{ message: `could not extract: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

/** How much of a file decides whether it is binary (as git and grep decide, the start). */
const BINARY_PROBE = 8 * 1024;
/** Random bytes decode to about 60% control characters and U+FFFD; text with stray NULs or
 * Latin-1 letters stays far below this share. */
const BINARY_SHARE = 0.3;

/**
 * True for binary content: a NUL in the first 8 KiB, and control characters (other than
 * whitespace) or undecodable bytes (U+FFFD) making up at least 30% of them. A NUL alone is no
 * reason: it may sit in a comment of a real Dockerfile, which is read as text.
 */
export function isBinary(text: string): boolean {
  const end = Math.min(text.length, BINARY_PROBE);
  if (!text.slice(0, end).includes('\u0000')) return false;
  let odd = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd >= end * BINARY_SHARE;
}
