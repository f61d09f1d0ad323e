// latest-tag: `latest`, written or implied, moves with every release.
import { pinEdit } from '../pinText.js';
import { display, usable } from './shared.js';
import { defineRule } from './types.js';

export const latestTag = defineRule({
  code: 'latest-tag',
  defaultSeverity: 'warning',
  meta: {
    title: 'Image uses the latest tag',
    summary: 'The tag is `latest`, written or implied.',
    help: '`latest`, written or implied, moves with every release. Name a version tag and pin its digest.',
  },
  check({ ref, facts }) {
    if (ref.tag !== 'latest') return null;
    const written = ref.tagImplied ? 'implies the tag `latest`' : 'uses the tag `latest`';
    const versionTag = usable(facts) ? facts.tagsForDigest.find((t) => t !== 'latest') : undefined;
    const digest = usable(facts) ? facts.digest : null;
    const edit = versionTag && digest ? pinEdit(ref, digest, versionTag) : null;
    const advice = versionTag
      ? `\`latest\` is the same image as \`${versionTag}\` today; name that version instead.`
      : 'Name a version tag instead, so that you know what you run and when it changes.';
    return {
      message: `${display(ref)} ${written}, which moves with every release. ${advice}`,
      fixes:
        edit && versionTag
          ? [{ title: `Replace latest by ${versionTag} and pin its digest`, edit, preferred: false }]
          : [],
    };
  },
});
