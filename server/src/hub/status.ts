// What the status bar shows about the hub: live (with Docker Hub's pull budget when its registry
// said), serving cached facts since the network went away, or backing off a rate-limited host.
// Changes are pushed to listeners; reading is free.
import type { RateLimits } from './rateLimit.js';

/** Docker Hub's pull budget as its registry last said (`ratelimit-remaining` / `-limit`, per 6 h). */
export interface PullBudget {
  remaining: number;
  limit: number | null;
}

export type HubStatus =
  | { state: 'live'; pulls?: PullBudget }
  | { state: 'offline'; since: number }
  | { state: 'rate-limited'; host: string; until: number; remaining: number | null };

export type StatusListener = (status: HubStatus) => void;

export interface StatusSource {
  status(): HubStatus;
  /** Returns a function that removes the listener. */
  onStatusChange(listener: StatusListener): () => void;
}

export class StatusTracker implements StatusSource {
  private current: HubStatus = { state: 'live' };
  private readonly listeners = new Set<StatusListener>();

  constructor(initial?: HubStatus) {
    if (initial) this.current = initial;
  }

  status(): HubStatus {
    return this.current;
  }

  onStatusChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(next: HubStatus): void {
    if (sameStatus(this.current, next)) return;
    // keep the first moment we went offline, not the latest failure
    if (next.state === 'offline' && this.current.state === 'offline') return;
    this.current = next;
    for (const l of [...this.listeners]) {
      try {
        l(next);
      } catch {
        // a listener's bug is not the hub's failure
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** The status now: a back-off wins, then unreachability, else live with the pull budget of
 * `hubHost` (Docker Hub's registry or its mirror) when known. */
export function currentStatus(
  rateLimits: RateLimits,
  reachable: boolean,
  hubHost: string | null,
  now: number,
): HubStatus {
  const backoff = rateLimits.activeBackoff();
  if (backoff)
    return {
      state: 'rate-limited',
      host: backoff.host,
      until: backoff.until,
      remaining: rateLimits.quotaOf(backoff.host)?.remaining ?? null,
    };
  if (!reachable) return { state: 'offline', since: now };
  const quota = hubHost ? rateLimits.quotaOf(hubHost) : null;
  return quota?.remaining != null
    ? { state: 'live', pulls: { remaining: quota.remaining, limit: quota.limit } }
    : { state: 'live' };
}

function sameStatus(a: HubStatus, b: HubStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
