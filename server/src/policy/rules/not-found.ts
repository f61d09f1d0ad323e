// not-found: the registry itself says the repository or tag does not exist (never from a fault).
import { defineRule } from './types.js';

export const notFound = defineRule({
  code: 'not-found',
  defaultSeverity: 'error',
  meta: {
    title: 'Repository or tag does not exist',
    summary: 'The repository or tag does not exist.',
    help: 'The registry says the repository or tag does not exist.',
  },
  check({ ref, facts }) {
    if (!facts || facts.stale || facts.error?.kind !== 'not-found') return null;
    const what =
      facts.error.missing === 'tag' ? `The tag ${ref.tag ?? ''} does not exist in` : 'The repository does not exist:';
    return { message: `${what} ${ref.registry}/${ref.repository}. Check the name for typos.`, fixes: [] };
  },
});
