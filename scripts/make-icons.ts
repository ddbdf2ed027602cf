// Draws the add-on's icon.png (128×128) and logo.png (250×100) and the integration's brand images, with no
// image library: shapes are signed-distance functions, sampled 4×4 per pixel for anti-aliasing, and written
// as RGBA PNGs with node:zlib. Run: npx tsx scripts/make-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type Rgba = [number, number, number, number];
type Pt = [number, number];
/** Colour of a point in the image's own coordinates, or undefined for transparent. */
type Shader = (x: number, y: number) => Rgba | undefined;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function render(width: number, height: number, shade: Shader): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const S = 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
          if (!c) continue;
          // Premultiplied accumulation keeps edges against transparency clean.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (y * width + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return out;
}

// ---- geometry ----
function segDist(p: Pt, a: Pt, b: Pt): number {
  const [px, py] = [p[0] - a[0], p[1] - a[1]];
  const [bx, by] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by || 1)));
  return Math.hypot(px - bx * t, py - by * t);
}

const polyDist = (p: Pt, pts: Pt[]) =>
  pts.slice(1).reduce((d, q, i) => Math.min(d, segDist(p, pts[i]!, q)), Number.POSITIVE_INFINITY);

/** Points along a circle arc; angles in radians, 0 = right, growing clockwise (y points down). */
function arc(cx: number, cy: number, r: number, from: number, to: number, steps = 24): Pt[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = from + ((to - from) * i) / steps;
    return [cx + r * Math.cos(t), cy + r * Math.sin(t)] as Pt;
  });
}

function roundedRect(x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - w / 2) - (w / 2 - r);
  const qy = Math.abs(y - h / 2) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const mix = (a: Rgba, b: Rgba, t: number): Rgba => [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as Rgba;

const BLUE: Rgba = [24, 119, 242, 1];
const TEAL: Rgba = [16, 185, 160, 1];
const WHITE: Rgba = [255, 255, 255, 1];
const INK: Rgba = [30, 41, 59, 1];

/** The mark in a unit square: a recovery loop (open ring with an arrowhead) around a download arrow. */
function markStrokes(): Pt[][] {
  const start = -Math.PI / 2 + 0.55;
  const end = -Math.PI / 2 + 2 * Math.PI - 0.55;
  const ring = arc(0.5, 0.5, 0.33, start, end, 64);
  const tip = ring[ring.length - 1]!;
  const head: Pt[] = [[tip[0] - 0.11, tip[1] - 0.035], tip, [tip[0] - 0.02, tip[1] + 0.11]];
  const shaft: Pt[] = [
    [0.5, 0.3],
    [0.5, 0.64],
  ];
  const chevron: Pt[] = [
    [0.38, 0.53],
    [0.5, 0.65],
    [0.62, 0.53],
  ];
  return [ring, head, shaft, chevron];
}

function markShader(x0: number, y0: number, size: number, background: boolean): Shader {
  const strokes = markStrokes();
  return (x, y) => {
    const u = (x - x0) / size;
    const v = (y - y0) / size;
    if (u < 0 || v < 0 || u > 1 || v > 1) return undefined;
    const inside = roundedRect(u, v, 1, 1, 0.22) <= 0;
    const stroke = strokes.some((s) => polyDist([u, v], s) <= 0.045);
    if (background) {
      if (!inside) return undefined;
      return stroke ? WHITE : mix(BLUE, TEAL, Math.min(1, Math.max(0, (u + v) / 2)));
    }
    return stroke ? mix(BLUE, TEAL, (u + v) / 2) : undefined;
  };
}

// ---- the word "AutoArr" from strokes, in a box whose height is 1 (cap height 0 → baseline 1) ----
const GLYPHS: Record<string, { w: number; strokes: Pt[][] }> = {
  A: {
    w: 0.66,
    strokes: [
      [
        [0, 1],
        [0.33, 0],
        [0.66, 1],
      ],
      [
        [0.13, 0.64],
        [0.53, 0.64],
      ],
    ],
  },
  u: {
    w: 0.46,
    strokes: [
      [[0, 0.4], ...arc(0.23, 0.77, 0.23, Math.PI, 0, 16)],
      [
        [0.46, 0.4],
        [0.46, 1],
      ],
    ],
  },
  t: {
    w: 0.36,
    strokes: [
      [[0.12, 0.08], [0.12, 0.8], ...arc(0.32, 0.8, 0.2, Math.PI, Math.PI / 2, 10)],
      [
        [0, 0.4],
        [0.34, 0.4],
      ],
    ],
  },
  o: { w: 0.6, strokes: [arc(0.3, 0.7, 0.3, 0, 2 * Math.PI, 40)] },
  r: {
    w: 0.32,
    strokes: [
      [
        [0, 0.4],
        [0, 1],
      ],
      arc(0.3, 0.72, 0.3, Math.PI, 1.5 * Math.PI, 12),
    ],
  },
};

function wordShader(text: string, x0: number, baseline: number, height: number, gap: number): Shader {
  const placed: Pt[][] = [];
  let pen = 0;
  for (const ch of text) {
    const g = GLYPHS[ch]!;
    for (const s of g.strokes)
      placed.push(s.map(([x, y]) => [x0 + (pen + x) * height, baseline - height + y * height]));
    pen += g.w + gap;
  }
  const half = height * 0.065;
  return (x, y) => (placed.some((s) => polyDist([x, y], s) <= half) ? INK : undefined);
}

function layer(...shaders: Shader[]): Shader {
  return (x, y) => {
    for (const s of shaders) {
      const c = s(x, y);
      if (c) return c;
    }
    return undefined;
  };
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const write = (rel: string, w: number, h: number, shade: Shader) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, encodePng(w, h, render(w, h, shade)));
    console.log(`wrote ${rel} (${w}×${h})`);
  };
  const icon: Shader = (x, y) => markShader(2, 2, 124, true)(x, y);
  const logo = layer(markShader(6, 14, 72, true), wordShader('AutoArr', 90, 67, 34, 0.12));
  write('autoarr/icon.png', 128, 128, icon);
  write('autoarr/logo.png', 250, 100, logo);
  write('custom_components/autoarr/brand/icon.png', 256, 256, markShader(4, 4, 248, true));
  write('custom_components/autoarr/brand/logo.png', 250, 100, logo);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
