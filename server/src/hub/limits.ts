// Counts the hub layer keeps from any one registry answer. A body is already capped in bytes
// (http.ts), but a few megabytes of JSON can still hold tens of thousands of entries, and facts are
// kept per reference in memory and on disk: an index with 30,000 platforms referenced a hundred
// times must cost what an ordinary one does. Real images stay far below these (Docker Official
// Images carry at most a few dozen index entries, attestations included).

/** index entries looked at (platforms + attestation manifests + anything else) */
export const MAX_INDEX_ENTRIES = 512;
/** platforms kept per image */
export const MAX_PLATFORMS = 64;
/** attestation manifests remembered per index */
export const MAX_ATTESTATION_MANIFESTS = 64;
/** layers looked at in one attestation manifest */
export const MAX_ATTESTATION_LAYERS = 64;
/** referrers looked at per digest (API answer or fallback index) */
export const MAX_REFERRERS = 256;
/** signatures kept per digest */
export const MAX_SIGNATURES = 32;
/** tags kept from one tag list page, and tags named as pointing at a digest */
export const MAX_TAGS = 100;
export const MAX_TAGS_FOR_DIGEST = 16;
/** tags kept from a registry's tag list (names only; for completion and updates) */
export const MAX_REGISTRY_TAGS = 1000;
