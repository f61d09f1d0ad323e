// Platforms of an image: whether facts describe a multi-arch index, and the `os/arch[/variant]`
// names FROM --platform and the hover use.
import { isIndexMediaType, type ImageFacts, type Platform } from '../model/facts.js';

export function isMultiArch(facts: ImageFacts): boolean {
  return isIndexMediaType(facts.mediaType) || (facts.platforms?.length ?? 0) > 1;
}

export function platformString(p: { os: string; architecture: string; variant?: string }): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** The index entry FROM --platform names (`linux/arm64` also matches `linux/arm64/v8`); undefined
 * also when the platforms were not read. */
export function platformEntry(facts: ImageFacts, platform: string): Platform | undefined {
  return facts.platforms?.find((p) => platformString(p) === platform || `${p.os}/${p.architecture}` === platform);
}
