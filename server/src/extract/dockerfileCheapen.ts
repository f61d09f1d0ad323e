// dockerfile-ast builds a heavy instruction object for every RUN, CMD, COPY, ADD, ENTRYPOINT,
// HEALTHCHECK and SHELL (their arguments are re-split several times for JSON and heredoc forms):
// about 30 µs each, so a hostile file of a few hundred thousand short RUN lines takes tens of
// seconds and a lot of memory, where the same lines as an unknown instruction take a tenth. For
// long files, this renames the keyword of each such instruction that cannot name an image (no
// `--mount` / `--from` flag, no heredoc) to an unknown one of the same length (`RUN` → `_UN`):
// same length, same lines, so every offset holds, and the instructions that matter are untouched.
//
// Only over-estimates are made: an instruction's extent runs through every continued line
// (an escape character at the end, possibly followed by blanks; comment and blank lines inside a
// continuation carry it on, as BuildKit and dockerfile-ast read them), and an instruction that
// mentions `<<` anywhere in that extent is left alone. A line is taken for an instruction only
// when no continuation leads into it, and only when the keyword has arguments (a heredoc's
// terminator line is a single word and is never renamed).

const RENAMABLE = /^[ \t]*(run|cmd|copy|add|entrypoint|healthcheck|shell)[ \t]+\S/i;

/** `text` with the keywords of the heavy instructions that name no image renamed. */
export function cheapenShellInstructions(text: string, escapeChar: string): string {
  const lines = splitLines(text);
  const continues = (line: string) => line.trimEnd().endsWith(escapeChar);
  const commentOrBlank = (line: string) => /^[ \t]*(#|$)/.test(line);
  const renames: number[] = [];
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (continued) {
      continued = commentOrBlank(line.text) || continues(line.text);
      continue;
    }
    continued = continues(line.text);
    const m = RENAMABLE.exec(line.text);
    if (!m) continue;
    // the instruction's extent: this line and every line a continuation leads into
    let extent = line.text;
    for (let j = i, more = continued; more && j + 1 < lines.length;) {
      const next = (lines[++j] as Line).text;
      extent += `\n${next}`;
      more = commentOrBlank(next) || continues(next);
    }
    const keyword = (m[1] as string).toLowerCase();
    const names =
      extent.includes('<<') ||
      (keyword === 'run' && /--mount/i.test(extent)) ||
      (keyword === 'copy' && /--from/i.test(extent));
    if (!names) renames.push(line.offset + line.text.indexOf(m[1] as string));
  }
  if (renames.length === 0) return text;
  let out = '';
  let from = 0;
  for (const at of renames) {
    out += `${text.slice(from, at)}_`;
    from = at + 1;
  }
  return out + text.slice(from);
}

interface Line {
  text: string;
  offset: number;
}

/** Lines without their break (LF, CRLF or a lone CR, as dockerfile-ast breaks them). */
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
