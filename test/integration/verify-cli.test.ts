// `image-trust check` verifying signatures against the sandbox: every SPEC §2 verdict in the JSON,
// signature-invalid and untrusted-signer from a trust policy, --verify, and the counted pulls it
// costs (manifest GETs through the docker.io mirror, from the proxy's request log).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main.js';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { SIGNED_CASES, SIGNED_PROVENANCE, SIGNED_REPOSITORY, type SignedCase } from '../harness/seed-signed.js';

let sandbox: Sandbox | undefined;
let skipReason = '';
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (!s.available) {
    skipReason = s.reason;
    return;
  }
  sandbox = s;
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-verify-'));
});
after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface JsonSignature {
  kind: string;
  digest: string;
  verification: string;
  signer: unknown;
  reason: string | null;
}
interface JsonRef {
  text: string;
  facts: { signatures: JsonSignature[]; provenance: unknown } | null;
  findings: Array<{ code: string; message: string }>;
}

const TAGS = Object.keys(SIGNED_CASES) as SignedCase[];

function need(t: { skip(m: string): void }): Sandbox | undefined {
  if (!sandbox) t.skip(`sandbox unavailable: ${skipReason}`);
  return sandbox;
}

function configWith(s: Sandbox, name: string, trust: object | null): string {
  const file = path.join(dir, `${name}.json`);
  const m = s.seed.signed.material;
  const policies = trust ?? {};
  writeFileSync(file, JSON.stringify({ ...s.config, trust: { trustedRoots: [m.trustedRoot], ...policies } }));
  return file;
}

async function check(
  s: Sandbox,
  name: string,
  trust: object | null,
  extra: string[] = [],
  images?: string[],
): Promise<{ code: number; refs: JsonRef[] }> {
  const work = path.join(dir, name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const lines = images ?? TAGS.map((tag) => `${SIGNED_REPOSITORY}:${tag}@${s.seed.signed.images[tag].digest}`);
  writeFileSync(path.join(work, 'Dockerfile'), lines.map((l) => `FROM ${l}`).join('\n') + '\n');
  process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, `${name}-cache`);
  let out = '';
  const code = await runCli(['check', '--format', 'json', '--config', configWith(s, name, trust), ...extra, work], {
    cwd: work,
    out: (x) => (out += `${x}\n`),
    err: () => {},
    now: () => Date.now(),
    version: '0.0.0-test',
  });
  return { code, refs: (JSON.parse(out) as { references: JsonRef[] }).references };
}

const policyFor = (s: Sandbox): object => ({
  policies: [
    {
      images: ['docker.io/acme/*'],
      keys: [
        { name: 'acme-release', publicKey: s.seed.signed.material.releasePublicKeyPem },
        { name: 'acme-notation-ca', publicKey: s.seed.signed.material.notationRootPem },
      ],
      identities: [{ issuer: s.seed.signed.material.issuer, identityRegExp: '^https://github\\.com/acme/' }],
    },
  ],
});

