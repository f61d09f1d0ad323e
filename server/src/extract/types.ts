// The contract every extractor keeps: text in, every reference out (with exact ranges and a skip
// reason where it cannot be looked up), plus problems found in the file. Never throws, never
// touches the network.
import type { Range } from '../model/range.js';
import type { ImageReference, ReferenceSource } from '../model/reference.js';

export interface ExtractProblem {
  /** for people: what is wrong, e.g. "YAML syntax error: bad indentation" */
  message: string;
  range?: Range;
}

export interface ExtractResult {
  references: ImageReference[];
  problems: ExtractProblem[];
}

/** One extractor per file type (SPEC §4). `file` is copied into every reference as given. */
export type Extractor = (file: string, text: string) => ExtractResult;

export interface ExtractorEntry {
  source: ReferenceSource;
  extract: Extractor;
}
