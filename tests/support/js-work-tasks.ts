// What tests/support/js-work.ts can count the work of, run in its thread.
import { TextDecoder } from "node:util";
import { markdownOptionsFromJekyll, markdownToHtml, type JekyllMarkdownConfig } from "../../src/bundler/article/markdown.js";
import { decodePost } from "../../src/bundler/read/decode.js";
import { buildPosts } from "../../src/bundler/records/build-posts.js";

/** Builds every post of a folder, in this thread alone. */
export async function buildFolder(dir: string): Promise<number> {
  return (await buildPosts(dir, { threads: 1 })).records.length;
}

/** Decodes a post file's bytes: what it came to, and how many bytes the decoders were handed. */
export async function decodeBytes(bytes: Uint8Array): Promise<{ decoded: ReturnType<typeof decodePost>; handed: number }> {
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
  return markdownToHtml(source, config ? markdownOptionsFromJekyll(config) : undefined).length;
}
