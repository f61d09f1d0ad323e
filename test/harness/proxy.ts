// Loopback reverse proxy with a request log and runtime fault injection (issue 6). One instance sits in
// front of the registry, another in front of the fake Hub. The Host header is forwarded unchanged so
// URLs the upstream builds (upload Locations, Hub `next` links) keep pointing at the proxy.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { closeServer } from './token-server.js';

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds: number } // 429 + Retry-After: <seconds>
  | { kind: 'rate-limit-epoch'; retryAtEpoch: number } // 429 + X-Retry-After: <unix time> (older Hub docs)
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> } // e.g. 503
  | { kind: 'reset' } // destroy the connection without a response
  | { kind: 'stall' } // accept the request and never answer
  | { kind: 'truncate' } // forward, but cut the body in half and drop Content-Length
  | { kind: 'huge'; bytes?: number } // 200 with a streamed body of `bytes` (default 50 MiB)
  | { kind: 'redirect'; status: 302 | 307; to: string }; // Location: <to><original path>

export interface FaultRule {
  /** matched against the request path including the query string */
  path: RegExp | string;
  method?: string;
  fault: Fault;
  /** apply this many times, then the rule is spent; unlimited when omitted */
  times?: number;
}

export interface LogEntry {
  time: number; // ms epoch when the request arrived
  method: string;
  path: string;
  /** HTTP status sent to the client; 0 when none was (reset, stall, upstream failure) */
  status: number;
  /** whether the request carried an Authorization header (its value is never recorded) */
  authorization: boolean;
  fault?: Fault['kind'];
  durationMs?: number;
  /** `huge` only: body bytes handed to the socket before the client stopped reading */
  bytesSent?: number;
}

export interface LogFilter {
  method?: string;
  path?: RegExp | string;
  status?: number;
  authorization?: boolean;
  fault?: Fault['kind'];
  /** true: only requests whose response has closed (durationMs and bytesSent are final) */
  closed?: boolean;
}

export interface RequestLog {
  entries(): readonly LogEntry[];
  requests(filter?: LogFilter): LogEntry[];
  clear(): void;
  /** resolves once `count` entries match `filter`; entries are logged on arrival (status 0) and
   * re-checked when the response closes, so a status filter waits for the answer */
  waitFor(filter: LogFilter, count?: number): Promise<LogEntry[]>;
}

export interface FaultControl {
  set(rule: FaultRule): void;
  add(rule: FaultRule): void;
  clear(): void;
  rules(): readonly FaultRule[];
  latency(ms: number): void;
}

export interface Proxy {
  name: string;
  url: string;
  host: string;
  log: RequestLog;
  faults: FaultControl;
  stop(): Promise<void>;
}

/** Waits for backpressure to clear, or for the client to go away; removes its listeners either way. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const matches = (p: RegExp | string, s: string): boolean =>
  typeof p === 'string' ? s === p || s.startsWith(p) : p.test(s);

function filterEntries(entries: readonly LogEntry[], f: LogFilter = {}): LogEntry[] {
  return entries.filter(
    (e) =>
      (f.method === undefined || e.method === f.method.toUpperCase()) &&
      (f.path === undefined || matches(f.path, e.path)) &&
      (f.status === undefined || e.status === f.status) &&
      (f.authorization === undefined || e.authorization === f.authorization) &&
      (f.fault === undefined || e.fault === f.fault) &&
      (f.closed === undefined || (e.durationMs !== undefined) === f.closed),
  );
}

export interface ProxyOptions {
  /** Answer the OCI 1.1 referrers API (`GET /v2/<name>/referrers/<digest>`) from the referrers
   * tag-schema index (`sha256-<hex>`) upstream, as Docker Hub (which has the API) would. The
   * Debian registry (distribution 2.8) has no such route. */
  referrersApi?: boolean;
  /** Send Docker Hub's pull-budget headers (`ratelimit-limit: <n>;w=21600`, `ratelimit-remaining`)
   * on every manifest request, the budget going down by one with each manifest GET, as Docker Hub
   * counts pulls (HEAD is free). Nothing is refused at 0. */
  pullLimit?: number;
}

