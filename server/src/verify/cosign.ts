// cosign's legacy tag-scheme signatures (`sha256-<hex>.sig`): each layer is a "simple signing"
// payload whose `critical.image.docker-manifest-digest` names the image, with the signature in the
// `dev.cosignproject.cosign/signature` annotation; keyless ones add the Fulcio certificate
// (`dev.sigstore.cosign/certificate`) and the Rekor bundle (`dev.sigstore.cosign/bundle`: SET and
// the logged body). Each layer is turned into the Sigstore bundle it amounts to and checked by
// Sigstore's verifier (sigstore.ts), so keyless legacy and bundle signatures get the same checks.
import { X509Certificate } from '@sigstore/core';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity } from '@sigstore/verify';
import {
  isRecord,
  Malformed,
  MAX_ANNOTATION_CHARS,
  parseJson,
  sha256Digest,
  type ArtifactManifest,
  type Layer,
} from './artifact.js';
import { checkSigstore } from './sigstore.js';
import type { VerifyTrust, Verdict } from './types.js';
import { invalid, sigstoreVerdict, unverified } from './verdict.js';

const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
const SIGNATURE = 'dev.cosignproject.cosign/signature';
const CERTIFICATE = 'dev.sigstore.cosign/certificate';
const BUNDLE = 'dev.sigstore.cosign/bundle';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64(value: string, what: string): Buffer {
  if (!BASE64.test(value)) throw new Malformed(`${what} is not base64`);
  return Buffer.from(value, 'base64');
}

/** The digest a simple-signing payload names. */
function signedDigestOf(payload: Buffer): string {
  const p = parseJson(payload, MAX_ANNOTATION_CHARS, 'the simple-signing payload');
  const critical = isRecord(p) && isRecord(p.critical) ? p.critical : null;
  const image = critical && isRecord(critical.image) ? critical.image : null;
  const digest = image?.['docker-manifest-digest'];
  if (typeof digest !== 'string') throw new Malformed('the simple-signing payload names no docker-manifest-digest');
  return digest;
}

/** `dev.sigstore.cosign/bundle` → a Sigstore bundle tlog entry (SET + logged body). */
function tlogEntry(annotation: string): Record<string, unknown> {
  const b = parseJson(Buffer.from(annotation), MAX_ANNOTATION_CHARS, 'the Rekor bundle annotation');
  const p = isRecord(b) && isRecord(b.Payload) ? b.Payload : null;
  if (
    !isRecord(b) ||
    typeof b.SignedEntryTimestamp !== 'string' ||
    !p ||
    typeof p.body !== 'string' ||
    typeof p.integratedTime !== 'number' ||
    typeof p.logIndex !== 'number' ||
    typeof p.logID !== 'string' ||
    !/^[0-9a-f]{64}$/.test(p.logID)
  ) {
    throw new Malformed(
      'the Rekor bundle annotation lacks SignedEntryTimestamp, body, integratedTime, logIndex or logID',
    );
  }
  const body = parseJson(base64(p.body, 'the logged body'), MAX_ANNOTATION_CHARS, 'the logged body');
  if (!isRecord(body) || typeof body.kind !== 'string' || typeof body.apiVersion !== 'string')
    throw new Malformed('the logged body has no kind and apiVersion');
  base64(b.SignedEntryTimestamp, 'the SET');
  return {
    logIndex: String(p.logIndex),
    logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
    kindVersion: { kind: body.kind, version: body.apiVersion },
    integratedTime: String(p.integratedTime),
    inclusionPromise: { signedEntryTimestamp: b.SignedEntryTimestamp },
    canonicalizedBody: p.body,
  };
}

function verifyLayer(layer: Layer, subject: string, trust: VerifyTrust): Verdict {
  if (!layer.bytes) return unverified('its payload was not read');
  const payload = layer.bytes;
  const signed = signedDigestOf(payload);
  if (signed !== subject) return invalid(`it signs ${signed.slice(0, 80)}, not this image’s digest`);
  const sig = layer.annotations[SIGNATURE];
  if (!sig) throw new Malformed('the layer has no dev.cosignproject.cosign/signature annotation');
  const certPem = layer.annotations[CERTIFICATE];
  const bundleAnnotation = layer.annotations[BUNDLE];
  let certificate: Buffer | null = null;
  if (certPem) {
    try {
      certificate = X509Certificate.parse(certPem).root.toDER();
    } catch {
      throw new Malformed('its certificate annotation is not a PEM certificate');
    }
  }
  const bundle = bundleFromJSON({
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: {
      ...(certificate
        ? { x509CertificateChain: { certificates: [{ rawBytes: certificate.toString('base64') }] } }
        : { publicKey: { hint: '' } }),
      tlogEntries: bundleAnnotation ? [tlogEntry(bundleAnnotation)] : [],
    },
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: Buffer.from(sha256Digest(payload).slice(7), 'hex').toString('base64'),
      },
      signature: base64(sig, 'the signature').toString('base64'),
    },
  });
  return sigstoreVerdict(
    checkSigstore(toSignedEntity(bundle, payload), payload, trust.roots, trust.policy),
    trust.policy,
    null,
  );
}

/** cosign verifies an image when any one of its signatures verifies; so does this. */
export function verifyCosign(artifact: ArtifactManifest, subject: string, trust: VerifyTrust): Verdict {
  const layers = artifact.layers.filter((l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE);
  if (!layers.length) return invalid('the .sig manifest has no simple-signing layer');
  const verdicts = layers.map((l) => {
    try {
      return verifyLayer(l, subject, trust);
    } catch (e) {
      return invalid(
        e instanceof Malformed ? `malformed: ${e.message}` : `malformed: ${(e as Error).message.slice(0, 200)}`,
      );
    }
  });
  return (
    verdicts.find((v) => v.verification === 'verified') ??
    verdicts.find((v) => v.verification === 'invalid') ??
    verdicts[0]!
  );
}
