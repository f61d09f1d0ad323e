// The hub layer's entry: live facts from any OCI registry and Docker Hub, behind FactsService.
import { Service, type FactsServiceOptions, type HubFactsService } from './service.js';

export type { FactsServiceOptions, HubFactsService, LogLevel } from './service.js';
export type { FactsService, LookupTarget } from './types.js';
export type { HubStatus, PullBudget, StatusListener, StatusSource } from './status.js';
export type { FetchLike, FetchInit, FetchResponse } from './http.js';
export { userCacheDir } from './diskCache.js';
export { lookupMany, type LookupManyOptions } from './lookupMany.js';

/** Creates the facts service. It never throws from lookup/peek; errors are facts. */
export function createFactsService(options: FactsServiceOptions): HubFactsService {
  return new Service(options);
}
