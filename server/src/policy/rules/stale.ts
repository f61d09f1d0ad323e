// stale: the tag has not been pushed for longer than staleAfterDays.
import { relativeTime } from '../time.js';
import { DAY_MS, display, usable } from './shared.js';
import { defineRule } from './types.js';

export const stale = defineRule({
  code: 'stale',
  defaultSeverity: 'warning',
  meta: {
    title: 'Tag not pushed for a long time',
    summary: "The tag's last push is older than `staleAfterDays`.",
    help: 'The tag was last pushed longer ago than `staleAfterDays`; it likely misses security fixes.',
  },
  check({ ref, facts, settings, now }) {
    if (!usable(facts) || !facts.lastPushed) return null;
    const pushed = Date.parse(facts.lastPushed);
    if (Number.isNaN(pushed)) return null;
    const days = Math.floor((now - pushed) / DAY_MS);
    if (days <= settings.staleAfterDays) return null;
    return {
      message: `${display(ref)} was last pushed ${relativeTime(pushed, now)} (${facts.lastPushed.slice(0, 10)}), more than ${settings.staleAfterDays} days ago: it likely misses security fixes. Move to a maintained tag.`,
      fixes: [],
    };
  },
});
