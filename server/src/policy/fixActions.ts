// What a user can apply to references: the fixes their findings carry, and the edits of "pin all".
// Every edit touches only the reference (or its ARG default / digest field), never anything else.
import { hasData, type ImageFacts } from '../model/facts.js';
import type { Fix, FindingCode, TextEdit } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { evaluate } from './evaluate.js';
import { pinEdit } from './pinText.js';

export interface FixAction extends Fix {
  /** the finding this fixes */
  code: FindingCode;
}

/** Every fix the findings of one reference offer, in finding order (the preferred pin first). */
export function fixActions(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now = Date.now(),
): FixAction[] {
  return evaluate(ref, facts, settings, now).flatMap((f) => f.fixes.map((fix) => ({ ...fix, code: f.code })));
}

/** Edits that pin every unpinned reference of one file to what its tag points to now. References
 * without facts or without a safe pin site are left alone (and counted in `skipped`). */
export function pinAllEdits(
  refs: readonly ImageReference[],
  factsFor: (ref: ImageReference) => ImageFacts | undefined,
): { edits: TextEdit[]; skipped: ImageReference[] } {
  const edits: TextEdit[] = [];
  const skipped: ImageReference[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (ref.skip || ref.digest) continue;
    const facts = factsFor(ref);
    const digest = facts && hasData(facts) ? facts.digest : null;
    const edit = digest ? pinEdit(ref, digest) : null;
    if (!edit) {
      skipped.push(ref);
      continue;
    }
    const key = `${edit.range.start.line}:${edit.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push(edit);
  }
  return { edits, skipped };
}
