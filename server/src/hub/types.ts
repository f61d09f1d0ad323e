// The hub layer's contract: facts for a reference, or a typed error inside the facts; never throws.
import type { ImageFacts, TagList } from '../model/facts.js';
import type { ImageReference } from '../model/reference.js';

/** What a lookup needs from a reference (normalised registry/repository, tag and/or digest). */
export type LookupTarget = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

export interface FactsService {
  /** Facts for the target. Concurrent callers of one target share one lookup. When `signal` aborts,
   * this call resolves `undefined` at once; the shared lookup goes on and fills the cache. */
  lookup(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined>;
  /** Like lookup, with every signature read and verified (SPEC §2 verdicts). Optional: a service
   * that cannot verify answers hovers from lookup(). */
  verified?(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined>;
  /** Like lookup, with the image index read when the lookup did not read it (Docker Hub:
   * dockerHub.readIndexes `on-demand`): exact platforms with their digests and the attestations the
   * index carries, for a hover or a fix that needs them. Optional: without it, lookup() is all. */
  readIndex?(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined>;
  /** Cached facts only (fresh or stale), without any network; undefined when nothing is cached. */
  peek(target: LookupTarget): ImageFacts | undefined;
  /** The repository's tags (cached like facts; never throws: a failure is the list's `error`). When
   * `signal` aborts, resolves `undefined` at once; the shared request goes on. Optional: a service
   * that cannot list tags simply offers no tag completion. */
  tags?(target: Pick<LookupTarget, 'registry' | 'repository'>, signal?: AbortSignal): Promise<TagList | undefined>;
  /** Drop every cached fact (memory and disk). */
  clear(): Promise<void>;
  /** Stop timers, abort background requests, flush the disk cache. */
  dispose(): Promise<void>;
}
