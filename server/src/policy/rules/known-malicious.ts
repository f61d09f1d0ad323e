// known-malicious: the reference's namespace, repository or digest is on a list of images reported
// as malicious: the product's (server/data/known-malicious.json) or one the user adds with
// `imageTrust.knownMalicious.lists` (SPEC §5).
import { familiarName } from '../../model/imageName.js';
import { BUILTIN_LIST, findMalicious } from '../malicious/match.js';
import type { MaliciousEntry } from '../malicious/list.js';
import { shortDigest } from '../pinText.js';
import { defineRule } from './types.js';

const WHAT: Record<MaliciousEntry['match'], (value: string) => string> = {
  namespace: (v) => `the namespace \`${v}\``,
  repository: (v) => `the repository \`${v}\``,
  digest: (v) => `the digest \`${shortDigest(v)}…\``,
};

/** Where the entry comes from, for people: the public report, its date, the list. */
function entrySource(e: MaliciousEntry): string {
  const list = e.list === BUILTIN_LIST ? '' : `, list ${e.list}`;
  return `reported malicious on ${e.reported} (${e.source}${list})`;
}

export const knownMalicious = defineRule({
  code: 'known-malicious',
  defaultSeverity: 'error',
  meta: {
    title: 'Image reported as malicious',
    summary:
      "The image, its namespace or its digest is on the product's list of known-malicious images (each entry with its public source), or on a list named by `imageTrust.knownMalicious.lists`.",
    help:
      'The list shipped with the product names namespaces, repositories and digests that public reports found malicious (the `docker123321` account, cryptominers reported to Docker, Debian images with the xz-utils backdoor), each with its report and date. ' +
      'The reference is matched by its namespace, its repository, and every digest known for it (written, resolved from the tag, per platform). Do not pull it; remove it and check the hosts that ran it. A team adds its own blocklist with `imageTrust.knownMalicious.lists`.',
  },
  check({ ref, facts, settings }) {
    const entry = findMalicious(ref, facts, settings.knownMalicious.entries);
    if (!entry) return null;
    const repo = ref.registry && ref.repository ? familiarName(ref.registry, ref.repository) : ref.text;
    const name = entry.match === 'digest' ? `${repo}@${shortDigest(entry.value)}…` : repo;
    const note = entry.note ? `: ${entry.note}` : '';
    return {
      message: `\`${name}\` is known to be malicious: ${WHAT[entry.match](entry.value)} was ${entrySource(entry)}${note}. Do not pull it.`,
      fixes: [],
    };
  },
});
