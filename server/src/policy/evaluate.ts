// Applies every rule to a reference with the user's severities; `off` drops a finding.
import type { ImageFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { RULES } from './rules.js';

/** Findings for one reference. Skipped references (variables, stages, scratch, built, invalid)
 * have none: the hover says why they were skipped. `facts` undefined = not looked up yet. */
export function evaluate(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now: number = Date.now(),
): Finding[] {
  if (ref.skip) return [];
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = settings.rules[rule.code];
    if (severity === 'off') continue;
    const result = rule.check({ ref, facts, settings, now });
    if (!result) continue;
    findings.push({
      code: rule.code,
      severity,
      message: result.message,
      range: ref.range,
      fix: result.fix,
      ...(result.fixTitle ? { fixTitle: result.fixTitle } : {}),
    });
  }
  return findings;
}
