// A repository's tags, for completion and updates: Docker Hub's tag API where it answers (newest
// first, with digests and push times; no pull), else the registry's own tag list (names only; not a
// manifest GET, so no pull either). Never throws: a failure is the list's `error`.
import type { TagList } from '../model/facts.js';
import type { DockerHubApi } from './dockerHubApi.js';
import { toLookupError } from './errors.js';
import type { RegistryClient } from './registryClient.js';
import { isDockerHub } from './transport.js';

interface TagListDeps {
  registry: RegistryClient;
  hub: DockerHubApi;
  now: () => number;
}

export async function fetchTagList(d: TagListDeps, registry: string, repository: string): Promise<TagList> {
  if (isDockerHub(registry)) {
    const slash = repository.indexOf('/');
    const [ns, repo] = slash < 0 ? ['library', repository] : [repository.slice(0, slash), repository.slice(slash + 1)];
    try {
      return { tags: await d.hub.recentTags(ns, repo), source: 'hub', error: null, fetchedAt: d.now() };
    } catch {
      // the Hub API is down or refuses: the registry's own list still names the tags
    }
  }
  try {
    const names = await d.registry.tagList(registry, repository);
    if (names === null) {
      return {
        tags: [],
        source: 'registry',
        error: {
          kind: 'not-found',
          message: `repository ${registry}/${repository} does not exist`,
          missing: 'repository',
        },
        fetchedAt: d.now(),
      };
    }
    return {
      tags: names.map((name) => ({ name, digest: null, lastPushed: null })),
      source: 'registry',
      error: null,
      fetchedAt: d.now(),
    };
  } catch (e) {
    return { tags: [], source: 'registry', error: toLookupError(e), fetchedAt: d.now() };
  }
}
