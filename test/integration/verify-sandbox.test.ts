// The sandbox signs for real: every seeded signature, read back from the registry with plain fetch,
// gets the verdict its case promises from the verification room under the seeded trust material.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseTrustedRoot,
  sigstoreRoots,
  verifySignature,
  type PolicyTrust,
  type VerifyTrust,
} from '../../server/src/verify/index.js';
import type { SignatureKind } from '../../server/src/model/facts.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { MANIFEST_ACCEPT, cosignSigTag } from '../harness/oci.js';
import { SIGNED_CASES, SIGNED_REPOSITORY, type SignedCase } from '../harness/seed-signed.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
});
after(async () => {
  await sb?.stop();
});

function need(t: TestContext): Sandbox | undefined {
  if (!sb) t.skip(unavailable);
  return sb;
}

async function token(s: Sandbox, repo: string): Promise<string> {
  const u = new URL(s.tokens.realm);
  u.searchParams.set('service', s.tokens.service);
  u.searchParams.set('scope', `repository:${repo}:pull`);
  return ((await (await fetch(u)).json()) as { token: string }).token;
}

/** The signature manifest at `ref` and every blob its layers name. */
async function readArtifact(
  s: Sandbox,
  repo: string,
  ref: string,
  kind: SignatureKind,
): Promise<{ kind: SignatureKind; manifest: Buffer; blobs: Map<string, Buffer> }> {
  const auth = { authorization: `Bearer ${await token(s, repo)}` };
  const m = await fetch(`${s.registryUrl}/v2/${repo}/manifests/${ref}`, {
    headers: { ...auth, accept: MANIFEST_ACCEPT },
  });
  assert.equal(m.status, 200, `${repo}@${ref}`);
  const manifest = Buffer.from(await m.arrayBuffer());
  const blobs = new Map<string, Buffer>();
  for (const l of (JSON.parse(manifest.toString()) as { layers: Array<{ digest: string }> }).layers) {
    blobs.set(
      l.digest,
      Buffer.from(
        await (await fetch(`${s.registryUrl}/v2/${repo}/blobs/${l.digest}`, { headers: auth })).arrayBuffer(),
      ),
    );
  }
  return { kind, manifest, blobs };
}

function sandboxTrust(s: Sandbox, policy: 'names-all' | 'none'): VerifyTrust {
  const m = s.seed.signed.material;
  const names: PolicyTrust = {
    keys: [
      { name: 'acme-release', pem: m.releasePublicKeyPem },
      { name: 'acme-notation-ca', pem: m.notationRootPem },
    ],
    identities: [{ issuer: m.issuer, identityRegExp: '^https://github\\.com/acme/' }],
  };
  return {
    roots: sigstoreRoots([parseTrustedRoot(m.trustedRoot)]),
    policy: policy === 'none' ? null : names,
    now: new Date(),
  };
}

describe('seeded signatures verify as their cases say', () => {
  for (const tag of Object.keys(SIGNED_CASES) as SignedCase[]) {
    test(`${SIGNED_REPOSITORY}:${tag} → ${SIGNED_CASES[tag].expect}`, async (t) => {
      const s = need(t);
      if (!s) return;
      const img = s.seed.signed.images[tag];
      const art = await readArtifact(
        s,
        SIGNED_REPOSITORY,
        img.kind === 'cosign' ? cosignSigTag(img.digest) : img.signature,
        img.kind,
      );
      const v = verifySignature(art, img.digest, sandboxTrust(s, 'names-all'));
      assert.equal(v.verification, SIGNED_CASES[tag].expect, v.reason ?? '');
      assert.equal(v.reason === null, v.verification === 'verified');
    });
  }

  test('without a policy: keyless signatures are verified identities, keyed and Notation ones are unverified', async (t) => {
    const s = need(t);
    if (!s) return;
    const got: Record<string, string> = {};
    for (const tag of [
      'cosign-good',
      'cosign-keyless',
      'bundle-good',
      'bundle-other-identity',
      'notation-good',
    ] as const) {
      const img = s.seed.signed.images[tag];
      const art = await readArtifact(
        s,
        SIGNED_REPOSITORY,
        img.kind === 'cosign' ? cosignSigTag(img.digest) : img.signature,
        img.kind,
      );
      got[tag] = verifySignature(art, img.digest, sandboxTrust(s, 'none')).verification;
    }
    assert.deepEqual(got, {
      'cosign-good': 'unverified',
      'cosign-keyless': 'verified',
      'bundle-good': 'verified',
      'bundle-other-identity': 'verified',
      'notation-good': 'unverified',
    });
  });

  test('grafana’s bundle and acme/notary-app’s Notation signature are real too', async (t) => {
    const s = need(t);
    if (!s) return;
    const trust = sandboxTrust(s, 'names-all');
    const g = verifySignature(
      await readArtifact(s, 'grafana/grafana', s.seed.signatures.grafanaBundle, 'sigstore-bundle'),
      s.seed.grafana.digest,
      trust,
    );
    assert.deepEqual(g.signer, { issuer: s.seed.signed.material.issuer, identity: s.seed.signed.material.identity });
    const n = verifySignature(
      await readArtifact(s, 'acme/notary-app', s.seed.signatures.notation, 'notation'),
      s.seed.notaryApp.digest,
      trust,
    );
    assert.deepEqual(n.signer, { key: 'acme-notation-ca' });
  });
});
