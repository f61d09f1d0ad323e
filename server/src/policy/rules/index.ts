// The registry of finding codes: one module per code, in the order findings are reported. Settings
// defaults, SARIF rules, documentation anchors, the package.json settings and the README table all
// derive from this list (scripts/generate.mjs writes the last two; a unit test checks they agree).
import { archived } from './archived.js';
import { digestDrift } from './digest-drift.js';
import { digestNotFound } from './digest-not-found.js';
import { knownMalicious } from './known-malicious.js';
import { latestTag } from './latest-tag.js';
import { lookalike } from './lookalike.js';
import { lookupFailed } from './lookup-failed.js';
import { notFound } from './not-found.js';
import { signatureInvalid } from './signature-invalid.js';
import { stale } from './stale.js';
import { trustDowngradeRule } from './trust-downgrade.js';
import { unpinnedDigest } from './unpinned-digest.js';
import { unsigned } from './unsigned.js';
import { untrustedSigner } from './untrusted-signer.js';
import { unverifiedPublisher } from './unverified-publisher.js';
import type { Rule } from './types.js';

export const RULES = [
  unpinnedDigest,
  latestTag,
  unverifiedPublisher,
  unsigned,
  stale,
  digestDrift,
  digestNotFound,
  notFound,
  lookupFailed,
  signatureInvalid,
  untrustedSigner,
  lookalike,
  knownMalicious,
  trustDowngradeRule,
  archived,
] as const satisfies readonly Rule[];

export type RuleCode = (typeof RULES)[number]['code'];

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

/** The product's home page; each code has an anchor in its README table. */
export const DOCS_URL = 'https://github.com/image-trust/image-trust';

/** Where a finding code is documented (the README's anchor for it). */
export function docsUrl(code: string): string {
  return `${DOCS_URL}#${code}`;
}

export function ruleFor(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}

export type { Fix, Rule, RuleContext, RuleMeta, RuleResult } from './types.js';
