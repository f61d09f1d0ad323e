// The YAML file types by their reading of one document: what a re-extraction after an edit runs
// over the documents it touched (reextract.ts). Each extractor module reads its whole file the
// same way (extractYamlDocuments with the same function).
import type { ReferenceSource } from '../model/reference.js';
import { pipelineDocument as azurePipelines } from './azurePipelines.js';
import { pipelinesDocument as bitbucketPipelines } from './bitbucketPipelines.js';
import { configDocument as circleci } from './circleci.js';
import { isJsonBuild, yamlBuild as cloudbuild } from './cloudbuild.js';
import { composeDocument as compose } from './compose.js';
import { pipelineDocument as drone } from './drone.js';
import { workflowDocument as githubActions } from './githubActions.js';
import { pipelineDocument as gitlabCi } from './gitlabCi.js';
import { helmDocument as helmValues } from './helmValues.js';
import { KUBERNETES_LIST_ITEMS, kubernetesDocument } from './kubernetes.js';
import { kustomizationDocument as kustomize } from './kustomize.js';
import type { DocumentReader, YamlReader } from './yamlChunks.js';

const DOCUMENT_READERS: Partial<Record<ReferenceSource, DocumentReader>> = {
  compose,
  'helm-values': helmValues,
  'github-actions': githubActions,
  'gitlab-ci': gitlabCi,
  circleci,
  'bitbucket-pipelines': bitbucketPipelines,
  'azure-pipelines': azurePipelines,
  drone,
  cloudbuild,
  kustomize,
};

const KUBERNETES: YamlReader = { document: kubernetesDocument, items: KUBERNETES_LIST_ITEMS };

/** How a YAML file of this kind is read; null for the other kinds (and cloudbuild.json). */
export function yamlReaderFor(kind: ReferenceSource, file: string): YamlReader | null {
  if (kind === 'kubernetes') return KUBERNETES;
  if (kind === 'cloudbuild' && isJsonBuild(file)) return null;
  const document = DOCUMENT_READERS[kind];
  return document ? { document } : null;
}
