import type { MarkdownIt, StateCore } from "markdown-it";

/**
 * A run of hyphens as cmark's SMART option writes it: one stays, and longer runs become em dashes
 * when their length divides by 3, else en dashes when it divides by 2, else em dashes then one or
 * two en dashes (inlines.c, handle_hyphen).
 */
function dashes(run: number): string {
  if (run === 1) return "-";
  let em = 0;
  let en = 0;
  if (run % 3 === 0) em = run / 3;
  else if (run % 2 === 0) en = run / 2;
  else if (run % 3 === 2) {
    en = 1;
    em = (run - 2) / 3;
  } else {
    en = 2;
    em = (run - 4) / 3;
  }
  return "—".repeat(em) + "–".repeat(en);
}

/**
 * cmark's SMART dashes and ellipses in text (not code, not autolinks). markdown-it's typographer
 * also turns `(c)`, `+-` and `??????` into symbols and sets dashes its own way, so its
 * `replacements` stays off and this rule stands in; its `smartquotes` curls the quotes.
 */
export function smartPunctuationPlugin(md: MarkdownIt): void {
  md.core.ruler.before("smartquotes", "cmark_smart_punctuation", (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      let inAutolink = 0;
      for (const token of block.children) {
        if (token.type === "link_open" && token.info === "auto") inAutolink++;
        else if (token.type === "link_close" && token.info === "auto") inAutolink--;
        else if (token.type === "text" && !inAutolink && /--|\.\.\./.test(token.content)) {
          token.content = token.content.replace(/-{2,}/g, (run) => dashes(run.length)).replace(/\.\.\./g, "…");
        }
      }
    }
  });
}
