import type { MarkdownIt, StateCore } from "markdown-it";

/**
 * Where kramdown spells the same thing otherwise: `~~text~~` is `<del>` (markdown-it: `<s>`), a
 * column's alignment is `style="text-align: left"` (without the space in markdown-it), and an
 * ordered list always counts from 1 (kramdown ignores the first item's number).
 */
export function kramdownMarkupPlugin(md: MarkdownIt): void {
  md.renderer.rules.s_open = () => "<del>";
  md.renderer.rules.s_close = () => "</del>";
  md.core.ruler.push("kramdown_markup", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === "ordered_list_open") token.attrs = token.attrs?.filter(([name]) => name !== "start") ?? null;
      else if (token.type === "th_open" || token.type === "td_open") {
        const style = token.attrGet("style");
        if (typeof style === "string") token.attrSet("style", style.replace("text-align:", "text-align: "));
      }
    }
  });
}
