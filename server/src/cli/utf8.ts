// The bytes behind a decoded text. Files are decoded as UTF-8 with U+FFFD for each invalid sequence
// (WHATWG, as Buffer#toString and TextDecoder do); `fix` must change only the bytes of the
// references, so it needs, for a UTF-16 offset in the text, the byte offset in the original
// buffer — Latin-1 bytes and broken sequences stay exactly as they were.

/** Visits each decoded code point (U+FFFD for an invalid sequence) with its byte span, exactly as
 * the WHATWG UTF-8 decoder splits the bytes. */
function forEachCodePoint(
  bytes: Uint8Array,
  visit: (cp: number, start: number, end: number, valid: boolean) => void,
): void {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const b = bytes[i] as number;
    i++;
    if (b < 0x80) {
      visit(b, start, i, true);
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      visit(0xfffd, start, i, false);
      continue;
    }
    let ok = true;
    for (let k = 0; k < need; k++) {
      const c = bytes[i];
      // the byte that breaks a sequence is not part of it: it is decoded again on its own
      if (c === undefined || c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    visit(ok ? cp : 0xfffd, start, i, ok);
  }
}

/** Byte offsets of UTF-16 offsets into `text`, which must be `bytes` decoded; throws otherwise
 * (or for an offset inside a surrogate pair). */
export function byteOffsets(bytes: Uint8Array, text: string, utf16: readonly number[]): Map<number, number> {
  const queries = [...new Set(utf16)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let q = 0;
  let unit = 0;
  const answer = (at: number) => {
    while (q < queries.length && (queries[q] as number) <= unit) {
      if (queries[q] !== unit) throw new Error(`offset ${queries[q]} is inside a character`);
      out.set(unit, at);
      q++;
    }
  };
  forEachCodePoint(bytes, (cp, start) => {
    answer(start);
    if (cp > 0xffff) {
      const hi = 0xd800 + ((cp - 0x10000) >> 10);
      const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      if (text.charCodeAt(unit) !== hi || text.charCodeAt(unit + 1) !== lo)
        throw new Error(`the text is not the file's bytes (at ${unit})`);
      unit += 2;
    } else {
      if (text.charCodeAt(unit) !== cp) throw new Error(`the text is not the file's bytes (at ${unit})`);
      unit += 1;
    }
  });
  if (unit !== text.length) throw new Error("the text is not the file's bytes (length)");
  answer(bytes.length);
  if (q < queries.length) throw new Error(`offset ${queries[q]} is past the end`);
  return out;
}

/** The bytes as text for a person: valid UTF-8 as it is, each byte of an invalid sequence as
 * `\xNN`, so a diff shows exactly which bytes are there. */
export function showBytes(bytes: Uint8Array): string {
  let out = '';
  forEachCodePoint(bytes, (cp, start, end, valid) => {
    if (valid) out += String.fromCodePoint(cp);
    else for (let i = start; i < end; i++) out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
  });
  return out;
}
