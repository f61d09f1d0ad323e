// Findings: what policy concludes from a reference and its facts (SPEC §5).
import type { Range } from './range.js';

/** A finding code (SPEC §5). The codes, their default severities and their texts are the rule
 * registry's (policy/rules/index.ts): the model only carries them. */
export type FindingCode = string;

export const SEVERITIES = ['hint', 'information', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** the range the finding is about (the reference) */
  range: Range;
  /** every way to resolve it, built with it (titles included); the preferred one first */
  fixes: Fix[];
}

/** One way to resolve a finding: a titled edit of the reference (or its ARG default / digest field). */
export interface Fix {
  title: string;
  edit: TextEdit;
  /** the one a client applies on "fix it" (at most one per finding) */
  preferred: boolean;
}

interface FindingJson {
  code: FindingCode;
  severity: Severity;
  message: string;
  fix: TextEdit | null;
}

/** SPEC §2 JSON form: `fix` is the preferred fix (else the first), or null. */
export function toFindingJson(f: Finding): FindingJson {
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  return { code: f.code, severity: f.severity, message: f.message, fix: fix ? fix.edit : null };
}
