// What tests/support/js-work.ts can count the work of, run in its thread. Each task loads the code
// it runs when first called (a warm-up call, not counted), so that a thread loads only what it needs.
import { TextDecoder } from "node:util";
import type { JekyllMarkdownConfig } from "../../src/bundler/article/markdown.js";
import type { Decoded } from "../../src/bundler/read/decode.js";

/** Builds every post of a folder, in this thread alone. */
export async function buildFolder(dir: string): Promise<number> {
  const { buildPosts } = await import("../../src/bundler/records/build-posts.js");
  return (await buildPosts(dir, { threads: 1 })).records.length;
}

/** Decodes a post file's bytes: what it came to, and how many bytes the decoders were handed. */
export async function decodeBytes(bytes: Uint8Array): Promise<{ decoded: Decoded; handed: number }> {
  const { decodePost } = await import("../../src/bundler/read/decode.js");
  const decode = TextDecoder.prototype.decode;
  let handed = 0;
  TextDecoder.prototype.decode = function (input, options) {
    handed += input?.byteLength ?? 0;
    return decode.call(this, input, options);
  };
  try {
    return { decoded: decodePost(bytes), handed };
  } finally {
    TextDecoder.prototype.decode = decode;
  }
}

/** Renders Markdown as a site configured with `config` (kramdown, Jekyll's defaults, without one): the HTML's length. */
export async function renderMarkdown(source: string, config?: JekyllMarkdownConfig): Promise<number> {
  const { markdownOptionsFromJekyll, markdownToHtml } = await import("../../src/bundler/article/markdown.js");
  return markdownToHtml(source, config ? markdownOptionsFromJekyll(config) : undefined).length;
}
