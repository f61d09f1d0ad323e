// Everything the CLI prints goes through here (SPEC §1: output is data, never control). Text is
// written line by line with control characters from files, file names and registries shown as
// escapes, and a line that a CI system would read as a command (GitHub's `::error …`, Azure's
// `##vso[…]`, TeamCity's `##teamcity[…]`) defused. JSON is what JSON.stringify writes, with the
// characters it leaves raw (DEL, C1 controls, line separators, bidi controls) as \u escapes.
import type { FactsService } from '../hub/types.js';
import { escapeControls } from '../model/controlChars.js';
import type { Settings } from '../model/settings.js';

export interface Io {
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => number;
  version: string;
  /** the facts service for check and fix (tests script one); default: the hub */
  openFacts?: (
    settings: Settings,
    options: { offline: boolean; verify: boolean },
    log: (m: string) => void,
  ) => FactsService;
}

/** One line for a terminal or a CI log. A CR that ends the line (a CRLF file's line in a diff) is
 * a line end and stays. */
export function safeLine(s: string): string {
  const cr = s.endsWith('\r') ? '\r' : '';
  return (
    escapeControls(cr ? s.slice(0, -1) : s)
      // GitHub Actions (and Gitea, Forgejo) read a line starting with `::` as a workflow command
      .replace(/^(\s*):/, '$1\\x3a')
      // Azure Pipelines and TeamCity read `##vso[`, `##[`, `##teamcity[` anywhere in a line
      .replace(/#(?=#[A-Za-z]*\[)/g, '\\x23') + cr
  );
}

const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal or a CI log: the same value, with those characters (and the `#` that would
 * start an Azure or TeamCity logging command) as \u escapes. Outside strings JSON has none of them. */
function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/#(?=#[A-Za-z]*\[)/g, '\\u0023');
}

export class Output {
  constructor(private readonly io: Io) {}

  /** One line of text for people: a line break in it (from a file name, say) is shown, not obeyed. */
  line(s: string): void {
    this.io.out(safeLine(s));
  }

  lines(list: readonly string[]): void {
    for (const s of list) this.line(s);
  }

  json(value: unknown): void {
    this.io.out(safeJson(value));
  }

  /** One message on stderr, `image-trust: ` first; its line breaks are shown, not obeyed. */
  error(message: string): void {
    this.io.err(safeLine(`image-trust: ${message}`));
  }
}
