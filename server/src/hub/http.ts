// The one way the hub layer talks HTTP: transport rule (https only), per-host back-off and
// concurrency bound, a timeout per request and a circuit breaker per host (breaker.ts), a size cap on
// every body, redirects followed by hand (Authorization dropped when the host changes), and failures
// classified into LookupError kinds. Status codes other than 429 are the caller's to interpret.
import { CircuitBreakers } from './breaker.js';
import { failure, HubFailure } from './errors.js';
import type { RateLimits } from './rateLimit.js';
import { checkTransport } from './transport.js';

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  redirect: 'manual';
  signal: AbortSignal;
}

export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array | string> | null;
}

/** proxy.ts's request, the global fetch and the tests' fake all fit this. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** body size cap in bytes (default 1 MiB) */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** the URL that answered (after redirects) */
  url: URL;
  header(name: string): string | null;
  body: Buffer;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
// Enough parallelism for a cold check of hundreds of images, far below Docker Hub's abuse limit
// ("thousands of requests per minute" per IP).
const PER_HOST_CONCURRENCY = 16;

interface HttpClientOptions {
  fetch: FetchLike;
  rateLimits: RateLimits;
  timeoutMs: number;
  insecureHosts: () => readonly string[];
  /** aborted when the service is disposed */
  lifetime: AbortSignal;
  /** told about each network-level outcome (for the offline status) */
  onReachability?: (reachable: boolean) => void;
  now?: () => number;
}

export class HttpClient {
  private readonly slots = new Map<string, { active: number; waiting: Array<() => void> }>();
  private readonly breakers: CircuitBreakers;

  constructor(private readonly o: HttpClientOptions) {
    this.breakers = new CircuitBreakers(o.now ?? Date.now, o.timeoutMs);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    const method = req.method ?? 'GET';
    const headers = { ...(req.headers ?? {}) };
    for (let hop = 0; ; hop++) {
      checkTransport(url, this.o.insecureHosts());
      const res = await this.once(url, method, headers, req.maxBytes ?? DEFAULT_MAX_BYTES);
      const location = res.status >= 300 && res.status < 400 ? res.header('location') : null;
      if (location === null) return res;
      if (hop >= MAX_REDIRECTS) throw failure('bad-response', `too many redirects from ${req.url.host}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw failure('bad-response', `invalid redirect from ${url.host}`);
      }
      // A redirect the transport rule refuses (file:, javascript:, plain http to the internet) is the
      // server's bad answer, not a reason to call the registry offline.
      try {
        checkTransport(next, this.o.insecureHosts());
      } catch (e) {
        throw failure(
          'bad-response',
          `${url.host} redirected to a URL that is not followed: ${e instanceof HubFailure ? e.error.message : String(e)}`,
        );
      }
      // credentials belong to one host: never carry them across
      if (next.host.toLowerCase() !== url.host.toLowerCase()) delete headers.authorization;
      url = next;
    }
  }

  private async once(
    url: URL,
    method: string,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<HttpResponse> {
    const host = url.host.toLowerCase();
    const until = this.o.rateLimits.backoffUntil(host);
    if (until !== null) throw rateLimited(host, until);
    await this.acquire(host);
    // checked once a slot is free: requests queued behind ones that timed out fail at once
    try {
      this.breakers.admit(host);
    } catch (e) {
      this.release(host);
      throw e;
    }
    // a ref'd timer (AbortSignal.timeout's is unref'd): a request in flight keeps the process alive
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new Error('timeout')), this.o.timeoutMs);
    const timeout = timer.signal;
    const signal = AbortSignal.any([timeout, this.o.lifetime]);
    try {
      let res: FetchResponse;
      try {
        res = await this.o.fetch(url.href, { method, headers, redirect: 'manual', signal });
      } catch (e) {
        throw this.transportFailure(e, url, timeout);
      }
      this.breakers.answered(host);
      this.o.onReachability?.(true);
      const get = (name: string): string | null => res.headers.get(name);
      const retryAt = this.o.rateLimits.record(host, res.status, get);
      let body: Buffer;
      try {
        body = method === 'HEAD' ? Buffer.alloc(0) : await readCapped(res.body, maxBytes, url);
      } catch (e) {
        throw e instanceof HubFailure ? e : this.transportFailure(e, url, timeout);
      }
      if (retryAt !== null) throw rateLimited(host, retryAt);
      return { status: res.status, url, header: get, body };
    } finally {
      clearTimeout(handle);
      this.release(host);
    }
  }

  private transportFailure(e: unknown, url: URL, timeout: AbortSignal): HubFailure {
    if (e instanceof HubFailure) return e;
    const host = url.host.toLowerCase();
    if (timeout.aborted) {
      this.breakers.timedOut(host);
      return failure('timeout', `${url.host} did not answer within ${this.o.timeoutMs / 1000} s`);
    }
    this.breakers.failed(host);
    if (this.o.lifetime.aborted) return failure('network', 'cancelled: the service is shutting down');
    this.o.onReachability?.(false);
    const err = e as { code?: string; cause?: { code?: string }; message?: string };
    const code = err.code ?? err.cause?.code;
    return failure('network', `cannot reach ${url.host}${code ? ` (${code})` : ''}`);
  }

  private acquire(host: string): Promise<void> {
    let s = this.slots.get(host);
    if (!s) this.slots.set(host, (s = { active: 0, waiting: [] }));
    if (s.active < PER_HOST_CONCURRENCY) {
      s.active++;
      return Promise.resolve();
    }
    const slot = s;
    return new Promise((resolve) =>
      slot.waiting.push(() => {
        slot.active++;
        resolve();
      }),
    );
  }

  private release(host: string): void {
    const s = this.slots.get(host);
    if (!s) return;
    s.active--;
    const next = s.waiting.shift();
    if (next) next();
    else if (s.active === 0) this.slots.delete(host);
  }
}

function rateLimited(host: string, until: number): HubFailure {
  const retryAt = new Date(until).toISOString();
  return failure('rate-limited', `${host} is rate limited until ${retryAt}`, { retryAt });
}

async function readCapped(body: FetchResponse['body'], maxBytes: number, url: URL): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    // leaving the loop cancels the stream, so an endless body costs at most maxBytes
    if (size > maxBytes) throw failure('bad-response', `${url.host} sent more than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; invalid JSON is a 'bad-response'. */
export function parseJson(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    throw failure('bad-response', `${what}: ${res.url.host} sent invalid JSON`);
  }
}

/** A status the caller did not expect → a failure (never 'not-found': the caller decides that). */
export function statusFailure(res: HttpResponse, what: string): HubFailure {
  const s = res.status;
  if (s === 401 || s === 403) return failure('unauthorized', `${what}: ${res.url.host} refused access (HTTP ${s})`);
  if (s >= 500) return failure('network', `${what}: ${res.url.host} failed (HTTP ${s})`);
  return failure('bad-response', `${what}: unexpected HTTP ${s} from ${res.url.host}`);
}