const REFERRERS = /^\/v2\/(.+)\/referrers\/(sha256):([a-f0-9]{64})(\?.*)?$/;
const MANIFEST = /^\/v2\/.+\/manifests\/[^/?]+$/;
const WINDOW = 'w=21600';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export async function startProxy(name: string, target: string, options: ProxyOptions = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const entries: LogEntry[] = [];
  const events = new EventEmitter();
  let rules: Array<FaultRule & { used: number }> = [];
  let latencyMs = 0;
  let pulls = 0;
  /** the pull-budget headers for this request (a manifest GET is counted first) */
  const budget = (method: string, path: string): Record<string, string> => {
    if (options.pullLimit === undefined || !MANIFEST.test(path)) return {};
    if (method === 'GET') pulls++;
    const remaining = Math.max(0, options.pullLimit - pulls);
    return { 'ratelimit-limit': `${options.pullLimit};${WINDOW}`, 'ratelimit-remaining': `${remaining};${WINDOW}` };
  };

  const pickFault = (method: string, path: string): Fault | undefined => {
    const rule = rules.find(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method) &&
        matches(r.path, path) &&
        (r.times === undefined || r.used < r.times),
    );
    if (!rule) return undefined;
    rule.used++;
    return rule.fault;
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: LogEntry,
    onResponse: (up: IncomingMessage) => void,
  ): void => {
    const up = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      onResponse,
    );
    up.on('error', () => {
      entry.status = 0;
      res.destroy();
    });
    req.pipe(up);
  };

  /** Referrers API from the fallback tag: 200 with that index, or an empty index; auth errors pass through. */
  const answerReferrers = (req: IncomingMessage, res: ServerResponse, entry: LogEntry, m: RegExpExecArray): void => {
    const headers = { ...req.headers, accept: OCI_INDEX };
    const up = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: 'GET',
        path: `/v2/${m[1]}/manifests/${m[2]}-${m[3]}`,
        headers,
        agent,
      },
      async (ur) => {
        const chunks: Buffer[] = [];
        for await (const c of ur) chunks.push(c as Buffer);
        const status = ur.statusCode ?? 502;
        if (status === 401 || status === 403) {
          entry.status = status;
          res.writeHead(status, ur.headers).end(Buffer.concat(chunks));
          return;
        }
        const body =
          status === 200
            ? Buffer.concat(chunks)
            : Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }));
        entry.status = 200;
        res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': body.length }).end(body);
      },
    );
    up.on('error', () => {
      entry.status = 0;
      res.destroy();
    });
    up.end();
    req.resume();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const entry: LogEntry = {
      time: Date.now(),
      method,
      path,
      status: 0,
      authorization: req.headers.authorization !== undefined,
    };
    entries.push(entry);
    res.on('close', () => {
      entry.durationMs = Date.now() - entry.time;
      events.emit('entry');
    });
    const fault = pickFault(method, path);
    if (fault) entry.fault = fault.kind;
    events.emit('entry');
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const reply = (status: number, headers: Record<string, string | number>, body = ''): void => {
      entry.status = status;
      req.resume();
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers }).end(body);
    };
    const referrers = options.referrersApi && method === 'GET' && !fault ? REFERRERS.exec(path) : null;
    if (referrers) {
      answerReferrers(req, res, entry, referrers);
      return;
    }
    switch (fault?.kind) {
      case undefined: {
        const extra = budget(method, path);
        forward(req, res, entry, (up) => {
          entry.status = up.statusCode ?? 0;
          res.writeHead(entry.status, { ...up.headers, ...extra });
          up.pipe(res);
        });
        return;
      }
      case 'rate-limit':
        reply(
          429,
          { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds) },
          '{"errors":[{"code":"TOOMANYREQUESTS","message":"rate limited by the sandbox proxy"}]}',
        );
        return;
      case 'rate-limit-epoch':
        reply(
          429,
          { 'content-type': 'application/json', 'x-retry-after': String(fault.retryAtEpoch) },
          '{"detail":"Rate limit exceeded","error":false}',
        );
        return;
      case 'status':
        reply(
          fault.status,
          { 'content-type': 'text/plain', ...fault.headers },
          fault.body ?? `${fault.status} from the sandbox proxy`,
        );
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'stall':
        req.resume(); // read the request, then hold the socket until the client or stop() closes it
        return;
      case 'redirect':
        reply(fault.status, { location: fault.to.replace(/\/$/, '') + path });
        return;
      case 'truncate':
        forward(req, res, entry, async (up) => {
          const chunks: Buffer[] = [];
          for await (const c of up) chunks.push(c as Buffer);
          const body = Buffer.concat(chunks);
          const headers = { ...up.headers };
          delete headers['content-length'];
          entry.status = up.statusCode ?? 0;
          res.writeHead(entry.status, headers);
          res.end(body.subarray(0, Math.floor(body.length / 2)));
        });
        return;
      case 'huge': {
        entry.status = 200;
        req.resume();
        const total = fault.bytes ?? 50 * 1024 * 1024;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': total });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.write('{"results":[');
        let sent = 12;
        while (sent < total && !res.destroyed) {
          const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += piece.length;
          entry.bytesSent = sent;
          if (!res.write(piece)) await drainOrClose(res);
        }
        res.end();
        return;
      }
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const log: RequestLog = {
    entries: () => entries,
    requests: (f) => filterEntries(entries, f),
    clear: () => {
      entries.length = 0;
    },
    waitFor: (f, count = 1) =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = filterEntries(entries, f);
          if (found.length >= count) {
            events.off('entry', check);
            resolve(found);
          }
        };
        events.on('entry', check);
        check();
      }),
  };
  const faults: FaultControl = {
    set: (rule) => {
      rules = [{ ...rule, used: 0 }];
    },
    add: (rule) => {
      rules.push({ ...rule, used: 0 });
    },
    clear: () => {
      rules = [];
    },
    rules: () => rules,
    latency: (ms) => {
      latencyMs = ms;
    },
  };
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    log,
    faults,
    stop: async () => {
      await closeServer(server);
      agent.destroy();
    },
  };
}
