// Lookup failures inside the hub layer. Deep helpers throw a HubFailure (carrying a LookupError
// value) so that the orchestration reads straight; service.ts catches every one at the boundary and
// turns it into facts. Nothing outside server/src/hub ever sees a throw.
import type { ErrorKind, ImageFacts, LookupError } from '../model/facts.js';

/** What a lookup learned before it failed and that stays true (the namespace's badge when only the
 * tag is missing). */
type KnownFacts = Partial<Pick<ImageFacts, 'publisher'>>;

export class HubFailure extends Error {
  constructor(
    readonly error: LookupError,
    readonly known: KnownFacts = {},
  ) {
    super(error.message);
    this.name = 'HubFailure';
  }
}

export function failure(kind: ErrorKind, message: string, extra: Partial<LookupError> = {}): HubFailure {
  return new HubFailure({ kind, message, ...extra });
}

/** What a failure knew besides its error (nothing for throws that are not HubFailures). */
export function knownFacts(e: unknown): KnownFacts {
  return e instanceof HubFailure ? e.known : {};
}

/** Any thrown value → a LookupError. Unknown throws are programming errors; they are still values
 * here ('bad-response') so a bug in one lookup never takes the server down. */
export function toLookupError(e: unknown): LookupError {
  if (e instanceof HubFailure) return e.error;
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'bad-response', message: `unexpected failure: ${message}` };
}

/** True for failures that say something about the image (a successful lookup with a negative
 * answer); every other kind means "we could not find out". */
export function isDefinitive(error: LookupError): boolean {
  return error.kind === 'not-found';
}
