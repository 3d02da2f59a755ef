import { TextDecoder } from "node:util";

/**
 * GBK bytes of a text, as a Chinese tool on Windows would save it, or undefined when a character
 * has no GBK code. Node has no GBK encoder; the table is the GBK decoder's, turned around.
 */
let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  const decoder = new TextDecoder("gbk", { fatal: true });
  table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // no character at this code
      }
    }
  }
  return table;
}

export function encodeGbk(text: string): Uint8Array | undefined {
  const codes = gbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = codes.get(char);
      if (!pair) return undefined;
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

/** The 3,755 common characters of GB2312 (level 1), in its order. */
export function commonHanzi(): string[] {
  const decoder = new TextDecoder("gbk");
  const chars: string[] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) if (!(lead === 0xd7 && trail > 0xf9)) chars.push(decoder.decode(Uint8Array.of(lead, trail)));
  return chars;
}
