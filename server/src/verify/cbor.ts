// The part of CBOR (RFC 8949) that COSE_Sign1 envelopes use, for hostile input: definite lengths
// only, bounded depth, item count and lengths checked against the bytes left before anything is
// allocated. Maps decode to Map (COSE labels are integers and strings); tags to { tag, value }.
// `encode` writes the Sig_structure that a COSE signature covers.

class CborError extends Error {}

interface Tagged {
  tag: number;
  value: CborValue;
}
export type CborValue =
  number | bigint | string | Uint8Array | boolean | null | undefined | CborValue[] | Map<CborValue, CborValue> | Tagged;

const MAX_DEPTH = 16;
const MAX_ITEMS = 10_000;

export function decode(bytes: Uint8Array): CborValue {
  let pos = 0;
  let items = 0;
  const need = (n: number): void => {
    if (n > bytes.length - pos) throw new CborError('truncated CBOR');
  };
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (!size) throw new CborError(info === 31 ? 'indefinite-length CBOR is not accepted' : 'malformed CBOR');
    need(size);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[pos++]!;
    if (!Number.isSafeInteger(n)) throw new CborError('CBOR length out of range');
    return n;
  };
  const item = (depth: number): CborValue => {
    if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
    if (++items > MAX_ITEMS) throw new CborError('too many CBOR items');
    need(1);
    const first = bytes[pos++]!;
    const major = first >> 5;
    const info = first & 0x1f;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      if (info === 23) return undefined;
      throw new CborError('unsupported CBOR simple value or float');
    }
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        need(n);
        const b = bytes.subarray(pos, pos + n);
        pos += n;
        return major === 2 ? b : Buffer.from(b).toString('utf8');
      }
      case 4: {
        need(n); // every item takes at least one byte
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(item(depth + 1));
        return out;
      }
      case 5: {
        need(2 * n);
        const out = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) {
          const k = item(depth + 1);
          out.set(k, item(depth + 1));
        }
        return out;
      }
      default:
        return { tag: n, value: item(depth + 1) };
    }
  };
  const value = item(0);
  if (pos !== bytes.length) throw new CborError('trailing bytes after CBOR');
  return value;
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Encodes text strings, byte strings and arrays of them: enough for a Sig_structure. */
export function encode(v: string | Uint8Array | Array<string | Uint8Array>): Buffer {
  if (typeof v === 'string') return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map((x) => encode(x))]);
  return Buffer.concat([head(2, v.length), v]);
}
