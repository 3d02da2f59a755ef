import type { MarkdownIt, StateCore } from "markdown-it";

/**
 * Where kramdown spells the same thing otherwise: `~~text~~` is `<del>` (markdown-it: `<s>`), a
 * column's alignment is `style="text-align: left"` (without the space in markdown-it), an empty
 * table cell holds a no-break space, and an ordered list always counts from 1 (kramdown ignores
 * the first item's number).
 */
export function kramdownMarkupPlugin(md: MarkdownIt): void {
  md.renderer.rules.s_open = () => "<del>";
  md.renderer.rules.s_close = () => "</del>";
  md.core.ruler.push("kramdown_markup", (state: StateCore) => {
    state.tokens.forEach((token, i) => {
      if (token.type === "ordered_list_open") token.attrs = token.attrs?.filter(([name]) => name !== "start") ?? null;
      else if (token.type === "th_open" || token.type === "td_open") {
        const style = token.attrGet("style");
        if (typeof style === "string") token.attrSet("style", style.replace("text-align:", "text-align: "));
        const inline = state.tokens[i + 1];
        if (inline?.type === "inline" && inline.children?.length === 0) {
          const space = new state.Token("text", "", 0);
          space.content = "\u00a0";
          inline.children.push(space);
        }
      }
    });
  });
}
