// lookup-failed: facts could not be fetched, or only partly; never a "not found".
import { display } from './shared.js';
import { defineRule } from './types.js';

export const lookupFailed = defineRule({
  code: 'lookup-failed',
  defaultSeverity: 'hint',
  meta: {
    title: 'Facts could not be fetched',
    summary: 'Facts could not be fetched (rate limit, network, authentication); never reported as `not-found`.',
    help: 'The registry or Docker Hub could not be asked (rate limit, network, authorisation). This is not a "not found".',
  },
  check({ ref, facts }) {
    const partial = facts && !facts.error ? facts.partial : undefined;
    if (partial) {
      return {
        message: `Some facts for ${display(ref)} could not be fetched: ${partial.kind}: ${partial.message}.`,
        fixes: [],
      };
    }
    const error = facts?.error;
    if (!error || error.kind === 'not-found') return null;
    const asOf = facts.stale ? ' Showing facts from the cache.' : '';
    const until = error.retryAt ? ` (retry after ${error.retryAt})` : '';
    return {
      message: `Could not fetch facts for ${display(ref)}: ${error.kind}${until}: ${error.message}.${asOf}`,
      fixes: [],
    };
  },
});
