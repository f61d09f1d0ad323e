// The contract of one finding code (SPEC §5): its default severity, what people read about it
// (settings, SARIF, README), and the check that looks at one reference and what is known about it.
// A check builds every fix it offers, titles included, so that a fix travels with its finding.
import type { ImageFacts } from '../../model/facts.js';
import type { Fix, Severity } from '../../model/finding.js';
import type { ImageReference } from '../../model/reference.js';
import type { Settings } from '../../model/settings.js';

export interface RuleContext {
  ref: ImageReference;
  /** undefined: not looked up yet (diagnostics answer from cache before lookups land) */
  facts: ImageFacts | undefined;
  settings: Settings;
  now: number;
}

export type { Fix };

export interface RuleResult {
  message: string;
  fixes: Fix[];
}

export interface RuleMeta {
  /** a short name, e.g. "Image not pinned to a digest" (SARIF shortDescription) */
  title: string;
  /** when it is reported, one sentence (README table, settings description) */
  summary: string;
  /** why it matters and what to do (SARIF help) */
  help: string;
}

export interface Rule<Code extends string = string> {
  code: Code;
  defaultSeverity: Severity;
  meta: RuleMeta;
  check(ctx: RuleContext): RuleResult | null;
}

/** Identity, for inference: `defineRule({ code: 'x', … })` keeps `'x'` as the code's type. */
export function defineRule<const Code extends string>(rule: Rule<Code>): Rule<Code> {
  return rule;
}
