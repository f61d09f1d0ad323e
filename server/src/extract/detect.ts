// Which extractor a file needs (SPEC §4): by name first; other .yaml/.yml files by content, when
// some document has top-level `apiVersion:` and `kind:` keys (a Kubernetes manifest). The content
// check is line-based and linear, so that walking a large tree never parses YAML twice; it also
// accepts Helm templates, which often are not valid YAML before rendering.
import type { ReferenceSource } from '../model/reference.js';

/** `path` may be a file path (either slash) or a URI; only its last segments matter. */
export function detectFileKind(path: string, text?: string): ReferenceSource | null {
  const segments = decodeSafe(path.replace(/[?#].*$/, '')).split(/[\\/]/);
  const name = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  const grandparent = segments[segments.length - 3] ?? '';
  const byName = kindByName(name, parent, grandparent);
  if (byName) return byName;
  if (text !== undefined && /\.ya?ml$/i.test(name) && looksLikeKubernetes(text)) return 'kubernetes';
  return null;
}

function kindByName(name: string, parent: string, grandparent: string): ReferenceSource | null {
  const lower = name.toLowerCase();
  if (isDockerfileName(lower)) return 'dockerfile';
  if (/^(docker-)?compose.*\.ya?ml$/i.test(name)) return 'compose';
  if (/^values.*\.ya?ml$/i.test(name)) return 'helm-values';
  if (parent === 'workflows' && grandparent === '.github' && /\.ya?ml$/i.test(name)) return 'github-actions';
  if (name === '.gitlab-ci.yml') return 'gitlab-ci';
  if (name === 'devcontainer.json' || name === '.devcontainer.json') return 'devcontainer';
  if (/^kustomization\.ya?ml$/.test(name)) return 'kustomize';
  return null;
}

/** `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile*` (any case, as editors treat them);
 * `Dockerfile.dockerignore` / `x.Dockerfile.dockerignore` are ignore files, not Dockerfiles. */
function isDockerfileName(lower: string): boolean {
  if (lower.endsWith('.dockerignore')) return false;
  return lower === 'dockerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.') || lower.startsWith('containerfile');
}

/**
 * True when one YAML document (between `---` lines) has both a top-level `apiVersion:` and a
 * top-level `kind:` key. Linear in the text: one pass over its lines.
 */
export function looksLikeKubernetes(text: string): boolean {
  if (!text.includes('apiVersion') || !text.includes('kind')) return false;
  let apiVersion = false;
  let kind = false;
  // a byte order mark is not content (Node's readFile keeps it)
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)) {
    if (line.startsWith('---') || line.startsWith('...')) {
      apiVersion = kind = false;
      continue;
    }
    if (/^apiVersion[ \t]*:/.test(line) || /^["']apiVersion["'][ \t]*:/.test(line)) apiVersion = true;
    else if (/^kind[ \t]*:/.test(line) || /^["']kind["'][ \t]*:/.test(line)) kind = true;
    if (apiVersion && kind) return true;
  }
  return false;
}

function decodeSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
