// Figure 1: product extraction vs the bare parser it builds on, on the same text, in process.
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { extractDockerfile } from '../../server/src/extract/dockerfile.js';
import { extractFile } from '../../server/src/extract/index.js';
import { dockerfile, kubernetesYaml } from './generate.js';
import { median, interleave } from './stats.js';

export interface ExtractionResult {
  yaml: { bytes: number; references: number; extractMs: number; parseMs: number; ratio: number; runs: number };
  dockerfile: { lines: number; references: number; extractMs: number; parseMs: number; ratio: number; runs: number };
}

let sunk = 0;
const sink = (v: unknown): void => {
  if (v) sunk++;
};

export function measureExtraction(opts: {
  yamlRuns: number;
  dockerfileRuns: number;
  warmup: number;
}): ExtractionResult {
  const yamlText = kubernetesYaml(10_000);
  // no `kind`: detection (by content, as for any *.yaml) is part of what the product pays
  const check = extractFile('bench/deploy.yaml', yamlText);
  const refs = check.references.filter((r) => r.source === 'kubernetes').length;
  if (refs !== 10_000)
    throw new Error(
      `generated YAML gave ${refs} kubernetes references, expected 10000 (${check.problems.length} problems)`,
    );
  const y = interleave(
    () => extractFile('bench/deploy.yaml', yamlText),
    () => parseAllDocuments(yamlText),
    { runs: opts.yamlRuns, warmup: opts.warmup, sink },
  );

  const dfText = dockerfile(5_000);
  const dfRefs = extractDockerfile('bench/Dockerfile', dfText).references.length;
  const d = interleave(
    () => extractDockerfile('bench/Dockerfile', dfText),
    () => DockerfileParser.parse(dfText),
    { runs: opts.dockerfileRuns, warmup: opts.warmup, sink },
  );

  return {
    yaml: {
      bytes: Buffer.byteLength(yamlText),
      references: refs,
      extractMs: median(y.a),
      parseMs: median(y.b),
      ratio: y.ratio,
      runs: opts.yamlRuns,
    },
    dockerfile: {
      lines: dfText.split('\n').length - 1,
      references: dfRefs,
      extractMs: median(d.a),
      parseMs: median(d.b),
      ratio: d.ratio,
      runs: opts.dockerfileRuns,
    },
  };
}

export const sunkCount = (): number => sunk;
