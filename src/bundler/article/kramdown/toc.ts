import type { MarkdownIt, StateCore, Token } from "markdown-it";

/** A heading as a table of contents lists it: its level, its id and its inline tokens. */
interface TocEntry {
  level: number;
  id: string;
  children: Token[];
}

interface TocNode {
  entry: TocEntry;
  below: TocNode[];
}

/**
 * kramdown's table of contents (converter/html.rb, `generate_toc_tree`): the first list carrying
 * the `{:toc}` reference (`* TOC` then `{:toc}`) is replaced by a nested list of every heading that has
 * an id and not the class `no_toc`, each a link `#id` with the id `markdown-toc-<id>` (the list's
 * own id, `markdown-toc` unless it has one), its text without links or footnote marks. Hand-written:
 * markdown-it's TOC plugins write their own markup, not kramdown's.
 */
export function kramdownTocPlugin(md: MarkdownIt): void {
  md.core.ruler.push("kramdown_toc", (state: StateCore) => {
    const { tokens } = state;
    if (!tokens.some((token) => isTocList(token))) return;
    const entries: TocEntry[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      const heading = tokens[i]!;
      const id = heading.type === "heading_open" ? heading.attrGet("id") : null;
      if (!id || String(heading.attrGet("class") ?? "").split(/\s+/).includes("no_toc")) continue;
      entries.push({ level: Number(heading.tag.slice(1)), id: String(id), children: tokens[i + 1]!.children ?? [] });
    }
    let replaced = false;
    for (let i = 0; i < tokens.length; i++) {
      const list = tokens[i]!;
      if (!isTocList(list)) continue;
      // only the first such list becomes the table of contents; later ones stay lists, as in kramdown
      if (replaced) {
        list.attrs = list.attrs!.filter(([name]) => name !== "toc");
        continue;
      }
      replaced = true;
      const close = tokens.findIndex((token, j) => j > i && token.type === list.type.replace("_open", "_close") && token.level === list.level);
      const toc = new state.Token("kramdown_toc", list.tag, 0);
      toc.block = true;
      toc.attrs = (list.attrs ?? []).filter(([name]) => name !== "toc");
      toc.meta = { entries };
      tokens.splice(i, close - i + 1, toc);
    }
  });
  md.renderer.rules.kramdown_toc = (tokens, idx, options, env, self) => {
    const toc = tokens[idx]!;
    const listId = String(toc.attrGet("id") ?? "markdown-toc");
    if (toc.attrGet("id") === null) toc.attrSet("id", listId);
    const entry = ({ id, children }: TocEntry) => {
      const text = self.renderInline(children.filter((child) => !/^(?:link_open|link_close|footnote_ref)$/.test(child.type)), options, env);
      return `<a href="#${md.utils.escapeHtml(id)}" id="${md.utils.escapeHtml(`${listId}-${id}`)}">${text}</a>`;
    };
    // each entry goes under the nearest one before it of a smaller level (generate_toc_tree's stack)
    const roots: TocNode[] = [];
    const stack: TocNode[] = [];
    for (const item of (toc.meta as { entries: TocEntry[] }).entries) {
      const node: TocNode = { entry: item, below: [] };
      while (stack.length && stack.at(-1)!.entry.level >= item.level) stack.pop();
      (stack.at(-1)?.below ?? roots).push(node);
      stack.push(node);
    }
    const list = (nodes: TocNode[]): string =>
      nodes.map(({ entry: item, below }) => `<li>${entry(item)}${below.length ? `\n<${toc.tag}>\n${list(below)}</${toc.tag}>\n` : ""}</li>\n`).join("");
    return `<${toc.tag}${self.renderAttrs(toc)}>\n${list(roots)}</${toc.tag}>\n`;
  };
}

function isTocList(token: Token): boolean {
  return (token.type === "bullet_list_open" || token.type === "ordered_list_open") && token.attrGet("toc") !== null;
}
