import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { dropLeading } from "../leading-text.js";

const UNCHECKED = /^\s*\[ \]\s+/;
const CHECKED = /^\s*\[x\]\s+/i;
const BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
const CHECKED_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';

/**
 * kramdown-parser-gfm's task lists (its parse_list): an item whose first paragraph starts with
 * `[ ]` or `[x]` gets a disabled checkbox; from the first such item on, items are `task-list-item`
 * and the list is `task-list`. No kept markdown-it plugin writes this markup, hence this rule.
 */
function taskLists(state: StateCore): void {
  const { tokens } = state;
  const lists: Array<{ open: Token; tasks: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists.push({ open: token, tasks: false });
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") {
      const list = lists.pop();
      if (list?.tasks) list.open.attrJoin("class", "task-list");
    } else if (token.type === "list_item_open" && tokens[i + 1]?.type === "paragraph_open" && tokens[i + 2]?.type === "inline") {
      const list = lists.at(-1)!;
      const inline = tokens[i + 2]!;
      const box = UNCHECKED.exec(inline.content) ?? CHECKED.exec(inline.content);
      if (box) {
        dropLeading(inline, box[0].length);
        inline.content = inline.content.slice(box[0].length);
        const html = new state.Token("html_inline", "", 0);
        html.content = box[0].includes("[ ]") ? BOX : CHECKED_BOX;
        inline.children?.unshift(html);
        list.tasks = true;
      }
      if (list.tasks) token.attrJoin("class", "task-list-item");
    }
  }
}

export function taskListsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_task_lists", taskLists);
}
