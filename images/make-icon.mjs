// Draws images/icon.png (128×128): a container-blue rounded square, a white shield and a green check
// ("this image is trusted"). Plain zlib + a hand-written PNG encoder, 4×4 supersampling; no dependencies.
// Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const N = 128;
const SS = 4;
const BG = [18, 50, 74];
const SHIELD = [240, 246, 252];
const CHECK = [34, 170, 95];

const inRoundedSquare = (x, y) => {
  const r = 22;
  const cx = Math.min(Math.max(x, r), N - r);
  const cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// shield: flat top with rounded shoulders, sides that curve into a point at the bottom
const inShield = (x, y) => {
  const top = 22;
  const bottom = 110;
  if (y < top || y > bottom) return false;
  const t = (y - top) / (bottom - top);
  const half = t < 0.45 ? 38 : 38 * Math.cos(((t - 0.45) / 0.55) * (Math.PI / 2));
  const dip = 6 * Math.sin((Math.abs(x - 64) / 38) * Math.PI) * (t < 0.08 ? 1 - t / 0.08 : 0);
  return Math.abs(x - 64) <= half && y >= top + dip;
};
const segDist = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};
const onCheck = (x, y) => Math.min(segDist(x, y, 44, 64, 58, 80), segDist(x, y, 58, 80, 86, 46)) <= 7;

const colorAt = (x, y) => {
  if (!inRoundedSquare(x, y)) return null;
  if (inShield(x, y)) return onCheck(x, y) ? CHECK : SHIELD;
  return BG;
};

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colorAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a++;
      }
    }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    if (a) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'icon.png'), png);
console.log(`icon.png: ${png.length} bytes`);
