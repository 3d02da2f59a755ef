import type { MarkdownIt, RendererRule, StateCore } from "markdown-it";

/**
 * What commonmarker's renderer, and the plugins' code blocks, write otherwise than markdown-it:
 * table cell alignment as `align=`, NOBREAKS' line breaks as spaces, and code blocks as the
 * publisher writes rouge's (`<pre><code class="language-x">`, its wrapping and colouring left
 * out), the language being the info string's first word (jekyll-commonmark) or first word before
 * a comma too (jekyll-commonmark-ghpages).
 */
export function commonMarkMarkupPlugin(md: MarkdownIt, options: { ghPages: boolean; noBreaks: boolean }): void {
  const { escapeHtml, unescapeAll } = md.utils;
  md.core.ruler.after("block", "cmark_table_align", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet("style") ?? ""))?.[1];
      if (align) token.attrs = [["align", align]];
    }
  });
  const code: RendererRule = (tokens, idx) => {
    const token = tokens[idx]!;
    const language = unescapeAll(token.info).trim().split(options.ghPages ? /[\s,]/ : /\s+/)[0] ?? "";
    const languageClass = language ? ` class="language-${escapeHtml(language)}"` : "";
    return `<pre><code${languageClass}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  md.renderer.rules.fence = code;
  md.renderer.rules.code_block = code;
  if (options.noBreaks) md.renderer.rules.softbreak = (_tokens, _idx, mdOptions) => (mdOptions.breaks ? "<br />\n" : " ");
}
