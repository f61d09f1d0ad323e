// Which extractor a file needs (SPEC §4): by name first (fileKinds.ts, first match wins); other
// .yaml/.yml files by content, when some document has top-level `apiVersion` and `kind` keys (a
// Kubernetes manifest, block or flow style). The content checks are line-based and linear, so that
// walking a large tree never parses YAML twice; they also accept Helm templates, which often are
// not valid YAML before rendering.
import type { ReferenceSource } from '../model/reference.js';
import { expandBraces, globRegExp, segmentCount } from './fileKindGlobs.js';
import { CONTENT_KINDS, FILE_KINDS, type FileKind } from './fileKinds.js';

interface CompiledKind {
  kind: FileKind;
  names: Array<{ segments: number; pattern: RegExp }>;
  except: RegExp[];
}

const compile = (kind: FileKind): CompiledKind => ({
  kind,
  names: kind.names
    .flatMap(expandBraces)
    .map((g) => ({ segments: segmentCount(g), pattern: globRegExp(g, kind.anyCase === true) })),
  except: (kind.except ?? []).flatMap(expandBraces).map((g) => globRegExp(g, kind.anyCase === true)),
});

const BY_NAME = FILE_KINDS.map(compile);
const BY_CONTENT = CONTENT_KINDS.map(compile);

/**
 * `path` may be a file path (either slash) or a URI; only its last segments matter. Without
 * `text`, a kind that needs its content confirmed (quadlet units) is given by name alone: the
 * caller reads the file and asks again with its text.
 */
export function detectFileKind(path: string, text?: string): ReferenceSource | null {
  const segments = pathOf(path).split(/[\\/]/);
  const byName = BY_NAME.find((k) => matches(k, segments));
  if (byName) {
    if (!byName.kind.confirmByContent || text === undefined) return byName.kind.source;
    return confirmedByContent(byName.kind.source, segments[segments.length - 1] ?? '', text)
      ? byName.kind.source
      : null;
  }
  if (text !== undefined && BY_CONTENT.some((k) => matches(k, segments)) && looksLikeKubernetes(text))
    return 'kubernetes';
  return null;
}

/** True when a file of this name is worth reading: its name marks it, or its content may. */
/** True when the name alone makes the file one the product reads (no content check needed): a file so
 * named that cannot be read is incomplete input, while a `*.yaml` or a `*.image` might be anything. */
export function recognisedByName(path: string): boolean {
  const segments = path.split(/[\\/]/);
  return BY_NAME.some((k) => !k.kind.confirmByContent && matches(k, segments));
}

export function mayHoldReferences(path: string): boolean {
  const segments = path.split(/[\\/]/);
  return BY_NAME.some((k) => matches(k, segments)) || BY_CONTENT.some((k) => matches(k, segments));
}

function matches(k: CompiledKind, segments: string[]): boolean {
  const name = segments[segments.length - 1] ?? '';
  if (k.except.some((e) => e.test(name))) return false;
  return k.names.some((n) => n.segments <= segments.length && n.pattern.test(segments.slice(-n.segments).join('/')));
}

/** A quadlet unit has the section its extension names (`x.container` → `[Container]`). */
function confirmedByContent(source: ReferenceSource, name: string, text: string): boolean {
  if (source !== 'quadlet') return true;
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const section = ext.charAt(0).toUpperCase() + ext.slice(1);
  return new RegExp(`^\\uFEFF?[ \\t]*\\[${section}\\][ \\t]*$`, 'm').test(text);
}

/**
 * True when one YAML document (between `---` lines) has both a top-level `apiVersion:` and a
 * top-level `kind:` key, in block style or in a flow map that opens the document
 * (`{apiVersion: v1, kind: Pod, …}`). Linear in the text: one pass over its lines, up to the answer.
 */
export function looksLikeKubernetes(text: string): boolean {
  if (!text.includes('apiVersion') || !text.includes('kind')) return false;
  let apiVersion = false;
  let kind = false;
  let flow: boolean | null = null; // null until the document's first content line
  // a byte order mark is not content (Node's readFile keeps it)
  for (let line of linesOf(text.replace(/^\uFEFF/, ''))) {
    if (line.startsWith('---') || line.startsWith('...')) {
      apiVersion = kind = false;
      flow = null;
      line = line.startsWith('---') ? line.slice(3) : ''; // `--- {apiVersion: v1, …}`
    }
    if (flow === null) {
      if (/^[ \t]*(#|$)/.test(line)) continue;
      flow = /^[ \t]*\{(?!\{)/.test(line); // `{{ … }}` opens a Helm template, not a flow map
    }
    if (flow) {
      // keys of the opening map, after `{`, `,` or at a line start; keys of nested maps are not
      // told apart here (the extractor checks the parsed document)
      if (/(^|[{,])[ \t]*["']?apiVersion["']?[ \t]*:/.test(line)) apiVersion = true;
      if (/(^|[{,])[ \t]*["']?kind["']?[ \t]*:/.test(line)) kind = true;
    } else if (/^["']?apiVersion["']?[ \t]*:/.test(line)) apiVersion = true;
    else if (/^["']?kind["']?[ \t]*:/.test(line)) kind = true;
    if (apiVersion && kind) return true;
  }
  return false;
}

/** The lines of a text (as split at CRLF, CR and LF), one at a time: the answer usually comes
 * from the first document, and an open document is asked again after every edit. */
function* linesOf(text: string): Generator<string> {
  const breaks = /\r\n?|\n/g;
  let from = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    yield text.slice(from, m.index);
    from = m.index + m[0].length;
  }
  yield text.slice(from);
}

function decodeSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The path part: a URI's query and fragment dropped and its escapes decoded; a file path as it
 * is (`#` and `?` are ordinary characters in file names: `a#b.Dockerfile`). */
function pathOf(path: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  return decodeSafe(path.replace(/[?#].*$/, ''));
}
