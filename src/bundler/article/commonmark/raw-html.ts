import type { MarkdownIt, RendererRule } from "markdown-it";

/** GFM's tagfilter: these tags are written with `&lt;` so a browser does not run them (the Ruby renderer's regex). */
const FILTERED_TAGS = /<(title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?=\s|>|\/>)/gi;

/**
 * Raw HTML as commonmarker's renderer writes it: without UNSAFE each HTML block and each inline
 * tag is `<!-- raw HTML omitted -->`; with it the HTML is kept, and with the tagfilter extension
 * the tags above are escaped. (The sanitizer decides afterwards what reaches a reader.)
 */
export function rawHtmlPlugin(md: MarkdownIt, options: { unsafe: boolean; tagfilter: boolean }): void {
  const { rules } = md.renderer;
  if (!options.unsafe) {
    rules.html_block = () => "<!-- raw HTML omitted -->\n";
    rules.html_inline = () => "<!-- raw HTML omitted -->";
  } else if (options.tagfilter) {
    const filtered: RendererRule = (tokens, idx) => tokens[idx]!.content.replace(FILTERED_TAGS, "&lt;$1");
    rules.html_block = filtered;
    rules.html_inline = filtered;
  }
}
