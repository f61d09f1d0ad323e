// Where an image was built, from SLSA provenance (v0.2 and v1 predicates: BuildKit attestation
// manifests, in-toto statements in Sigstore bundles) or else from the OCI annotations / labels
// `org.opencontainers.image.source` and `.revision`. Every value reaches hovers and links, so each
// is validated: URLs are http(s) with a host and no credentials, revisions are hex commits or short
// tag-like refs, builders are bounded strings. A value that fails is dropped, never passed on.
import type { Provenance } from '../model/facts.js';
import { isRecord, MAX_LAYER_BYTES, parseJson, readArtifact } from './artifact.js';

const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const BUILDKIT_METADATA = 'https://mobyproject.org/buildkit@v1#metadata';

const MAX_URL = 500;
const MAX_BUILDER = 300;
const COMMIT = /^[0-9a-f]{7,64}$/i;
const REF = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const at = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), v);

/** A repository URL for links: `git+https://h/o/r.git@ref` and `https://h/o/r#frag` → `https://h/o/r`. */
export function repositoryUrl(v: unknown): string | null {
  let s = str(v);
  if (!s || s.length > MAX_URL) return null;
  s = s.replace(/^git\+/, '').replace(/#.*$/, '');
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    !url.hostname ||
    url.username ||
    url.password ||
    url.search
  )
    return null;
  if (!/^[A-Za-z0-9.-]+$/.test(url.hostname)) return null;
  const path = url.pathname
    .replace(/@.*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  if (!/^[A-Za-z0-9._~/-]*$/.test(path)) return null;
  return `${url.protocol}//${url.host}${path}`;
}

/** A commit or tag-like revision, or null. */
export function revision(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  if (COMMIT.test(s)) return s.toLowerCase();
  return REF.test(s) ? s : null;
}

function builder(v: unknown): string | null {
  const s = str(v);
  if (!s || s.length > MAX_BUILDER || /[\u0000-\u001f\u007f]/.test(s)) return null;
  return s;
}

/** `git+https://h/o/r@refs/heads/main` with digest {sha1|gitCommit} → repository + commit. */
function gitSource(uri: unknown, digest: unknown): { repo: string | null; rev: string | null } {
  const d = isRecord(digest) ? digest : {};
  return { repo: repositoryUrl(uri), rev: revision(d.gitCommit ?? d.sha1) };
}

function fromV02(p: Record<string, unknown>): Provenance {
  const vcs = at(p, 'metadata', BUILDKIT_METADATA, 'vcs');
  let src = gitSource(at(p, 'invocation', 'configSource', 'uri'), at(p, 'invocation', 'configSource', 'digest'));
  if (!src.repo && Array.isArray(p.materials)) {
    const git = p.materials.find((m) => isRecord(m) && typeof m.uri === 'string' && m.uri.startsWith('git+'));
    if (isRecord(git)) src = gitSource(git.uri, git.digest);
  }
  return {
    sourceRepository: src.repo ?? repositoryUrl(at(vcs, 'source')),
    revision: src.rev ?? revision(at(vcs, 'revision')),
    builder: builder(at(p, 'builder', 'id')),
    from: 'slsa-provenance',
  };
}

function fromV1(p: Record<string, unknown>): Provenance {
  const deps = at(p, 'buildDefinition', 'resolvedDependencies');
  const git = Array.isArray(deps)
    ? deps.find((d) => isRecord(d) && typeof d.uri === 'string' && d.uri.startsWith('git+'))
    : undefined;
  const src = isRecord(git) ? gitSource(git.uri, git.digest) : { repo: null, rev: null };
  const vcs =
    at(p, 'runDetails', 'metadata', BUILDKIT_METADATA, 'vcs') ??
    at(p, 'runDetails', 'metadata', 'buildkit_metadata', 'vcs');
  return {
    sourceRepository:
      src.repo ??
      repositoryUrl(at(p, 'buildDefinition', 'externalParameters', 'workflow', 'repository')) ??
      repositoryUrl(at(vcs, 'source')),
    revision: src.rev ?? revision(at(vcs, 'revision')),
    builder: builder(at(p, 'runDetails', 'builder', 'id')),
    from: 'slsa-provenance',
  };
}

/** Provenance from an in-toto statement with a SLSA predicate; null for any other statement or
 * when it names neither a source nor a builder. */
export function provenanceFromStatement(statement: unknown): Provenance | null {
  if (!isRecord(statement) || !isRecord(statement.predicate)) return null;
  const type = statement.predicateType;
  const p = type === SLSA_V02 ? fromV02(statement.predicate) : type === SLSA_V1 ? fromV1(statement.predicate) : null;
  return p && (p.sourceRepository || p.builder) ? p : null;
}

const OCI_SOURCE = 'org.opencontainers.image.source';
const OCI_REVISION = 'org.opencontainers.image.revision';

/** Provenance from OCI annotations or config labels; null without a valid source. */
export function provenanceFromAnnotations(annotations: unknown): Provenance | null {
  if (!isRecord(annotations)) return null;
  const source = repositoryUrl(annotations[OCI_SOURCE]);
  if (!source) return null;
  return {
    sourceRepository: source,
    revision: revision(annotations[OCI_REVISION]),
    builder: null,
    from: 'oci-annotations',
  };
}

const PREDICATE_TYPE = 'in-toto.io/predicate-type';

/** Provenance from a BuildKit attestation manifest (in-toto layers); null when it has no SLSA
 * layer, the layer's blob was not supplied, or the statement is malformed. Unsigned: a claim by
 * whoever pushed the image. */
export function provenanceFromAttestation(
  manifest: Uint8Array,
  blobs: ReadonlyMap<string, Uint8Array>,
): Provenance | null {
  try {
    const layer = readArtifact(manifest, blobs).layers.find((l) =>
      (l.annotations[PREDICATE_TYPE] ?? '').startsWith('https://slsa.dev/provenance/'),
    );
    return layer?.bytes
      ? provenanceFromStatement(parseJson(layer.bytes, MAX_LAYER_BYTES, 'the provenance statement'))
      : null;
  } catch {
    return null;
  }
}
