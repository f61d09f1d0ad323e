// A FactsService whose answers the test writes: facts per image (registry/repository:tag), lookups
// that can be held until the test releases them, and a record of every lookup started.
import { EventEmitter } from 'node:events';
import type { FactsService, LookupTarget } from '../../server/src/hub/types.js';
import { failedFacts, type ImageFacts, type TagList } from '../../server/src/model/facts.js';
import { facts } from '../helpers/facts.js';
import type { FactsOptions } from '../../server/src/lsp/facts.js';

export const NOW = Date.parse('2026-11-20T12:00:00Z');

export function digestOf(ch: string): string {
  return `sha256:${ch.repeat(64).slice(0, 64)}`;
}

/** Facts of a successful lookup of a single-platform image, unsigned, with no attestations;
 * signatures are looked for on `digest` unless told otherwise. */
export function makeFacts(p: Partial<ImageFacts> & { digest: string }): ImageFacts {
  return facts({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platforms: [],
    lastPushed: '2026-10-01T00:00:00Z',
    signatures: [],
    attestations: [],
    signedDigest: p.digest,
    fetchedAt: NOW - 60_000,
    ...p,
  });
}

function answerKey(t: LookupTarget): string {
  return `${t.registry}/${t.repository}:${t.tag ?? ''}`;
}
function cacheKey(t: LookupTarget): string {
  return `${answerKey(t)}@${t.digest ?? ''}`;
}

export class ScriptedFacts implements FactsService {
  private readonly answers = new Map<string, ImageFacts>();
  private readonly cache = new Map<string, ImageFacts>();
  private readonly inFlight = new Map<string, Promise<ImageFacts>>();
  private held: Array<() => void> | null = null;
  private readonly events = new EventEmitter();
  /** cache keys of every shared lookup started */
  readonly started: string[] = [];
  /** cache keys of every shared lookup finished */
  readonly finished: string[] = [];
  readonly built: FactsOptions[] = [];
  disposed = 0;
  cleared = 0;

  private readonly tagLists = new Map<string, TagList>();
  /** repositories (registry/repository) whose tags were asked for */
  readonly tagRequests: string[] = [];

  /** The tag list `tags()` answers for `repository` (registry/repository). */
  answerTags(repository: string, list: Omit<TagList, 'fetchedAt' | 'error'> & Partial<Pick<TagList, 'error'>>): this {
    this.tagLists.set(repository, { error: null, fetchedAt: NOW - 60_000, ...list });
    return this;
  }

  tags(target: Pick<LookupTarget, 'registry' | 'repository'>): Promise<TagList | undefined> {
    const key = `${target.registry}/${target.repository}`;
    this.tagRequests.push(key);
    return Promise.resolve(
      this.tagLists.get(key) ?? {
        tags: [],
        source: 'registry',
        error: { kind: 'not-found', message: 'no such repository' },
        fetchedAt: NOW,
      },
    );
  }

  /** Replaces the cached facts of a target, as the hub does when a hover reads an index or verifies
   * signatures (peek() and later lookups see them). */
  replace(target: LookupTarget, facts: ImageFacts): void {
    this.cache.set(cacheKey(target), facts);
  }

  answer(image: string, facts: ImageFacts): this {
    this.answers.set(image, facts);
    return this;
  }

  /** From now on, lookups wait until `release()`. */
  hold(): void {
    this.held ??= [];
  }

  /** Lets every held lookup finish and stops holding. */
  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const go of waiting) go();
  }

  lookup(target: LookupTarget, signal?: AbortSignal): Promise<ImageFacts | undefined> {
    const key = cacheKey(target);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    let shared = this.inFlight.get(key);
    if (!shared) {
      this.started.push(key);
      this.events.emit('started', key);
      shared = this.run(target, key);
      this.inFlight.set(key, shared);
    }
    if (!signal) return shared;
    if (signal.aborted) return Promise.resolve(undefined);
    const s = shared;
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(undefined), { once: true });
      void s.then(resolve);
    });
  }

  peek(target: LookupTarget): ImageFacts | undefined {
    return this.cache.get(cacheKey(target));
  }

  async clear(): Promise<void> {
    this.cleared++;
    this.cache.clear();
  }

  async dispose(): Promise<void> {
    this.disposed++;
  }

  /** Resolves when the lookup of `image` (registry/repository:tag[@digest]) has finished. */
  whenFinished(image: string): Promise<void> {
    return this.when('finished', this.finished, image);
  }

  /** Resolves when the lookup of `image` has started. */
  whenStarted(image: string): Promise<void> {
    return this.when('started', this.started, image);
  }

  private when(event: string, seen: string[], image: string): Promise<void> {
    const key = image.includes('@') ? image : `${image}@`;
    if (seen.includes(key)) return Promise.resolve();
    return new Promise((resolve) => {
      const on = (k: string): void => {
        if (k !== key) return;
        this.events.off(event, on);
        resolve();
      };
      this.events.on(event, on);
    });
  }

  factory = (options: FactsOptions): ScriptedFacts => {
    this.built.push(options);
    return this;
  };

  private async run(target: LookupTarget, key: string): Promise<ImageFacts> {
    if (this.held) await new Promise<void>((go) => this.held?.push(go));
    else await Promise.resolve();
    const answer =
      this.answers.get(answerKey(target)) ??
      failedFacts({ kind: 'not-found', message: 'no such repository', missing: 'repository' }, NOW);
    this.cache.set(key, answer);
    this.inFlight.delete(key);
    this.finished.push(key);
    this.events.emit('finished', key);
    return answer;
  }
}
