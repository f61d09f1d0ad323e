// Builds the text of a pin: what replaces a reference (or a digest field) so that it names one
// immutable digest while keeping the tag for people to read.
import { toImageName } from '../model/imageName.js';
import type { TextEdit } from '../model/finding.js';
import type { ImageReference, PinSite } from '../model/reference.js';

/** `nginx:1.27` + digest → `nginx:1.27@sha256:…`; an existing digest is replaced; the name and tag
 * stay exactly as written (an implied tag is written out as `latest`). `newTag` replaces the tag (for moving off `latest`). */
export function pinnedReferenceText(written: string, digest: string, newTag?: string): string | null {
  const parsed = toImageName(written);
  if (!parsed.ok) return null;
  const { spans } = parsed.value;
  const name = written.slice(0, spans.name.end);
  // An implied `latest` is written out: `busybox` pins as `busybox:latest@sha256:…`, so the pin
  // still says which tag it follows and drift from that tag can be reported later.
  const impliedLatest = parsed.value.tagImplied ? 'latest' : null;
  const tag = newTag ?? (spans.tag ? written.slice(spans.tag.start, spans.tag.end) : impliedLatest);
  return `${name}${tag ? `:${tag}` : ''}@${digest}`;
}

/** The edit that pins `ref` to `digest` at its pin site; null when the reference has no safe site. */
export function pinEdit(ref: ImageReference, digest: string, newTag?: string): TextEdit | null {
  const site: PinSite | undefined = ref.pinSite;
  if (!site) return null;
  switch (site.kind) {
    case 'reference': {
      const text = pinnedReferenceText(site.text, digest, newTag);
      return text === null ? null : { range: site.range, newText: text };
    }
    case 'digest-value':
      // A separate tag field (Helm, kustomize) cannot be retagged from here: only the digest moves.
      return newTag ? null : { range: site.range, newText: digest };
    case 'insert-digest-field':
      return newTag ? null : { range: site.range, newText: `${site.text}${digest}` };
  }
}

/** A short digest for messages: `sha256:4ed6690bbd72`. */
export function shortDigest(digest: string): string {
  const [alg, hex = ''] = digest.split(':');
  return `${alg}:${hex.slice(0, 12)}`;
}
