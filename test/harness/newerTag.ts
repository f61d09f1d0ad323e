// A newer tag on an existing track, pushed after seeding: `team/app:1.1` beside the seeded `1.0` on the
// sandbox registry, for the "update to the newest tag in the same track" action in real editors.
import { image } from './oci.js';
import { PushClient } from './push-client.js';
import type { Sandbox } from './sandbox.js';

const pushed = new WeakMap<Sandbox, Promise<{ repository: string; tag: string; digest: string }>>();

/** Pushes `team/app:1.1` once per sandbox; its digest. */
export function pushNewerTeamApp(s: Sandbox): Promise<{ repository: string; tag: string; digest: string }> {
  let p = pushed.get(s);
  if (!p) {
    const client = new PushClient(s.registryUrl, s.tokens.realm, s.tokens.service, s.credentials);
    p = client
      .push('team/app', image({ platform: { os: 'linux', architecture: 'amd64' }, text: 'team app 1.1' }), '1.1')
      .then((digest) => ({ repository: 'team/app', tag: '1.1', digest }));
    pushed.set(s, p);
  }
  return p;
}
