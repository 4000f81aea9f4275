#!/usr/bin/env node
// Draws the app icon (a ticket with a star on the brand blue) and writes it as PNGs and an SVG:
//   public/icons/icon-192.png, icon-512.png       rounded square, transparent corners ("any")
//   public/icons/icon-maskable-512.png            full bleed, the ticket inside the safe circle ("maskable")
//   public/icons/apple-touch-icon.png             180 px, full bleed
//   public/favicon.svg                            the same drawing as a vector
// Our own drawing, no dependencies: shapes are tested per sample (4×4 per pixel) and written with node:zlib.
// Run: npm run icons
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const BLUE = [13, 71, 161];
const WHITE = [255, 255, 255];
const YELLOW = [255, 200, 61];

const TILT = (-10 * Math.PI) / 180;
const TICKET = { w: 0.62, h: 0.4, r: 0.06, notch: 0.065 };
const STAR = { outer: 0.13, inner: 0.055 };

function starPoints(cx, cy, scale) {
  const points = [];
  for (let i = 0; i < 10; i++) {
    const radius = (i % 2 ? STAR.inner : STAR.outer) * scale;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return points;
}

function insidePolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedRect(x, y, cx, cy, w, h, r) {
  const dx = Math.abs(x - cx) - (w / 2 - r);
  const dy = Math.abs(y - cy) - (h / 2 - r);
  if (dx <= 0 || dy <= 0) return Math.abs(x - cx) <= w / 2 && Math.abs(y - cy) <= h / 2;
  return dx * dx + dy * dy <= r * r;
}

/** The colour at (x, y) in the unit square, or null for transparent. */
function colourAt(x, y, { maskable, scale }) {
  if (!maskable && !insideRoundedRect(x, y, 0.5, 0.5, 1, 1, 0.22)) return null;
  // the ticket, turned a little: test the point turned back
  const c = Math.cos(-TILT);
  const s = Math.sin(-TILT);
  const u = 0.5 + (x - 0.5) * c - (y - 0.5) * s;
  const v = 0.5 + (x - 0.5) * s + (y - 0.5) * c;
  const w = TICKET.w * scale;
  const h = TICKET.h * scale;
  const notch = TICKET.notch * scale;
  const inTicket =
    insideRoundedRect(u, v, 0.5, 0.5, w, h, TICKET.r * scale) &&
    (u - (0.5 - w / 2)) ** 2 + (v - 0.5) ** 2 > notch ** 2 &&
    (u - (0.5 + w / 2)) ** 2 + (v - 0.5) ** 2 > notch ** 2;
  if (!inTicket) return BLUE;
  if (insidePolygon(u, v, starPoints(0.5, 0.5, scale))) return YELLOW;
  return WHITE;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, options) {
  const N = 4; // samples per pixel side
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const colour = colourAt((px + (sx + 0.5) / N) / size, (py + (sy + 0.5) / N) / size, options);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = row + 1 + px * 4;
      rows[i] = a ? Math.round(r / a) : 0;
      rows[i + 1] = a ? Math.round(g / a) : 0;
      rows[i + 2] = a ? Math.round(b / a) : 0;
      rows[i + 3] = Math.round((a / (N * N)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const k = 100;
  const scale = 1.1;
  const n = (v) => Number(v.toFixed(2));
  const w = TICKET.w * scale * k;
  const h = TICKET.h * scale * k;
  const star = starPoints(0.5, 0.5, scale)
    .map(([x, y]) => `${(x * k).toFixed(2)},${(y * k).toFixed(2)}`)
    .join(' ');
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="22" fill="${hex(BLUE)}"/>
  <mask id="m"><rect width="100" height="100" fill="#fff"/>
    <circle cx="${n(50 - w / 2)}" cy="50" r="${n(TICKET.notch * scale * k)}"/><circle cx="${n(50 + w / 2)}" cy="50" r="${n(TICKET.notch * scale * k)}"/></mask>
  <g transform="rotate(${n((TILT * 180) / Math.PI)} 50 50)">
    <rect x="${n(50 - w / 2)}" y="${n(50 - h / 2)}" width="${n(w)}" height="${n(h)}" rx="${n(TICKET.r * scale * k)}" fill="${hex(WHITE)}" mask="url(#m)"/>
    <polygon points="${star}" fill="${hex(YELLOW)}"/>
  </g>
</svg>
`;
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${path.slice(ROOT.length + 1)} (${data.length} bytes)`);
}

write(join(ROOT, 'icons', 'icon-192.png'), png(192, { maskable: false, scale: 1.1 }));
write(join(ROOT, 'icons', 'icon-512.png'), png(512, { maskable: false, scale: 1.1 }));
// maskable: the ticket's far corners stay inside the central circle of radius 0.4 (the safe zone)
write(join(ROOT, 'icons', 'icon-maskable-512.png'), png(512, { maskable: true, scale: 0.95 }));
write(join(ROOT, 'icons', 'apple-touch-icon.png'), png(180, { maskable: true, scale: 1.0 }));
write(join(ROOT, 'favicon.svg'), svg());
