// Findings: what policy concludes from a reference and its facts (SPEC §5).
import type { Range } from './range.js';

export const FINDING_CODES = [
  'unpinned-digest',
  'latest-tag',
  'unverified-publisher',
  'unsigned',
  'stale',
  'digest-drift',
  'digest-not-found',
  'not-found',
  'lookup-failed',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SEVERITIES = ['hint', 'information', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'unpinned-digest': 'warning',
  'latest-tag': 'warning',
  'unverified-publisher': 'warning',
  unsigned: 'information',
  stale: 'warning',
  'digest-drift': 'information',
  'digest-not-found': 'error',
  'not-found': 'error',
  'lookup-failed': 'hint',
};

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isFindingCode(s: string): s is FindingCode {
  return (FINDING_CODES as readonly string[]).includes(s);
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
  fix: TextEdit | null;
  /** title of the fix for people, e.g. "Pin nginx:1.27 to sha256:abcd… (index digest)" */
  fixTitle?: string;
}

export interface FindingJson {
  code: FindingCode;
  severity: Severity;
  message: string;
  fix: TextEdit | null;
}

export function toFindingJson(f: Finding): FindingJson {
  return { code: f.code, severity: f.severity, message: f.message, fix: f.fix };
}
