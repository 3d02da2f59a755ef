// npm run favicon: draws the site's icon (a feed symbol, white on orange) at 16 and 32 pixels and
// writes it as src/worker/favicon.ts, an ICO of two 32-bit bitmaps in base64. Drawn here rather
// than committed as a binary so that what it is can be read and changed; bitmaps rather than PNG
// inside the ICO, which every reader's image loader takes.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";

const ORANGE = [0xd9, 0x48, 0x0f];

/** Coverage of the symbol at a point of the unit square: 0 outside the icon, 1 background, 2 symbol. */
function shape(x: number, y: number): 0 | 1 | 2 {
  const r = 0.19;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const dx = x - 0.27;
  const dy = 0.73 - y;
  const d = Math.hypot(dx, dy);
  if (d <= 0.1) return 2;
  if (dx >= -0.02 && dy >= -0.02 && ((d >= 0.3 && d <= 0.43) || (d >= 0.55 && d <= 0.68))) return 2;
  return 1;
}

/** BGRA rows, bottom row first, with 4×4 samples a pixel. */
function bitmap(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let inside = 0;
      let symbol = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const s = shape((col + (sx + 0.5) / 4) / size, (row + (sy + 0.5) / 4) / size);
          if (s) inside++;
          if (s === 2) symbol++;
        }
      }
      const white = inside ? symbol / inside : 0;
      const at = ((size - 1 - row) * size + col) * 4;
      out[at] = Math.round(ORANGE[2]! + (255 - ORANGE[2]!) * white);
      out[at + 1] = Math.round(ORANGE[1]! + (255 - ORANGE[1]!) * white);
      out[at + 2] = Math.round(ORANGE[0]! + (255 - ORANGE[0]!) * white);
      out[at + 3] = Math.round((255 * inside) / 16);
    }
  }
  return out;
}

/** One ICO image: BITMAPINFOHEADER (height doubled for the mask), the pixels, an empty AND mask. */
function icoImage(size: number): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4, 20);
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, bitmap(size), Buffer.alloc(maskRow * size)]);
}

function ico(sizes: number[]): Buffer {
  const images = sizes.map(icoImage);
  const head = Buffer.alloc(6 + 16 * sizes.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(sizes.length, 4);
  let offset = head.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    head.writeUInt8(size % 256, at);
    head.writeUInt8(size % 256, at + 1);
    head.writeUInt16LE(1, at + 4);
    head.writeUInt16LE(32, at + 6);
    head.writeUInt32LE(images[i]!.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([head, ...images]);
}

const file = resolve(import.meta.dirname, "../src/worker/favicon.ts");
const base64 = ico([16, 32]).toString("base64");
await writeFile(
  file,
  `// Made by \`npm run favicon\` (tools/favicon.ts): the site's icon, an ICO of 16 and 32 pixels.\nexport const FAVICON_ICO = "${base64}";\n`,
);
console.log(`wrote ${file} (${(base64.length * 3) / 4} bytes of ICO)`);
