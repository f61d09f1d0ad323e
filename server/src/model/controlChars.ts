// Text from files, file names and registries is data. Where it is shown — a terminal, a CI log, an
// editor's log, a hover — a control character in it must not act: no terminal escape sequence
// (ESC, CSI, OSC 8 links), no line break that starts a line of its own (a GitHub Actions log reads
// a line starting with `::` as a command), no bidirectional override that reorders what is read
// (Trojan Source). Every such character is shown as an escape instead: `\x1b`, `\n`, `\u202e`.

/** C0 controls except tab (it moves the cursor forward, nothing more), DEL, C1 controls, line and
 * paragraph separators, and the bidirectional formatting characters. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** Line breaks as CommonMark and terminals know them (LF, CR, CRLF) and the Unicode ones. */
export const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
