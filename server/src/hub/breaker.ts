// Per-host circuit breaker for hosts that stop answering. Without it, dozens of references on a dead
// host cost one timeout each (divided by the concurrency). A request that times out opens the
// circuit: requests to that host fail at once as `timeout` until the cool-down ends. Then one request
// goes through as a probe (half-open) while the others still fail at once; an answer of any status
// closes the circuit, another timeout opens it again for twice as long (up to a cap).
import { failure, type HubFailure } from './errors.js';

const FIRST_COOLDOWN_MS = 30_000;
const MAX_COOLDOWN_MS = 10 * 60_000;

interface Open {
  until: number;
  cooldownMs: number;
  /** the half-open probe is in flight */
  probing: boolean;
}

export class CircuitBreakers {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  /** Call before a request to `host`: throws the fail-fast timeout while the circuit is open (or its
   * probe is in flight); otherwise the request may go (as the probe when half-open). */
  admit(host: string): void {
    const o = this.open.get(host);
    if (!o) return;
    if (o.until > this.now() || o.probing) throw this.refusal(host, o);
    o.probing = true;
  }

  /** The host answered (any status): the circuit closes. */
  answered(host: string): void {
    this.open.delete(host);
  }

  /** A request to the host timed out: the circuit opens (again, for longer). */
  timedOut(host: string): void {
    const o = this.open.get(host);
    const cooldownMs = o ? Math.min(o.cooldownMs * 2, MAX_COOLDOWN_MS) : FIRST_COOLDOWN_MS;
    this.open.set(host, { until: this.now() + cooldownMs, cooldownMs, probing: false });
  }

  /** The request failed otherwise (reset, refused, cancelled): a probe may be tried again. */
  failed(host: string): void {
    const o = this.open.get(host);
    if (o) o.probing = false;
  }

  clear(): void {
    this.open.clear();
  }

  private refusal(host: string, o: Open): HubFailure {
    const until = new Date(Math.max(o.until, this.now())).toISOString();
    return failure(
      'timeout',
      `${host} did not answer within ${this.timeoutMs / 1000} s; not asked again until ${until}`,
    );
  }
}
