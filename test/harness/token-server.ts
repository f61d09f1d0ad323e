// Docker registry token server (distribution "token" auth): answers GET /token with an ES256 JWT whose
// x5c header carries the self-signed issuer cert that the registry trusts via auth.token.rootcertbundle.
// Runs in-process so tests can read how many tokens were issued.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface TokenUser {
  password: string;
  actions: string[];
}

/** The test users: alice may do everything, reader may only pull. */
export const TOKEN_USERS: Readonly<Record<string, TokenUser>> = {
  alice: { password: 'wonderland', actions: ['pull', 'push', 'delete', '*'] },
  reader: { password: 'reader', actions: ['pull'] },
};

/** Anonymous callers may pull anything except `private/*` (like public vs private repos on Docker Hub). */
export function anonymousActions(repository: string): string[] {
  return repository.startsWith('private/') ? [] : ['pull'];
}

export interface TokenServer {
  url: string; // e.g. http://127.0.0.1:PORT/token (the realm)
  issued(): number;
  /** tokens issued per user name ('' = anonymous) */
  issuedBy(): Record<string, number>;
  /** when each token was issued (ms epoch), for request waterfalls */
  times(): readonly number[];
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

export function grant(user: string | null, scope: string): Access | null {
  // type:name:actions — the name itself may contain ':' only with a host port, which this sandbox never uses
  const m = /^([a-z]+):([^:]+):([a-z*,]+)$/.exec(scope);
  if (!m) return null;
  const [, type = '', name = '', acts = ''] = m;
  const allowed = user ? (TOKEN_USERS[user]?.actions ?? []) : type === 'repository' ? anonymousActions(name) : [];
  return { type, name, actions: acts.split(',').filter((a) => allowed.includes(a)) };
}

const b64u = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export async function startTokenServer(opts: {
  keyPem: string;
  certPem: string;
  issuer: string;
}): Promise<TokenServer> {
  const key: KeyObject = createPrivateKey(opts.keyPem);
  const certB64 = new X509Certificate(opts.certPem).raw.toString('base64');
  const counts: Record<string, number> = {};
  let total = 0;
  const times: number[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/token' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND"}]}');
      return;
    }
    let user: string | null = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const decoded = Buffer.from(auth.slice(6), 'base64').toString();
      const sep = decoded.indexOf(':');
      const name = decoded.slice(0, sep);
      if (sep < 0 || TOKEN_USERS[name]?.password !== decoded.slice(sep + 1)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="token"' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid username/password' }] }));
        return;
      }
      user = name;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = u.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .map((s) => grant(user, s))
      .filter((a): a is Access => a !== null);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certB64] };
    // distribution wants `aud` as a plain string equal to its configured service
    const claims = {
      iss: opts.issuer,
      sub: user ?? '',
      aud: u.searchParams.get('service') ?? '',
      exp: now + 300,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
    // JWS ES256 signatures are raw r||s, not the DER node:crypto produces by default
    const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
    const token = `${signingInput}.${b64u(signature)}`;
    total++;
    times.push(Date.now());
    counts[user ?? ''] = (counts[user ?? ''] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }),
    );
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    issued: () => total,
    times: (): readonly number[] => times,
    issuedBy: () => ({ ...counts }),
    stop: () => closeServer(server),
  };
}

/** Closes a server including idle keep-alive sockets, so stop() never hangs on a client's pool. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
