// Bearer tokens from a registry's token realm (distribution token spec), cached per
// realm + service + scope (+ whether credentials were used) until `expires_in` (default 60 s).
// Scopes asked for within a few milliseconds of each other go in one token request (the token
// spec allows several `scope` parameters; Docker Hub's auth server and distribution's grant them
// all in one token): a check of 200 repositories asks for a handful of tokens, not 200.
// Tokens live in memory only; they are never logged or written to disk.
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { failure } from './errors.js';
import { type HttpClient, parseJson, statusFailure } from './http.js';
import { Memo } from './memo.js';

const DEFAULT_EXPIRES_S = 60;
/** refresh a little early so a token does not expire between cache check and use */
const EXPIRY_MARGIN_MS = 5_000;
/** one token per repository scope: a check of thousands of repositories re-asks for the oldest */
const MAX_TOKENS = 1000;
/** how long a token request waits for other scopes to join it */
const BATCH_WAIT_MS = 5;
/** scopes in one token request: the URL and the token grow with each */
const MAX_BATCH = 40;

type Token = { token: string; expiresIn: number };

export class TokenCache {
  private readonly memo: Memo<string, Token>;
  /** realm + service + whose → the token request still gathering scopes */
  private readonly gathering = new Map<
    string,
    { scopes: string[]; tokens: Promise<(scope: string) => Promise<Token>> }
  >();

  constructor(
    private readonly http: HttpClient,
    now: () => number,
  ) {
    this.memo = new Memo({
      maxEntries: MAX_TOKENS,
      ttlMs: (t) => Math.max(t.expiresIn * 1000 - EXPIRY_MARGIN_MS, 1000),
      now,
    });
  }

  /** A token for `scope` from the challenge's realm; `credentials` only when the caller checked that
   * the realm may receive them. */
  async get(challenge: Challenge, scope: string, credentials: Credentials | null): Promise<string> {
    const realm = challenge.params.realm ?? '';
    const service = challenge.params.service ?? '';
    const key = `${realm}\n${service}\n${scope}\n${credentials ? 'auth' : 'anon'}`;
    return (await this.memo.get(key, () => this.gathered(realm, service, scope, credentials))).token;
  }

  /** The token for `scope` from a request shared with the scopes asked for meanwhile. */
  private async gathered(
    realm: string,
    service: string,
    scope: string,
    credentials: Credentials | null,
  ): Promise<Token> {
    const group = `${realm}\n${service}\n${credentials ? `auth ${credentials.username}` : 'anon'}`;
    let open = this.gathering.get(group);
    if (!open) {
      const scopes: string[] = [];
      const tokens = new Promise<void>((resolve) => setTimeout(resolve, BATCH_WAIT_MS)).then(() => {
        if (this.gathering.get(group)?.scopes === scopes) this.gathering.delete(group);
        return this.fetchShared(realm, service, scopes, credentials);
      });
      open = { scopes, tokens };
      this.gathering.set(group, open);
    }
    open.scopes.push(scope);
    if (open.scopes.length >= MAX_BATCH) this.gathering.delete(group);
    return (await open.tokens)(scope);
  }

  /** One token for every scope; if the realm refuses that request, one request per scope (each
   * fails or succeeds on its own, as it would alone). */
  private async fetchShared(
    realm: string,
    service: string,
    scopes: string[],
    credentials: Credentials | null,
  ): Promise<(scope: string) => Promise<Token>> {
    if (scopes.length === 1) {
      const one = this.fetchToken(realm, service, scopes, credentials);
      return () => one;
    }
    try {
      const shared = await this.fetchToken(realm, service, scopes, credentials);
      return () => Promise.resolve(shared);
    } catch {
      return (scope) => this.fetchToken(realm, service, [scope], credentials);
    }
  }

  clear(): void {
    this.memo.clear();
  }

  private async fetchToken(
    realm: string,
    service: string,
    scopes: string[],
    credentials: Credentials | null,
  ): Promise<Token> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw failure('bad-response', 'registry sent an auth challenge without a valid token realm');
    }
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials) {
      headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    }
    const res = await this.http.request({ url, headers, maxBytes: 64 * 1024 });
    if (res.status !== 200) throw statusFailure(res, 'token');
    const body = parseJson(res, 'token') as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token =
      typeof body.token === 'string' && body.token
        ? body.token
        : typeof body.access_token === 'string' && body.access_token
          ? body.access_token
          : null;
    if (token === null) throw failure('bad-response', `token: ${url.host} sent no token`);
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S;
    return { token, expiresIn };
  }
}
