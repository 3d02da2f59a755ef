import { TextDecoder } from "node:util";

/** A post file's bytes as text, or why they cannot be read without mojibake. */
export type Decoded = { text: string; warning?: string } | { error: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gbk = new TextDecoder("gbk", { fatal: true });

/** Share of Chinese characters and CJK punctuation among the text's non-ASCII characters. */
function cjkShare(text: string): number {
  const wide = text.replace(/[\u0000-\u007f]/g, "");
  if (!wide) return 0;
  return (wide.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu)?.length ?? 0) / Array.from(wide).length;
}

const continuation = (byte: number | undefined, low = 0x80, high = 0xbf) => byte !== undefined && byte >= low && byte <= high;

/** Length of the valid UTF-8 sequence (RFC 3629) starting at `at`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const [b1, b2, b3] = [bytes[at + 1], bytes[at + 2], bytes[at + 3]];
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(b1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(b1, low, high) && continuation(b2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(b1, low, high) && continuation(b2) && continuation(b3) ? 4 : 0;
  }
  return 0;
}

/**
 * One pass over the bytes: where the first byte that is not UTF-8 is (-1 for none), and how many
 * bytes lie in valid multi-byte sequences against how many do not. The same pass for any file
 * size: a file with one bad byte costs what a good one does.
 */
export function scanUtf8(bytes: Uint8Array): { firstInvalid: number; multibyte: number; invalid: number } {
  let firstInvalid = -1;
  let multibyte = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) {
      if (firstInvalid < 0) firstInvalid = at;
      invalid++;
      at++;
      continue;
    }
    if (length > 1) multibyte += length;
    at += length;
  }
  return { firstInvalid, multibyte, invalid };
}

/**
 * UTF-8, as posts should be. A file that is not UTF-8 is read as GBK (what Chinese tools on
 * Windows write), with a warning, only when it is not mostly UTF-8 — a UTF-8 file with a stray
 * byte is not GBK — decodes as GBK without error, and then reads as Chinese. Anything else is
 * refused, with the offset of the first bad byte, rather than published as mojibake.
 */
export function decodePost(bytes: Uint8Array): Decoded {
  if (bytes.byteLength === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return { error: "empty file" };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // not UTF-8 everywhere: where, and how much of it is (one more pass)
  }
  const { firstInvalid, multibyte, invalid } = scanUtf8(bytes);
  // in GBK text, a few pairs of bytes happen to be valid UTF-8; in UTF-8 text, all but the stray bytes are
  if (multibyte <= 4 * invalid) {
    try {
      const text = gbk.decode(bytes);
      if (cjkShare(text) >= 0.7) return { text, warning: "file is GBK, not UTF-8: read as GBK; save it as UTF-8" };
    } catch {
      // neither
    }
  }
  return { error: `file is not UTF-8 (invalid byte at offset ${firstInvalid}): not published, to keep mojibake out of the feeds; save it as UTF-8` };
}
