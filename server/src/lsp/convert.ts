// Model → LSP types. Positions and ranges already have the LSP shape (model/range.ts), so only
// severities, diagnostics, hovers and workspace edits need converting.
import {
  CodeActionKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, Fix, Severity, TextEdit } from '../model/finding.js';
import type { Range } from '../model/range.js';
import { docsUrl } from '../policy/index.js';

export const DIAGNOSTIC_SOURCE = 'image-trust';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.imageTrust`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic with fixes carries for code actions: the fixes built with the finding, and the
 * document they were built for (a fix is only valid for that version of that document). One
 * without fixes carries nothing: a 10,000-reference manifest has some 20,000 diagnostics, most of
 * them without a fix, and each is serialised with every publication. */
interface DiagnosticData {
  uri: string;
  version: number;
  fixes: Fix[];
}

export function toDiagnostic(finding: Finding, target: { uri: string; version: number }): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    message: finding.message,
  };
  if (finding.fixes.length > 0)
    diagnostic.data = { uri: target.uri, version: target.version, fixes: finding.fixes } satisfies DiagnosticData;
  return diagnostic;
}

/** A part of the file that could not be read (a syntax error, nesting past a limit, an include that
 * is missing): a warning without a finding code, at its place or the file's start. */
export function toProblemDiagnostic(message: string, range: Range | undefined): Diagnostic {
  return {
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: `Not read completely: ${message}. Image references there are not checked.`,
  };
}

/** The data a diagnostic came back with from the client, when it is ours and well-formed; `none`
 * when it carries none (ours without fixes, or a client that drops data). */
export function diagnosticData(d: Diagnostic): DiagnosticData | 'none' | null {
  if (d.source !== DIAGNOSTIC_SOURCE) return null;
  if (d.data === undefined) return 'none';
  if (typeof d.data !== 'object' || d.data === null) return null;
  const data = d.data as Partial<DiagnosticData>;
  if (typeof data.uri !== 'string' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return null;
  return data.fixes.every(isFix) ? (data as DiagnosticData) : null;
}

function isFix(v: unknown): v is Fix {
  const f = v as Partial<Fix> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.title === 'string' &&
    typeof f.preferred === 'boolean' &&
    typeof f.edit?.newText === 'string' &&
    isRange(f.edit.range)
  );
}

function isRange(r: unknown): r is Range {
  const v = r as Partial<Range> | null;
  const pos = (p: unknown) =>
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger((p as { line?: unknown }).line) &&
    Number.isInteger((p as { character?: unknown }).character);
  return typeof v === 'object' && v !== null && pos(v.start) && pos(v.end);
}

/** Markdown when the client renders it, else the same text as plaintext. Never trusted markup:
 * LSP markdown has no command links, and policy escapes registry text. */
export function toHover(markdown: string, range: Range, markdownSupported: boolean): Hover {
  return {
    contents: { kind: markdownSupported ? MarkupKind.Markdown : MarkupKind.PlainText, value: markdown },
    range,
  };
}

export interface EditTarget {
  uri: string;
  /** null: the file on disk (not open in the editor) */
  version: number | null;
  edits: TextEdit[];
}

/** A workspace edit; with `documentChanges` (version-checked by the client) when it supports them. */
export function toWorkspaceEdit(targets: EditTarget[], documentChanges: boolean): WorkspaceEdit {
  const nonEmpty = targets.filter((t) => t.edits.length > 0);
  if (documentChanges) {
    return {
      documentChanges: nonEmpty.map((t) => ({
        textDocument: { uri: t.uri, version: t.version },
        edits: t.edits.map(toLspTextEdit),
      })),
    };
  }
  const changes: Record<string, LspTextEdit[]> = {};
  for (const t of nonEmpty) changes[t.uri] = t.edits.map(toLspTextEdit);
  return { changes };
}

function toLspTextEdit(e: TextEdit): LspTextEdit {
  return { range: e.range, newText: e.newText };
}

export function toQuickFix(
  action: Fix,
  target: Omit<EditTarget, 'edits'>,
  diagnostics: Diagnostic[],
  documentChanges: boolean,
): CodeAction {
  return {
    title: action.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: action.preferred,
    ...(diagnostics.length ? { diagnostics } : {}),
    edit: toWorkspaceEdit([{ ...target, edits: [action.edit] }], documentChanges),
  };
}
