// What tag and digest completion offers for a reference being typed: the repository's tags, newest
// first, each with its push age and whether it is what the written tag pulls now; after `@`, the
// digest the tag points to now. Labels are tags and digests already checked at the network edge.
import type { ImageFacts, TagList } from '../model/facts.js';
import { shortDigest } from './pinText.js';
import { isMultiArch, platformString } from './platforms.js';
import { relativeTime } from './time.js';
import { parseVersionTag } from './tracks.js';

export interface CompletionChoice {
  label: string;
  /** one line: push age, what it points to */
  detail: string;
  /** order for clients that sort (newest first) */
  sortText: string;
  /** the choice a client should preselect */
  preselect: boolean;
}

/** At most this many tags are offered (a repository can have hundreds of thousands). */
const MAX_TAG_CHOICES = 200;

/**
 * Tag choices. `current`: facts of the reference as written (its tag), to mark the tags that pull the
 * same digest; `written`: the tag written there now (clients filter; this only decides the preselection).
 */
export function tagChoices(
  list: TagList,
  current: ImageFacts | undefined,
  written: string,
  now: number,
): CompletionChoice[] {
  const pulled = current && current.error === null ? current.digest : null;
  const tags = list.source === 'hub' ? list.tags : [...list.tags].sort(byVersionDescending);
  const choices = tags
    .filter((t) => !/^sha256-/.test(t.name)) // cosign and referrers helper tags are not images to pull
    .slice(0, MAX_TAG_CHOICES)
    .map((t, i) => {
      const parts: string[] = [];
      if (t.lastPushed && !Number.isNaN(Date.parse(t.lastPushed)))
        parts.push(`pushed ${relativeTime(Date.parse(t.lastPushed), now)}`);
      if (pulled && t.digest === pulled) parts.push('the digest you pull now');
      else if (t.digest) parts.push(shortDigest(t.digest));
      return { label: t.name, detail: parts.join(' · '), sortText: String(i).padStart(4, '0'), preselect: false };
    });
  const first = choices.find((c) => c.label === written) ?? choices.find((c) => c.label.startsWith(written));
  if (first) first.preselect = true;
  return choices;
}

/** Digest choices after `name:tag@`: the digest the tag points to now, then (multi-arch) each
 * platform's own digest, which pins that platform only. */
export function digestChoices(tag: string | null, facts: ImageFacts | undefined): CompletionChoice[] {
  if (!facts || facts.error !== null || !facts.digest) return [];
  const what = tag ? `what ${tag} points to now` : 'the digest of this image';
  const out: CompletionChoice[] = [
    {
      label: facts.digest,
      detail: `${what}${isMultiArch(facts) ? ' (multi-arch index: every platform)' : ''}`,
      sortText: '0000',
      preselect: true,
    },
  ];
  for (const [i, p] of (isMultiArch(facts) ? (facts.platforms ?? []) : []).entries()) {
    out.push({
      label: p.digest,
      detail: `${platformString(p)} only`,
      sortText: String(i + 1).padStart(4, '0'),
      preselect: false,
    });
  }
  return out;
}

/** Version tags newest first (by their numbers), then the other tags by name. */
function byVersionDescending(a: { name: string }, b: { name: string }): number {
  const va = parseVersionTag(a.name);
  const vb = parseVersionTag(b.name);
  if (va && vb) {
    for (let i = 0; i < Math.max(va.numbers.length, vb.numbers.length); i++) {
      const d = (vb.numbers[i] ?? -1) - (va.numbers[i] ?? -1);
      if (d !== 0) return d;
    }
    return a.name.localeCompare(b.name);
  }
  if (va || vb) return va ? -1 : 1;
  return a.name.localeCompare(b.name);
}
