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

/**
 * UTF-8, as posts should be. A file that is not UTF-8 but reads cleanly as GBK, and then reads as
 * Chinese, is GBK (what Chinese tools on Windows write): decoded, with a warning. Anything else is
 * refused rather than published as mojibake.
 */
export function decodePost(bytes: Uint8Array): Decoded {
  if (bytes.byteLength === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return { error: "empty file" };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // not UTF-8: try GBK below
  }
  try {
    const text = gbk.decode(bytes);
    if (cjkShare(text) >= 0.7) return { text, warning: "file is GBK, not UTF-8: read as GBK; save it as UTF-8" };
  } catch {
    // neither
  }
  let valid = 0;
  for (let end = 1; end <= bytes.byteLength; end++) {
    try {
      utf8.decode(bytes.subarray(0, end));
      valid = end;
    } catch {
      if (end - valid > 4) break;
    }
  }
  return { error: `file is not UTF-8 (invalid bytes after byte ${valid}): not published, to keep mojibake out of the feeds; save it as UTF-8` };
}
