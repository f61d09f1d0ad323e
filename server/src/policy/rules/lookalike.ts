// lookalike: the name imitates a Docker Official Image, a well-known publisher's namespace or a
// well-known registry host (SPEC §5). Judged by the name (policy/lookalike/judge.ts); the badge,
// when known, only clears or confirms "an official name under another namespace".
import { BADGE_LABELS } from '../../model/facts.js';
import { familiarName } from '../../model/imageName.js';
import { lookalikeFix } from '../lookalike/fix.js';
import { judge, type LookalikeVerdict } from '../lookalike/judge.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

/** How the imitating part differs from what it imitates. */
const HOW: Record<LookalikeVerdict['how'], string> = {
  'look-alike characters': 'it differs only in look-alike characters or separators',
  typo: 'it differs by a small edit',
  'same name': 'it has the same name',
  'other top-level domain': 'it has the same name under another top-level domain',
  'host prefix': 'it starts with that host name',
};

/** What the verdict says the name imitates, for people. */
function imitatedText(v: LookalikeVerdict): string {
  const i = v.imitates;
  switch (i.kind) {
    case 'official':
      return `the Docker Official Image \`${i.name}\``;
    case 'namespace': {
      const badge = i.badge && i.badge !== 'none' ? ` (${BADGE_LABELS[i.badge]})` : '';
      return i.repository ? `\`${i.namespace}/${i.repository}\`${badge}` : `the namespace \`${i.namespace}\`${badge}`;
    }
    case 'registry':
      return `the registry \`${i.host}\` (${i.name})`;
  }
}

function message(name: string, v: LookalikeVerdict): string {
  const i = v.imitates;
  const looks = `\`${name}\` looks like ${imitatedText(v)}`;
  switch (i.kind) {
    case 'registry':
      return `${looks}, but \`${v.part}\` is another host (${HOW[v.how]}): it may serve other images and collect the credentials you send it. Use \`${i.host}\` if that is what you meant.`;
    case 'namespace':
      return `${looks}, but the namespace \`${v.part}\` is another publisher (${HOW[v.how]}). Check the namespace before you pull.`;
    case 'official':
      if (v.how === 'same name') {
        const ns = name.split('/')[0] ?? name;
        return `${looks}, but it is published by \`${ns}\`, which has no Docker Hub badge: it is not the official image. Use \`${i.name}\` unless you mean this publisher.`;
      }
      return `${looks}, but it is another repository (${HOW[v.how]}). Did you mean \`${i.name}\`?`;
  }
}

export const lookalike = defineRule({
  code: 'lookalike',
  defaultSeverity: 'warning',
  meta: {
    title: 'Name imitates a well-known image or registry',
    summary:
      'The name imitates a Docker Official Image or a well-known publisher (`docker123321/tomcat`, `ngnix`, `library/alpline`, `bitnarni/redis`), or the registry host imitates a well-known one (`ghrc.io`, `docker.i0`); never for an image whose publisher has a badge.',
    help:
      'Typosquatted and impersonating images are a known way to ship miners and backdoors: 17 images of the `docker123321` account, named after Tomcat, MySQL and cron, were pulled 5 million times. ' +
      'The name is compared with the Docker Official Images (docker-library/official-images), well-known Docker Hub publishers and well-known registry hosts shipped with the product: look-alike characters (0/o, 1/l, rn/m, vv/w), dropped or swapped separators, small edits, and an official name under a namespace without a badge. Check the name; if it is what you meant, silence the finding with `imageTrust.rules.lookalike`.',
  },
  check({ ref, facts }) {
    if (!ref.registry || !ref.repository) return null;
    const badge = usable(facts) ? (facts.publisher?.badge ?? null) : null;
    const verdict = judge({ registry: ref.registry, repository: ref.repository, badge });
    if (!verdict) return null;
    const fix = lookalikeFix(ref, verdict);
    return { message: message(familiarName(ref.registry, ref.repository), verdict), fixes: fix ? [fix] : [] };
  },
});
