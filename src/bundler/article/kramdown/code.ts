import type { MarkdownIt, StateCore } from "markdown-it";

/**
 * Code blocks as kramdown writes them: attributes from an IAL on `<pre>`, the language as
 * `class="language-…"` on `<code>`. With rouge (Jekyll's default) a block without a language is
 * its default_lang (Jekyll's: `plaintext`). Rouge's wrapping divs and colouring spans, and the
 * `language-plaintext highlighter-rouge` it puts on code spans, only serve its stylesheet and are
 * left out; the code's text is the same.
 */
export function codePlugin(md: MarkdownIt, options: { rouge: boolean; defaultLanguage: string }): void {
  const { escapeHtml, unescapeAll } = md.utils;
  md.renderer.rules.fence = (tokens, idx, mdOptions, _env, self) => {
    const token = tokens[idx]!;
    const language = unescapeAll(token.info).trim().split(/\s+/)[0] ?? "";
    const languageClass = language ? ` class="${escapeHtml(mdOptions.langPrefix + language)}"` : "";
    return `<pre${self.renderAttrs(token)}><code${languageClass}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  if (!options.rouge) return;
  md.core.ruler.push("kramdown_rouge_classes", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === "fence" && token.info.trim() === "") token.info = options.defaultLanguage;
      else if (token.type === "code_block") {
        token.type = "fence";
        token.info = options.defaultLanguage;
      }
    }
  });
}
