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
import type { Finding, FindingCode, Severity, TextEdit } from '../model/finding.js';
import type { Range } from '../model/range.js';
import type { FixAction } from '../policy/index.js';

/** Where each finding code is documented: the README has one anchor per code. */
export const DOCS_BASE_URL = 'https://github.com/image-trust/image-trust#';
export const DIAGNOSTIC_SOURCE = 'image-trust';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.imageTrust`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for code actions: the fixes built with the finding, and the document
 * version they were built for (a fix is only valid for that version). */
export interface DiagnosticData {
  uri: string;
  version: number;
  fixes: Array<{ title: string; edit: TextEdit; preferred: boolean }>;
}

export function docsLink(code: FindingCode): string {
  return `${DOCS_BASE_URL}${code}`;
}

export function toDiagnostic(finding: Finding, data: DiagnosticData): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    codeDescription: { href: docsLink(finding.code) },
    message: finding.message,
    data,
  };
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
  action: FixAction,
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
