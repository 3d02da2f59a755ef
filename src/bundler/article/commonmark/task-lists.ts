import type { MarkdownIt, StateCore } from "markdown-it";
import { dropLeading } from "../leading-text.js";

/** `[ ]`, `[x]` or `[X]` and a space or tab, at the very start of a list item's first line. */
const BOX = /^\[([ xX])\][ \t]+/;

/**
 * cmark-gfm's tasklist extension: a list item whose first line starts with `[ ]` or `[x]` gets a
 * disabled checkbox, written as commonmarker's renderer writes it (`<li><input type="checkbox"
 * disabled="" /> …`). The kramdown path's rule writes kramdown's markup and classes, hence this one.
 */
export function taskListsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("gfm_task_lists", (state: StateCore) => {
    const { tokens } = state;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const item = tokens[i]!;
      const paragraph = tokens[i + 1]!;
      const inline = tokens[i + 2]!;
      if (item.type !== "list_item_open" || paragraph.type !== "paragraph_open" || inline.type !== "inline") continue;
      if (paragraph.map?.[0] !== item.map?.[0]) continue;
      const box = BOX.exec(inline.content);
      if (!box || box[0].length === inline.content.length) continue;
      dropLeading(inline, box[0].length);
      inline.content = inline.content.slice(box[0].length);
      item.meta = { ...(item.meta as object), checked: box[1] !== " " };
    }
  });
  md.renderer.rules.list_item_open = (tokens, idx, options, _env, self) => {
    const checked = (tokens[idx]!.meta as { checked?: boolean } | null)?.checked;
    const li = self.renderToken(tokens, idx, options);
    if (checked === undefined) return li;
    return `${li.replace(/\n$/, "")}<input type="checkbox" ${checked ? 'checked="" ' : ""}disabled="" /> `;
  };
}
