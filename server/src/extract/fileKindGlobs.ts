// The file-name globs of fileKinds.ts in the two forms that use them: regular expressions for
// detect.ts, and VS Code globs (`**/name`, any letter case spelled out as `[Dd]`) for the client's
// document selector, pin-all search and package.json activation events. Plain functions over
// plain data: the client bundles this file too.
import { CONTENT_KINDS, FILE_KINDS, type FileKind } from './fileKinds.js';

/** `a.{yml,yaml}` → `a.yml`, `a.yaml` (one level of braces, as the list uses). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  const close = glob.indexOf('}', open);
  if (open < 0 || close < 0) return [glob];
  const head = glob.slice(0, open);
  const tail = glob.slice(close + 1);
  return glob
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => expandBraces(`${head}${choice}${tail}`));
}

/** How many path segments a glob spans (`.github/workflows/*.yml`: 3). */
export function segmentCount(glob: string): number {
  return glob.split('/').length;
}

/** A glob (no braces) as a regular expression over the same number of trailing path segments. */
export function globRegExp(glob: string, anyCase: boolean): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`, anyCase ? 'i' : '');
}

/** `Dockerfile` → `[Dd][Oo]…` for globs that must match in any case (VS Code globs are case-sensitive). */
function anyCaseGlob(glob: string): string {
  return glob.replace(/[A-Za-z]/g, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}

/** The VS Code globs (`**`-prefixed, one per name, braces expanded) of some kinds. */
export function vscodeGlobs(kinds: readonly FileKind[]): string[] {
  const globs = kinds.flatMap((k) => k.names.flatMap(expandBraces).map((g) => `**/${k.anyCase ? anyCaseGlob(g) : g}`));
  return [...new Set(globs)];
}

// The VS Code globs of some kinds as one glob: `**/{Dockerfile,.github/workflows/*.yml,…}`.
export function oneGlob(kinds: readonly FileKind[]): string {
  return `**/{${vscodeGlobs(kinds)
    .map((g) => g.replace(/^\*\*\//, ''))
    .join(',')}}`;
}

/** Every file that may hold image references, by name or by content. */
export function candidateFilesGlob(): string {
  return oneGlob([...FILE_KINDS, ...CONTENT_KINDS]);
}

/** The language ids documents of these kinds may have. */
export function languagesOf(kinds: readonly FileKind[]): string[] {
  return [...new Set(kinds.flatMap((k) => k.languages ?? []))];
}

/**
 * package.json `activationEvents`: the languages other extensions give such files, and a
 * `workspaceContains` per name. Kinds found by content (any YAML file) start nothing: too broad.
 */
export function activationEvents(): string[] {
  // names in any case also as written, which is how people (and lists of events) look for them
  const asWritten = FILE_KINDS.filter((k) => k.anyCase).map((k) => ({ ...k, anyCase: false }));
  const globs = [...new Set([...vscodeGlobs(asWritten), ...vscodeGlobs(FILE_KINDS)])];
  return [...languagesOf(FILE_KINDS).map((l) => `onLanguage:${l}`), ...globs.map((g) => `workspaceContains:${g}`)];
}

/** package.json `contributes.grammars[].injectTo`, per injection grammar of syntaxes/. */
export function grammarTargets(): Record<'dockerfile' | 'yaml', string[]> {
  const targets = { dockerfile: new Set<string>(), yaml: new Set<string>() };
  for (const k of [...FILE_KINDS, ...CONTENT_KINDS])
    for (const s of k.grammar?.scopes ?? []) targets[k.grammar?.injection ?? 'yaml'].add(s);
  return { dockerfile: [...targets.dockerfile], yaml: [...targets.yaml] };
}

/** VS Code language id → the kind it means, for documents whose name says nothing (a language
 * chosen by hand, an untitled document). */
export function kindsByLanguage(): Record<string, FileKind['source']> {
  return Object.fromEntries(FILE_KINDS.flatMap((k) => (k.languages ?? []).map((l) => [l, k.source])));
}
