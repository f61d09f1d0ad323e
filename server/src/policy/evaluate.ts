// Applies every rule to a reference with the user's severities; `off` drops a finding.
import type { ImageFacts } from '../model/facts.js';
import type { Finding, Severity } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { RULES } from './rules/index.js';

/** The registry's default severity per code, for normalizeSettings (model/settings.ts). */
export const RULE_DEFAULTS: Readonly<Record<string, Severity>> = Object.fromEntries(
  RULES.map((r) => [r.code, r.defaultSeverity]),
);

/** Findings for one reference, each with the fixes it offers. Skipped references (variables,
 * stages, scratch, built, invalid) have none: the hover says why they were skipped. `facts`
 * undefined = not looked up yet. */
export function evaluate(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now: number = Date.now(),
): Finding[] {
  if (ref.skip) return [];
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = settings.rules[rule.code] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const result = rule.check({ ref, facts, settings, now });
    if (!result) continue;
    findings.push({ code: rule.code, severity, message: result.message, range: ref.range, fixes: result.fixes });
  }
  return findings;
}
