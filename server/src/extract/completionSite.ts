// Where a completion request sits in an image reference being typed: after `name:` (a tag is
// wanted) or after `name:tag@` (a digest is wanted). Text only: whether the place names an image
// at all is for the caller to ask the extractors (a probe text with the reference completed).

export interface CompletionSite {
  kind: 'tag' | 'digest';
  /** the reference's name as written (`nginx`, `ghcr.io/acme/app`), without a `docker://` prefix */
  name: string;
  /** digest sites: the tag written before `@` (null when none) */
  tag: string | null;
  /** what is typed so far of the tag or digest (up to the cursor) */
  partial: string;
  /** the whole tag or digest written there now, the part after the cursor included */
  current: string;
  /** offsets of the whole reference token (prefix excluded), and of the part a completion replaces */
  tokenStart: number;
  tokenEnd: number;
  replaceStart: number;
  replaceEnd: number;
}

// the characters an image reference can be written with (IPv6 brackets included)
const REF_CHAR = /[A-Za-z0-9._\-/:@[\]]/;
const DOCKER_PREFIX = 'docker://';
/** a reference longer than this is not being typed by a person: no completion */
const MAX_TOKEN = 512;

export function completionSite(text: string, offset: number): CompletionSite | null {
  let start = offset;
  while (start > 0 && offset - start < MAX_TOKEN && REF_CHAR.test(text[start - 1] as string)) start--;
  let end = offset;
  while (end < text.length && end - offset < MAX_TOKEN && REF_CHAR.test(text[end] as string)) end++;
  let token = text.slice(start, offset);
  if (token.startsWith(DOCKER_PREFIX)) {
    start += DOCKER_PREFIX.length;
    token = token.slice(DOCKER_PREFIX.length);
  }
  if (token === '' || token.includes('//')) return null;
  const at = token.indexOf('@');
  if (at >= 0) {
    const nameTag = token.slice(0, at);
    const colon = tagColon(nameTag);
    const name = colon < 0 ? nameTag : nameTag.slice(0, colon);
    if (!name) return null;
    return {
      kind: 'digest',
      name,
      tag: colon < 0 ? null : nameTag.slice(colon + 1),
      partial: token.slice(at + 1),
      current: text.slice(start + at + 1, end),
      tokenStart: start,
      tokenEnd: end,
      replaceStart: start + at + 1,
      replaceEnd: end,
    };
  }
  const colon = tagColon(token);
  if (colon <= 0) return null;
  return {
    kind: 'tag',
    name: token.slice(0, colon),
    tag: null,
    partial: token.slice(colon + 1),
    current: text.slice(start + colon + 1, end),
    tokenStart: start,
    tokenEnd: end,
    replaceStart: start + colon + 1,
    replaceEnd: end,
  };
}

/** The `:` that starts a tag: the last one after the last `/` (`localhost:5000/app:1` → before `1`). */
function tagColon(nameTag: string): number {
  const colon = nameTag.lastIndexOf(':');
  return colon > nameTag.lastIndexOf('/') ? colon : -1;
}
