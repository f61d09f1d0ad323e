// A reader for systemd unit files (systemd.syntax(7)), as Podman quadlet units are written:
// `[Section]` headers, `Key=Value` lines (whitespace around `=` ignored), comment lines starting
// with `#` or `;`, and lines ending in `\` continued on the next one. Lines that are none of these
// are ignored, as systemd ignores them. Every entry keeps where its value is written, so a
// reference to it has an exact range.

export interface UnitEntry {
  section: string;
  key: string;
  /** the value as systemd reads it: continuation lines joined with a space, outer whitespace trimmed */
  value: string;
  /** offsets of the written value; `value` is exactly `text.slice(start, end)` unless `continued` */
  start: number;
  end: number;
  /** the value goes on over further lines (its characters are not one run of the text) */
  continued: boolean;
}

/** Every `Key=Value` entry inside a section, in file order. Linear; never throws. */
export function readUnitFile(text: string): UnitEntry[] {
  const entries: UnitEntry[] = [];
  const lines = splitLines(text);
  let section: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const content = line.text.trimStart();
    if (content === '' || content.startsWith('#') || content.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]\s*$/.exec(content);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = line.text.indexOf('=');
    if (eq < 0 || section === null) continue; // systemd: "Missing '='" / assignment outside a section, ignored
    const key = line.text.slice(0, eq).trim();
    let value = line.text.slice(eq + 1);
    const lead = value.length - value.trimStart().length;
    const start = line.offset + eq + 1 + lead;
    value = value.trimStart();
    let last = line;
    let continued = false;
    while (value.endsWith('\\') && i + 1 < lines.length) {
      continued = true;
      const next = lines[++i] as Line;
      const nextContent = next.text.trimStart();
      // a comment line inside a continuation is skipped; the value goes on after it
      if (nextContent.startsWith('#') || nextContent.startsWith(';')) continue;
      value = `${value.slice(0, -1)} ${next.text}`;
      last = next;
    }
    const end = last.offset + last.text.trimEnd().length;
    entries.push({ section, key, value: value.trim(), start, end: Math.max(start, end), continued });
  }
  return entries;
}

interface Line {
  text: string;
  offset: number;
}

/** Lines without their break (LF, CRLF or CR), with the offset where each starts. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(from, m.index), offset: from });
    from = m.index + m[0].length;
  }
  lines.push({ text: text.slice(from), offset: from });
  return lines;
}
