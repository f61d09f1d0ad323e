// archived: no more updates will come. Docker Hub marks the repository archived (read-only; a fact
// from the repository endpoint), or its publisher froze the namespace or registry (policy/frozen.ts,
// by name, so it holds even when the lookup failed).
import { familiarName } from '../../model/imageName.js';
import { frozenEntryFor } from '../frozen.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

export const archived = defineRule({
  code: 'archived',
  defaultSeverity: 'warning',
  meta: {
    title: 'Repository archived or frozen',
    summary:
      'Docker Hub marks the repository archived, or its publisher has frozen it (e.g. `bitnamilegacy`: no further updates).',
    help: 'Nothing new will be pushed to this repository, security fixes included; the images can still be pulled. Move to the successor its publisher names, or to another maintained image.',
  },
  check({ ref, facts }) {
    if (!ref.registry || !ref.repository) return null;
    const name = familiarName(ref.registry, ref.repository);
    const frozen = frozenEntryFor(ref.registry, ref.repository);
    if (frozen) {
      const next = frozen.successor ? ` Its publisher names a successor: ${frozen.successor}.` : '';
      return {
        message: `${name} is frozen since ${frozen.since}: ${frozen.reason} (${frozen.source}).${next}`,
        fixes: [],
      };
    }
    if (!usable(facts) || facts.archived !== true) return null;
    return {
      message: `Docker Hub marks ${name} archived: it is read-only and will get no more updates, security fixes included. Move to a maintained image.`,
      fixes: [],
    };
  },
});
