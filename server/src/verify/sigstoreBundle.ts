// Sigstore bundles v0.1–v0.3 (cosign v3's default, attached as OCI 1.1 referrers). Parsed and
// validated by @sigstore/bundle, checked by @sigstore/verify (sigstore.ts). What binds a bundle to
// the image: a DSSE envelope's in-toto statement must list the image digest among its subjects; a
// message signature must be over the image manifest itself, which is checked only when its bytes
// were supplied (Docker Hub counts that GET as a pull).
import { dsse } from '@sigstore/core';
import {
  assertBundle,
  assertBundleLatest,
  assertBundleV01,
  assertBundleV02,
  bundleFromJSON,
  type Bundle,
} from '@sigstore/bundle';
import { toSignedEntity } from '@sigstore/verify';
import type { Provenance } from '../model/facts.js';
import { isRecord, Malformed, MAX_LAYER_BYTES, parseJson, sha256Digest, type ArtifactManifest } from './artifact.js';
import { provenanceFromStatement } from './provenance.js';
import { checkSigstore } from './sigstore.js';
import type { VerifyTrust, Verdict } from './types.js';
import { invalid, sigstoreVerdict, unverified } from './verdict.js';

const isBundleMediaType = (t: string): boolean => t.toLowerCase().startsWith('application/vnd.dev.sigstore.bundle');
const IN_TOTO = 'application/vnd.in-toto+json';

/** @sigstore/bundle's ValidationError names the fields that are wrong. */
function fieldsOf(e: unknown): string {
  const fields = (e as { fields?: unknown }).fields;
  return Array.isArray(fields) && fields.length ? ` (${fields.slice(0, 5).map(String).join(', ')})` : '';
}

function parseBundle(bytes: Buffer): Bundle {
  const json = parseJson(bytes, MAX_LAYER_BYTES, 'the Sigstore bundle');
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (e) {
    throw new Malformed(`an invalid Sigstore bundle${fieldsOf(e) || ` (${(e as Error).message.slice(0, 120)})`}`);
  }
  const version = /version=(\d+\.\d+)|bundle\.v(\d+\.\d+)\+json/.exec(bundle.mediaType ?? '');
  const v = version?.[1] ?? version?.[2];
  try {
    if (v === '0.1') assertBundleV01(bundle);
    else if (v === '0.2') assertBundleV02(bundle);
    else if (v) assertBundleLatest(bundle);
    else assertBundle(bundle);
  } catch (e) {
    throw new Malformed(`an invalid Sigstore bundle${fieldsOf(e)}`);
  }
  return bundle;
}

/** The in-toto statement's subjects must include `subject` (sha256). */
function statementAbout(payload: Buffer, subject: string): { about: boolean; statement: Record<string, unknown> } {
  const s = parseJson(payload, MAX_LAYER_BYTES, 'the in-toto statement');
  if (!isRecord(s) || !Array.isArray(s.subject)) throw new Malformed('the DSSE payload is not an in-toto statement');
  const hex = subject.replace(/^sha256:/, '');
  const about = s.subject.some((x) => isRecord(x) && isRecord(x.digest) && x.digest.sha256 === hex);
  return { about, statement: s };
}

export function verifyBundle(
  artifact: ArtifactManifest,
  subject: string,
  trust: VerifyTrust,
  subjectManifest?: Uint8Array,
): Verdict {
  const layer = artifact.layers.find((l) => isBundleMediaType(l.mediaType));
  if (!layer) return invalid('the referrer has no Sigstore bundle layer');
  if (!layer.bytes) return unverified('its bundle was not read');
  let bundle: Bundle;
  let signedBytes: Buffer;
  let artifactBytes: Buffer | undefined;
  let provenance: Provenance | null = null;
  try {
    bundle = parseBundle(layer.bytes);
    if (bundle.content.$case === 'dsseEnvelope') {
      const env = bundle.content.dsseEnvelope;
      if (env.payloadType !== IN_TOTO)
        return invalid(
          `its DSSE envelope carries ${env.payloadType.slice(0, 80)}, not an in-toto statement about the image`,
        );
      const { about, statement } = statementAbout(env.payload, subject);
      if (!about) return invalid('its in-toto statement is about another digest, not this image');
      provenance = provenanceFromStatement(statement);
      signedBytes = dsse.preAuthEncoding(env.payloadType, env.payload);
    } else {
      const digest = Buffer.from(bundle.content.messageSignature.messageDigest?.digest ?? []).toString('hex');
      if (`sha256:${digest}` !== subject)
        return invalid('its message signature is over other bytes than this image’s manifest');
      if (!subjectManifest || sha256Digest(subjectManifest) !== subject)
        return unverified('it signs the image manifest, whose bytes were not read');
      artifactBytes = Buffer.from(subjectManifest);
      signedBytes = artifactBytes;
    }
  } catch (e) {
    return invalid(`malformed: ${(e as Error).message.slice(0, 200)}`);
  }
  let entity;
  try {
    entity = toSignedEntity(bundle, artifactBytes);
  } catch (e) {
    return invalid(`malformed: ${(e as Error).message.slice(0, 200)}`);
  }
  return sigstoreVerdict(checkSigstore(entity, signedBytes, trust.roots, trust.policy), trust.policy, provenance);
}
