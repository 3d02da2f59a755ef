import type { MarkdownIt, StateCore } from "markdown-it";

/** kramdown writes a column's alignment as `style="text-align: left"`, markdown-it without the space. */
export function tableAlignmentPlugin(md: MarkdownIt): void {
  md.core.ruler.push("kramdown_table_alignment", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const style = token.attrGet("style");
      if (typeof style === "string") token.attrSet("style", style.replace("text-align:", "text-align: "));
    }
  });
}
