// The quick fixes a user can apply to one reference, and the edits of "pin all". Every edit
// touches only the reference (or its ARG default / digest field), never anything else.
import { hasData, isIndexMediaType, type ImageFacts } from '../model/facts.js';
import type { Finding, FindingCode, TextEdit } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { evaluate } from './evaluate.js';
import { pinEdit, shortDigest } from './pinText.js';

export interface FixAction {
  title: string;
  edit: TextEdit;
  /** the finding this fixes, when there is one */
  code: FindingCode | null;
  preferred: boolean;
}

export function isMultiArch(facts: ImageFacts): boolean {
  return isIndexMediaType(facts.mediaType) || facts.platforms.length > 1;
}

/** Quick fixes for one reference: the fixes its findings carry, plus a platform-specific pin when
 * FROM --platform is constant and the image is multi-arch. */
export function fixActions(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now = Date.now(),
  /** the reference's findings when the caller has them already (diagnostics do) */
  findings: readonly Finding[] = evaluate(ref, facts, settings, now),
): FixAction[] {
  if (ref.skip || !facts || !hasData(facts)) return [];
  const actions: FixAction[] = [];
  for (const finding of findings) {
    if (!finding.fix) continue;
    let title = finding.fixTitle ?? `Fix ${finding.code}`;
    if (finding.code === 'unpinned-digest' && facts.digest && isMultiArch(facts)) {
      title = `Pin to index digest ${shortDigest(facts.digest)}… (every platform; keeps the tag)`;
    }
    actions.push({ title, edit: finding.fix, code: finding.code, preferred: finding.code === 'unpinned-digest' });
  }
  if (!ref.digest && ref.platform && isMultiArch(facts)) {
    const platform = facts.platforms.find((p) => platformString(p) === ref.platform || `${p.os}/${p.architecture}` === ref.platform);
    const edit = platform ? pinEdit(ref, platform.digest) : null;
    if (platform && edit) {
      actions.push({
        title: `Pin to the ${ref.platform} digest ${shortDigest(platform.digest)}… (only that platform: builds for others will fail)`,
        edit,
        code: null,
        preferred: false,
      });
    }
  }
  return actions;
}

export function platformString(p: { os: string; architecture: string; variant?: string }): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
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
