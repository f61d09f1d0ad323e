// Just enough of a registry v2 client to seed the sandbox: a pull+push token per repository (fetched
// up front, no 401 round trip), monolithic blob uploads, manifest PUTs.
import { sha256, type Built } from './oci.js';

export class PushClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly base: string,
    private readonly realm: string,
    private readonly service: string,
    private readonly creds: { username: string; password: string },
  ) {}

  private token(repo: string): Promise<string> {
    let t = this.tokens.get(repo);
    if (!t) {
      const u = new URL(this.realm);
      u.searchParams.set('service', this.service);
      u.searchParams.set('scope', `repository:${repo}:pull,push`);
      const basic = Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64');
      t = fetch(u, { headers: { authorization: `Basic ${basic}` } }).then(async (r) => {
        if (!r.ok) throw new Error(`token ${r.status}: ${await r.text()}`);
        return ((await r.json()) as { token: string }).token;
      });
      this.tokens.set(repo, t);
    }
    return t;
  }

  private async request(
    repo: string,
    method: string,
    pathOrUrl: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : this.base + pathOrUrl;
    const headers = { ...init.headers, authorization: `Bearer ${await this.token(repo)}` };
    return fetch(url, { method, headers, ...(init.body ? { body: init.body } : {}) });
  }

  async pushBlob(repo: string, blob: Buffer): Promise<void> {
    const digest = sha256(blob);
    const start = await this.request(repo, 'POST', `/v2/${repo}/blobs/uploads/`);
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`POST upload ${repo} ${start.status}`);
    const loc = new URL(start.headers.get('location') ?? '', this.base + '/');
    loc.searchParams.set('digest', digest);
    const put = await this.request(repo, 'PUT', loc.toString(), {
      body: blob,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const text = await put.text();
    if (put.status !== 201) throw new Error(`PUT blob ${repo} ${digest} ${put.status}: ${text}`);
  }

  /** Pushes the blobs of `b`, then the manifest under `ref` (a tag, or its own digest when omitted). */
  async push(repo: string, b: Built, ref: string = b.digest): Promise<string> {
    await Promise.all([...b.blobs.values()].map((blob) => this.pushBlob(repo, blob)));
    const r = await this.request(repo, 'PUT', `/v2/${repo}/manifests/${ref}`, {
      body: b.bytes,
      headers: { 'content-type': b.mediaType },
    });
    const text = await r.text();
    if (r.status !== 201) throw new Error(`PUT manifest ${repo}:${ref} ${r.status}: ${text}`);
    const digest = r.headers.get('docker-content-digest') ?? '';
    if (digest !== b.digest) throw new Error(`registry digest ${digest} != built ${b.digest} for ${repo}:${ref}`);
    return digest;
  }
}
