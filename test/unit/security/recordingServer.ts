// Loopback listeners for the security and fault suites: each records every request it receives
// with its Authorization header VALUE (the sandbox proxies only record whether one was present), so
// a test can say exactly which credentials and tokens reached which host.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, self: RecordingServer) => void;

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  requests: Recorded[];
  stop(): Promise<void>;
}

/** An "attacker" host by default: records the request and answers 503. */
export const answer503: Handler = (_req, res) => {
  res.writeHead(503, { 'content-type': 'text/plain' }).end('recorded');
};

export async function startRecordingServer(handler: Handler = answer503): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const holder: { self?: RecordingServer } = {};
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      authorization: req.headers.authorization ?? null,
    });
    req.resume();
    handler(req, res, holder.self as RecordingServer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: RecordingServer = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  holder.self = self;
  return self;
}

/** A JWT-shaped token (header.claims.signature, base64url) like the ones registries issue. */
export function fakeJwt(subject: string): string {
  const b64u = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64u({ typ: 'JWT', alg: 'ES256' })}.${b64u({ sub: subject, jti: `${subject}-${Math.random()}` })}.${Buffer.from(`sig-${subject}`).toString('base64url')}`;
}

export interface MiniRegistryOptions {
  /** Basic credentials the token endpoint accepts */
  user: { username: string; password: string };
  /** where the bearer challenge sends clients for tokens; default: this server's own /token */
  realm?: (self: RecordingServer) => string;
  /** repository → redirect target origin (manifest requests answer 307 to `<origin><path>`) */
  redirects?: Record<string, () => string>;
  /** the digest every existing tag (`1.0`) resolves to */
  digest: string;
}

export interface MiniRegistry extends RecordingServer {
  /** the token handed out for the accepted credentials, and the anonymous one */
  userToken: string;
  anonymousToken: string;
}

/**
 * A tiny distribution-style registry with token auth on its own host: `/token` issues a
 * user token for the configured Basic credentials and an anonymous token otherwise; manifests need
 * a bearer token; `private/*` needs the user token; tag `1.0` exists everywhere, the rest is 404.
 */
export async function startMiniRegistry(o: MiniRegistryOptions): Promise<MiniRegistry> {
  const userToken = fakeJwt(o.user.username);
  const anonymousToken = fakeJwt('anonymous');
  const basic = `Basic ${Buffer.from(`${o.user.username}:${o.user.password}`).toString('base64')}`;
  const server = await startRecordingServer((req, res, self) => {
    const url = new URL(req.url ?? '/', self.url);
    const auth = req.headers.authorization;
    if (url.pathname === '/token') {
      if (auth && auth !== basic) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: auth ? userToken : anonymousToken, expires_in: 300 }));
      return;
    }
    const m = /^\/v2\/(.+?)\/(manifests|referrers|tags)\/(.+)$/.exec(url.pathname);
    const realm = o.realm ? o.realm(self) : `${self.url}/token`;
    const challenge = {
      'www-authenticate': `Bearer realm="${realm}",service="mini"`,
      'content-type': 'application/json',
    };
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, repository = '', kind = '', ref = ''] = m;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    if (bearer !== userToken && bearer !== anonymousToken) {
      res.writeHead(401, challenge).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    if (repository.startsWith('private/') && bearer !== userToken) {
      res.writeHead(401, challenge).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const redirect = o.redirects?.[repository];
    if (redirect) {
      res.writeHead(307, { location: `${redirect()}${url.pathname}` }).end();
      return;
    }
    if (kind === 'manifests' && ref === '1.0') {
      res
        .writeHead(200, {
          'docker-content-digest': o.digest,
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': '2',
        })
        .end(req.method === 'HEAD' ? undefined : '{}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
  return { ...server, userToken, anonymousToken };
}
