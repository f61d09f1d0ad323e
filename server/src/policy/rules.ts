// One rule per finding code (SPEC §5). A rule looks at one reference and what is known about it and
// returns what to tell the user (and the fix), or null. Only facts from a successful lookup (fresh,
// or stale with data) may produce a negative finding; a failed lookup yields `lookup-failed` only.
import { familiarName, isDockerHub } from '../model/imageName.js';
import { hasData, type ImageFacts } from '../model/facts.js';
import type { FindingCode, TextEdit } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import { pinEdit, shortDigest } from './pinText.js';

export interface RuleContext {
  ref: ImageReference;
  /** undefined: not looked up yet (diagnostics answer from cache before lookups land) */
  facts: ImageFacts | undefined;
  settings: Settings;
  now: number;
}

export interface RuleResult {
  message: string;
  fix: TextEdit | null;
  fixTitle?: string;
}

export interface Rule {
  code: FindingCode;
  check(ctx: RuleContext): RuleResult | null;
}

const DAY_MS = 86_400_000;

function display(ref: ImageReference): string {
  return ref.text.length <= 80 ? ref.text : `${ref.text.slice(0, 79)}…`;
}

function usable(facts: ImageFacts | undefined): facts is ImageFacts {
  return facts !== undefined && hasData(facts);
}

const unpinnedDigest: Rule = {
  code: 'unpinned-digest',
  check({ ref, facts }) {
    if (ref.digest) return null;
    const digest = usable(facts) ? facts.digest : null;
    const fix = digest ? pinEdit(ref, digest) : null;
    const how = digest
      ? `Pin it to ${shortDigest(digest)}…, what the tag points to now.`
      : 'Pin it to a digest (name:tag@sha256:…).';
    const why = fix || !digest || !ref.noFixReason ? '' : ` (${ref.noFixReason})`;
    return {
      message: `${display(ref)} is not pinned to a digest: whoever controls the tag can change what you run. ${how}${why}`,
      fix,
      ...(fix && digest ? { fixTitle: `Pin to digest ${shortDigest(digest)}… (keeps the tag)` } : {}),
    };
  },
};

const latestTag: Rule = {
  code: 'latest-tag',
  check({ ref, facts }) {
    if (ref.tag !== 'latest') return null;
    const written = ref.tagImplied ? 'implies the tag `latest`' : 'uses the tag `latest`';
    const versionTag = usable(facts) ? facts.tagsForDigest.find((t) => t !== 'latest') : undefined;
    const digest = usable(facts) ? facts.digest : null;
    const fix = versionTag && digest ? pinEdit(ref, digest, versionTag) : null;
    const advice = versionTag
      ? `\`latest\` is the same image as \`${versionTag}\` today; name that version instead.`
      : 'Name a version tag instead, so that you know what you run and when it changes.';
    return {
      message: `${display(ref)} ${written}, which moves with every release. ${advice}`,
      fix,
      ...(fix && versionTag ? { fixTitle: `Replace latest by ${versionTag} and pin its digest` } : {}),
    };
  },
};

const unverifiedPublisher: Rule = {
  code: 'unverified-publisher',
  check({ ref, facts }) {
    if (!usable(facts) || !ref.registry || !isDockerHub(ref.registry)) return null;
    if (facts.publisher?.badge !== 'none') return null;
    return {
      message:
        `${familiarName(ref.registry, ref.repository ?? '')} is published by "${facts.publisher.namespace}", which has no ` +
        'Docker Official Image, Verified Publisher or Sponsored OSS badge: nobody vouches for it. Check who publishes it before you trust it.',
      fix: null,
    };
  },
};

const unsigned: Rule = {
  code: 'unsigned',
  check({ ref, facts }) {
    if (!usable(facts) || !facts.signedDigest || facts.signatures.length > 0) return null;
    return {
      message: `No signature (cosign, Sigstore bundle or Notation) was found for ${shortDigest(facts.signedDigest)}…, the digest ${display(ref)} would pull: you cannot tell who built it.`,
      fix: null,
    };
  },
};

const stale: Rule = {
  code: 'stale',
  check({ ref, facts, settings, now }) {
    if (!usable(facts) || !facts.lastPushed) return null;
    const pushed = Date.parse(facts.lastPushed);
    if (Number.isNaN(pushed)) return null;
    const days = Math.floor((now - pushed) / DAY_MS);
    if (days <= settings.staleAfterDays) return null;
    return {
      message: `${display(ref)} was last pushed ${days} days ago (${facts.lastPushed.slice(0, 10)}), more than ${settings.staleAfterDays} days: it likely misses security fixes. Move to a maintained tag.`,
      fix: null,
    };
  },
};

const digestDrift: Rule = {
  code: 'digest-drift',
  check({ ref, facts }) {
    if (!ref.digest || !ref.tag || ref.tagImplied || !usable(facts) || !facts.digest) return null;
    if (facts.digest === ref.digest || facts.pinnedDigestExists === false) return null;
    const fix = pinEdit(ref, facts.digest);
    return {
      message: `The tag ${ref.tag} now points to ${shortDigest(facts.digest)}…, not the pinned ${shortDigest(ref.digest)}…: the image was rebuilt or moved. Review the change, then update the digest.`,
      fix,
      ...(fix ? { fixTitle: `Update the digest to ${shortDigest(facts.digest)}… (what ${ref.tag} points to now)` } : {}),
    };
  },
};

const digestNotFound: Rule = {
  code: 'digest-not-found',
  check({ ref, facts }) {
    if (!ref.digest || !usable(facts) || facts.pinnedDigestExists !== false || facts.stale) return null;
    return {
      message: `The pinned digest ${shortDigest(ref.digest)}… does not exist in ${ref.repository}: a pull will fail. Check the digest.`,
      fix: null,
    };
  },
};

const notFound: Rule = {
  code: 'not-found',
  check({ ref, facts }) {
    if (!facts || facts.stale || facts.error?.kind !== 'not-found') return null;
    const what = facts.error.missing === 'tag' ? `The tag ${ref.tag ?? ''} does not exist in` : 'The repository does not exist:';
    return { message: `${what} ${ref.registry}/${ref.repository}. Check the name for typos.`, fix: null };
  },
};

const lookupFailed: Rule = {
  code: 'lookup-failed',
  check({ ref, facts }) {
    const partial = facts && !facts.error ? facts.partial : undefined;
    if (partial) {
      return { message: `Some facts for ${display(ref)} could not be fetched: ${partial.kind}: ${partial.message}.`, fix: null };
    }
    const error = facts?.error;
    if (!error || error.kind === 'not-found') return null;
    const asOf = facts.stale ? ' Showing facts from the cache.' : '';
    const until = error.retryAt ? ` (retry after ${error.retryAt})` : '';
    return { message: `Could not fetch facts for ${display(ref)}: ${error.kind}${until}: ${error.message}.${asOf}`, fix: null };
  },
};

export const RULES: readonly Rule[] = [
  unpinnedDigest,
  latestTag,
  unverifiedPublisher,
  unsigned,
  stale,
  digestDrift,
  digestNotFound,
  notFound,
  lookupFailed,
];
