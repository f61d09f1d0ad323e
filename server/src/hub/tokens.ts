// Bearer tokens from a registry's token realm (distribution token spec), cached per
// realm + service + scope (+ whether credentials were used) until `expires_in` (default 60 s).
// Tokens live in memory only; they are never logged or written to disk.
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { failure } from './errors.js';
import { type HttpClient, parseJson, statusFailure } from './http.js';

const DEFAULT_EXPIRES_S = 60;
/** refresh a little early so a token does not expire between cache check and use */
const EXPIRY_MARGIN_MS = 5_000;

export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly http: HttpClient, private readonly now: () => number) {}

  /** A token for `scope` from the challenge's realm; `credentials` only when the caller checked that
   * the realm may receive them. */
  get(challenge: Challenge, scope: string, credentials: Credentials | null): Promise<string> {
    const realm = challenge.params.realm ?? '';
    const service = challenge.params.service ?? '';
    const key = `${realm}\n${service}\n${scope}\n${credentials ? 'auth' : 'anon'}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return Promise.resolve(cached.token);
    let p = this.pending.get(key);
    if (!p) {
      p = this.fetchToken(realm, service, scope, credentials).then(({ token, expiresIn }) => {
        this.tokens.set(key, { token, expiresAt: this.now() + Math.max(expiresIn * 1000 - EXPIRY_MARGIN_MS, 1000) });
        return token;
      });
      p.finally(() => this.pending.delete(key)).catch(() => {});
      this.pending.set(key, p);
    }
    return p;
  }

  clear(): void {
    this.tokens.clear();
  }

  private async fetchToken(realm: string, service: string, scope: string, credentials: Credentials | null) {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw failure('bad-response', 'registry sent an auth challenge without a valid token realm');
    }
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials) {
      headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    }
    const res = await this.http.request({ url, headers, maxBytes: 64 * 1024 });
    if (res.status !== 200) throw statusFailure(res, 'token');
    const body = parseJson(res, 'token') as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token = typeof body.token === 'string' && body.token ? body.token
      : typeof body.access_token === 'string' && body.access_token ? body.access_token : null;
    if (token === null) throw failure('bad-response', `token: ${url.host} sent no token`);
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S;
    return { token, expiresIn };
  }
}
