// unverified-publisher: a Docker Hub namespace nobody vouches for.
import { familiarName, isDockerHub } from '../../model/imageName.js';
import { usable } from './shared.js';
import { defineRule } from './types.js';

export const unverifiedPublisher = defineRule({
  code: 'unverified-publisher',
  defaultSeverity: 'warning',
  meta: {
    title: 'Publisher has no Docker Hub badge',
    summary:
      'A Docker Hub image whose publisher has no Official, Verified Publisher or Sponsored OSS badge (not reported where the badge is unknown or the registry has no such notion).',
    help: 'The Docker Hub namespace has no Docker Official Image, Verified Publisher or Sponsored OSS badge: nobody vouches for the publisher.',
  },
  check({ ref, facts }) {
    if (!usable(facts) || !ref.registry || !isDockerHub(ref.registry)) return null;
    if (facts.publisher?.badge !== 'none') return null;
    return {
      message:
        `${familiarName(ref.registry, ref.repository ?? '')} is published by "${facts.publisher.namespace}", which has no ` +
        'Docker Official Image, Verified Publisher or Sponsored OSS badge: nobody vouches for it. Check who publishes it before you trust it.',
      fixes: [],
    };
  },
});
