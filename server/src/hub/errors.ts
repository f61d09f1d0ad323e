// Lookup failures inside the hub layer. Deep helpers throw a HubFailure (carrying a LookupError
// value) so that the orchestration reads straight; service.ts catches every one at the boundary and
// turns it into facts. Nothing outside server/src/hub ever sees a throw.
import type { ErrorKind, LookupError } from '../model/facts.js';

export class HubFailure extends Error {
  constructor(readonly error: LookupError) {
    super(error.message);
    this.name = 'HubFailure';
  }
}

export function failure(kind: ErrorKind, message: string, extra: Partial<LookupError> = {}): HubFailure {
  return new HubFailure({ kind, message, ...extra });
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
