// Small helpers the rules share: how a reference is named in a message, and which facts may drive
// a negative finding (only those of a successful lookup, fresh or served stale with data).
import { hasData, type ImageFacts } from '../../model/facts.js';
import type { ImageReference } from '../../model/reference.js';

export const DAY_MS = 86_400_000;

export function display(ref: ImageReference): string {
  return ref.text.length <= 80 ? ref.text : `${ref.text.slice(0, 79)}…`;
}

export function usable(facts: ImageFacts | undefined): facts is ImageFacts {
  return facts !== undefined && hasData(facts);
}
