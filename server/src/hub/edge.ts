// Registry text is hostile until it passes here. A header, a manifest, a Hub tag or tag list can carry
// any text, and some of it ends up in the user's files (a digest or a tag in a pin or latest-tag fix)
// or on screen (media types, platform names). Every such value is checked against its grammar where
// it enters the hub layer: the reference grammar for digests, tags and repository paths
// (model/imageName.ts), RFC 6838 for media types, a plain token for platform fields. A value that
// fails is dropped (null), never repaired.
import { isValidRepositoryPath, isValidTag, validateDigest } from '../model/imageName.js';

/** RFC 6838 §4.2 restricted-name, as the OCI image spec's descriptor `mediaType` requires. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
/** GOOS / GOARCH / variant values (`linux`, `amd64`, `v8`, `windows`, `10.0.17763.1234`). */
const PLATFORM_FIELD = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The value when it is a valid digest, else null. */
export function digestOrNull(v: unknown): string | null {
  return typeof v === 'string' && validateDigest(v) === null ? v : null;
}

/** The value when it is a tag the reference grammar accepts, else null. */
export function tagOrNull(v: unknown): string | null {
  return typeof v === 'string' && isValidTag(v) ? v : null;
}

/** The value when it is a repository path (`namespace/name`) the grammar accepts, else null. */
export function repositoryOrNull(v: unknown): string | null {
  return typeof v === 'string' && isValidRepositoryPath(v) ? v : null;
}

/** The media type without parameters (`type/subtype; charset=…` → `type/subtype`) when it is one. */
export function mediaTypeOrNull(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const bare = v.split(';')[0]?.trim() ?? '';
  return MEDIA_TYPE.test(bare) ? bare : null;
}

/** An OS, architecture or variant name, else null. */
export function platformFieldOrNull(v: unknown): string | null {
  return typeof v === 'string' && PLATFORM_FIELD.test(v) ? v : null;
}

/** RFC 3339 date-time as Docker Hub prints it (`2025-10-02T08:15:00.123456Z`). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The value when it is an RFC 3339 timestamp that parses, else null. */
export function timestampOrNull(v: unknown): string | null {
  return typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
}
