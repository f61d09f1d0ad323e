// A scripted fetch for hub tests: each expected request (method + exact URL, optional header
// checks) answers once; anything unexpected is recorded and fails `assertDone()`, as does any
// expectation left unused. Answers are real `Response` objects (streamed bodies), so size caps and
// header handling run as in production.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchInit, FetchLike, FetchResponse } from '../../../server/src/hub/http.js';

export interface Expectation {
  method?: 'GET' | 'HEAD';
  url: string;
  /** value: the header must equal it; undefined: the header must be absent */
  headers?: Record<string, string | undefined>;
  status?: number;
  responseHeaders?: Record<string, string>;
  body?: string | Buffer | object;
  /** never answer; reject when the request is aborted (timeouts) */
  hang?: boolean;
  /** throw this network error instead of answering */
  networkError?: string;
  /** answer only once this settles (to hold a lookup in flight) */
  gate?: Promise<unknown>;
  /** how many identical requests this answers (default 1) */
  times?: number;
  /** `times` is a bound, not a count: fewer requests are fine (work shared in flight) */
  atMost?: boolean;
}

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export class FakeFetch {
  readonly calls: Call[] = [];
  readonly unexpected: string[] = [];
  private readonly pending: Array<Expectation & { left: number }> = [];

  constructor(expectations: Expectation[] = []) {
    this.expect(...expectations);
  }

  expect(...expectations: Expectation[]): this {
    for (const e of expectations) this.pending.push({ ...e, left: e.times ?? 1 });
    return this;
  }

  readonly fetch: FetchLike = async (url: string, init: FetchInit): Promise<FetchResponse> => {
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    this.calls.push({ method: init.method, url, headers });
    const i = this.pending.findIndex((e) => e.left > 0 && (e.method ?? 'GET') === init.method && e.url === url);
    if (i < 0) {
      this.unexpected.push(`${init.method} ${url}`);
      throw new Error(`unexpected request ${init.method} ${url}`);
    }
    const e = this.pending[i]!;
    e.left--;
    for (const [name, value] of Object.entries(e.headers ?? {})) {
      assert.equal(headers[name.toLowerCase()], value, `header ${name} of ${init.method} ${url}`);
    }
    if (e.gate) await e.gate;
    if (e.networkError) throw Object.assign(new Error('fetch failed'), { code: e.networkError });
    if (e.hang) {
      return new Promise((_, reject) => {
        init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true });
      });
    }
    const body =
      e.body === undefined
        ? null
        : typeof e.body === 'string' || Buffer.isBuffer(e.body)
          ? e.body
          : JSON.stringify(e.body);
    return new Response(init.method === 'HEAD' ? null : body, {
      status: e.status ?? 200,
      headers: e.responseHeaders ?? {},
    });
  };

  /** Requests matching a predicate (e.g. registry manifest GETs). */
  count(pred: (c: Call) => boolean): number {
    return this.calls.filter(pred).length;
  }

  assertDone(): void {
    assert.deepEqual(this.unexpected, [], 'unexpected requests');
    const unused = this.pending
      .filter((e) => e.left > 0 && !(e.atMost && e.left < (e.times ?? 1)))
      .map((e) => `${e.method ?? 'GET'} ${e.url}`);
    assert.deepEqual(unused, [], 'expected requests that were never made');
  }
}

// verbatim copies of /work/shared/fixtures/docker-hub (provenance in fixtures/README.md)
const FIXTURES = join(__dirname, 'fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

/** A fixture file's text, verbatim. */
export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** JSONC fixtures (the OCI spec's example has a trailing comma): comments and trailing commas removed. */
export function fixtureJson(name: string): unknown {
  const text = fixtureText(name)
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text);
}

export function sha256(text: string | Buffer): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