describe('check verifies signatures', () => {
  test('a trust policy names acme/*: every verdict, signers, and the findings they give', async (t) => {
    const s = need(t);
    if (!s) return;
    const before = s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length;
    const { code, refs } = await check(s, 'policy', policyFor(s));
    const got = Object.fromEntries(refs.map((r, i) => [TAGS[i], r.facts?.signatures.map((x) => x.verification)]));
    assert.deepEqual(got, Object.fromEntries(TAGS.map((tag) => [tag, [SIGNED_CASES[tag].expect]])));
    const signer = (tag: SignedCase): unknown => refs[TAGS.indexOf(tag)]?.facts?.signatures[0]?.signer;
    const m = s.seed.signed.material;
    assert.deepEqual(signer('cosign-good'), { key: 'acme-release' });
    assert.deepEqual(signer('cosign-keyless'), { issuer: m.issuer, identity: m.identity });
    assert.deepEqual(signer('bundle-good'), { issuer: m.issuer, identity: m.identity });
    assert.deepEqual(signer('notation-good'), { key: 'acme-notation-ca' });
    const codes = (tag: SignedCase): string[] =>
      (refs[TAGS.indexOf(tag)]?.findings ?? [])
        .map((f) => f.code)
        .filter((c) => c === 'signature-invalid' || c === 'untrusted-signer')
        .sort();
    assert.deepEqual(Object.fromEntries(TAGS.map((tag) => [tag, codes(tag)])), {
      'cosign-good': [],
      'cosign-wrong-digest': ['signature-invalid', 'untrusted-signer'],
      'cosign-wrong-key': ['untrusted-signer'],
      'cosign-keyless': [],
      'bundle-good': [],
      'bundle-expired': ['signature-invalid', 'untrusted-signer'],
      'bundle-broken-chain': ['signature-invalid', 'untrusted-signer'],
      'bundle-other-identity': ['untrusted-signer'],
      'notation-good': [],
      'bundle-provenance': [],
    });
    // a verified SLSA provenance statement is the image's provenance
    assert.deepEqual(refs[TAGS.indexOf('bundle-provenance')]?.facts?.provenance, SIGNED_PROVENANCE);
    assert.equal(refs[TAGS.indexOf('bundle-good')]?.facts?.provenance, null);
    assert.equal(code, 1, 'errors reach the default --fail-on');
    // SPEC §2 keys exactly
    assert.deepEqual(Object.keys(refs[0]?.facts?.signatures[0] ?? {}).sort(), [
      'digest',
      'kind',
      'reason',
      'signer',
      'verification',
    ]);
    // cost: one manifest GET (a counted pull on Docker Hub) per signature artifact, blobs free
    const pulls = s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length - before;
    assert.equal(pulls, TAGS.length, `${pulls} manifest GETs for ${TAGS.length} signed images`);
  });

  test('a pin whose tag moved from a verified digest to an unsigned one: digest-drift and trust-downgrade', async (t) => {
    const s = need(t);
    if (!s) return;
    const { moved } = s.seed.signed;
    const { refs } = await check(
      s,
      'moved',
      policyFor(s),
      [],
      [`${SIGNED_REPOSITORY}:${moved.tag}@${moved.signedDigest}`],
    );
    const findings = refs[0]?.findings ?? [];
    assert.deepEqual(
      findings
        .map((f) => f.code)
        .filter((c) => ['digest-drift', 'trust-downgrade', 'untrusted-signer'].includes(c))
        .sort(),
      ['digest-drift', 'trust-downgrade'],
    );
    assert.match(
      findings.find((f) => f.code === 'trust-downgrade')?.message ?? '',
      /would lose trust: it is signed by the key acme-release \(verified\); the new digest is unsigned/,
    );
  });

  test('a second run reads no signature again (the artifacts are cached on disk by digest)', async (t) => {
    const s = need(t);
    if (!s) return;
    await check(s, 'cached', policyFor(s));
    // the facts go (they would answer without any request); the signature artifacts stay
    rmSync(path.join(dir, 'cached-cache', 'facts-cache.json'), { force: true });
    assert.ok(readdirSync(path.join(dir, 'cached-cache', 'signatures')).length >= TAGS.length);
    const before = s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length;
    const heads = s.log.registry.requests({ method: 'HEAD' }).length;
    const { refs } = await check(s, 'cached', policyFor(s));
    assert.equal(s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length - before, 0);
    assert.ok(s.log.registry.requests({ method: 'HEAD' }).length > heads, 'the facts themselves were looked up again');
    assert.equal(refs[TAGS.indexOf('cosign-good')]?.facts?.signatures[0]?.verification, 'verified');
  });

  test('--offline: verdicts from the signatures read before, none fetched', async (t) => {
    const s = need(t);
    if (!s) return;
    await check(s, 'offline', policyFor(s));
    const requests = s.log.registry.requests().length;
    const { refs } = await check(s, 'offline', policyFor(s), ['--offline']);
    assert.equal(s.log.registry.requests().length, requests, 'offline: no request at all');
    const got = Object.fromEntries(refs.map((r, i) => [TAGS[i], r.facts?.signatures.map((x) => x.verification)]));
    assert.deepEqual(got, Object.fromEntries(TAGS.map((tag) => [tag, [SIGNED_CASES[tag].expect]])));
  });

  test('no policy, no --verify: signatures found, not read (no counted pull)', async (t) => {
    const s = need(t);
    if (!s) return;
    const before = s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length;
    const { refs } = await check(s, 'lazy', null);
    assert.ok(
      refs.every((r) => r.facts?.signatures.every((x) => x.verification === 'unverified' && x.reason === 'not read')),
    );
    assert.equal(s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).length - before, 0);
  });

  test('--verify without a policy: keyless signatures are verified identities, keyed and Notation ones say no key applies', async (t) => {
    const s = need(t);
    if (!s) return;
    const { refs } = await check(s, 'verify-all', null, ['--verify']);
    const v = (tag: SignedCase): JsonSignature | undefined => refs[TAGS.indexOf(tag)]?.facts?.signatures[0];
    assert.equal(v('cosign-keyless')?.verification, 'verified');
    assert.equal(v('bundle-other-identity')?.verification, 'verified');
    assert.deepEqual(v('bundle-other-identity')?.signer, {
      issuer: s.seed.signed.material.issuer,
      identity: s.seed.signed.material.otherIdentity,
    });
    assert.equal(v('cosign-good')?.verification, 'unverified');
    assert.match(v('cosign-good')?.reason ?? '', /no trust policy names a key/);
    assert.equal(v('notation-good')?.verification, 'unverified');
    assert.equal(v('bundle-expired')?.verification, 'invalid');
    assert.ok(
      !refs.some((r) => r.findings.some((f) => f.code === 'untrusted-signer')),
      'no policy, no untrusted-signer',
    );
  });
});
