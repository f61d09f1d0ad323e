// Registry text is untrusted: everything that came from a registry or the Hub goes through these
// before it is put in a hover, so it can neither format, link, run commands nor inject HTML.

/** Escapes Markdown and HTML so the text renders literally. */
export function escapeMarkdown(text: string): string {
  return text
    // Every character that can start markup mid-line (emphasis, code, links, images, HTML, tables,
    // strike-through, entities). Line-start markers (#, -, +, 1.) cannot occur: newlines are folded.
    .replace(/[\\`*_{}[\]()!|<>~&]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** Code span that cannot be broken out of: backticks are removed and line breaks folded (a line
 * break could end the span's paragraph and start a link definition). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, '').replace(/[\r\n]+/g, ' ')}\``;
}

/** A code span inside a table cell: a `|` would end the cell even inside the span (GFM), so it is
 * escaped as GFM asks. */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** Truncates untrusted text for display. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
