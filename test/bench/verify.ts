// verifyMsPerSignature (SPEC §6): the median time to verify one signature with a warm trust root —
// cosign keyless `.sig` (Fulcio certificate chain, SCT, Rekor SET) and Sigstore bundle v0.3 (DSSE,
// chain, SCT, SET and inclusion proof) alternately, each over its own image, real cryptography.
// Run alone: node --import tsx test/bench/verify.ts
import { performance } from 'node:perf_hooks';
import {
  parseTrustedRoot,
  sigstoreRoots,
  verifySignature,
  type SignatureArtifact,
  type VerifyTrust,
} from '../../server/src/verify/index.js';
import { image } from '../harness/oci.js';
import { makeTestPki } from '../harness/pki.js';
import { bundleReferrer, keylessCosignManifest, sigstoreBundle } from '../harness/signatures.js';
import { median, quantile } from './stats.js';

export interface VerifyFigures {
  medianMs: number;
  p90Ms: number;
  samples: number;
  cosignMs: number;
  bundleMs: number;
}

export function measureVerify(opts: { runs: number; warmup: number } = { runs: 400, warmup: 50 }): VerifyFigures {
  const now = Date.now();
  const pki = makeTestPki(now);
  const signedAt = new Date(now - 86_400_000);
  const trust: VerifyTrust = {
    roots: sigstoreRoots([parseTrustedRoot(pki.trustedRoot)]),
    policy: null,
    now: new Date(now),
  };
  const subject = image({ platform: { os: 'linux', architecture: 'amd64' }, text: 'bench verify' });
  const cosign = keylessCosignManifest(pki, 'index.docker.io/acme/app', subject.digest, { signedAt });
  const bundle = bundleReferrer(sigstoreBundle(pki, subject.digest, { signedAt }), subject);
  const arts: SignatureArtifact[] = [
    { kind: 'cosign', manifest: cosign.bytes, blobs: cosign.blobs },
    { kind: 'sigstore-bundle', manifest: bundle.bytes, blobs: bundle.blobs },
  ];
  const once = (a: SignatureArtifact): number => {
    const t = performance.now();
    const v = verifySignature(a, subject.digest, trust);
    const ms = performance.now() - t;
    if (v.verification !== 'verified') throw new Error(`bench signature did not verify: ${v.reason}`);
    return ms;
  };
  for (let i = 0; i < opts.warmup; i++) arts.forEach(once);
  const times: number[][] = [[], []];
  for (let i = 0; i < opts.runs; i++) arts.forEach((a, j) => times[j]!.push(once(a)));
  const all = times.flat();
  return {
    medianMs: median(all),
    p90Ms: quantile(all, 0.9),
    samples: all.length,
    cosignMs: median(times[0]!),
    bundleMs: median(times[1]!),
  };
}

if (process.argv[1]?.endsWith('verify.ts')) {
  const f = measureVerify();
  console.log(
    `verifyMsPerSignature: median ${f.medianMs.toFixed(3)} ms, p90 ${f.p90Ms.toFixed(3)} ms over ${f.samples} verifications (cosign keyless ${f.cosignMs.toFixed(3)} ms, bundle ${f.bundleMs.toFixed(3)} ms)`,
  );
  console.log(JSON.stringify({ verifyMsPerSignature: Number(f.medianMs.toFixed(3)) }));
}
