// Zero-based LSP-style positions (UTF-16 code units, like LSP and VS Code), kept as plain data so
// that extraction, policy and the CLI share them without depending on any LSP library.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when `p` lies inside `r`, both ends included (a hover at the end of a word still counts). */
export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/**
 * Maps offsets in a text to positions; built once per text (line starts are found once). `firstLine`
 * is the line the text starts on, when it is a part of a longer document that begins at a line
 * start (its offsets stay relative to `text`, its positions are the document's).
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly firstLine = 0,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + this.firstLine, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** Line breaks in the text (CRLF, LF or a lone CR): the text spans lines firstLine … firstLine + lineBreaks. */
  get lineBreaks(): number {
    return this.lineStarts.length - 1;
  }

  offsetAt(p: Position): number {
    const start = this.lineStarts[p.line - this.firstLine];
    if (start === undefined) return this.text.length;
    return Math.min(start + p.character, this.text.length);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The line break that ends the line at `lineEnd` (CRLF, CR or LF), so that an inserted line uses
 * the file's own; at the end of the text, the file's first line break; LF in a one-line file. */
export function lineBreakAt(text: string, lineEnd: number): string {
  const own = /^(\r\n|\r|\n)/.exec(text.slice(lineEnd, lineEnd + 2))?.[1];
  return own ?? /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}
