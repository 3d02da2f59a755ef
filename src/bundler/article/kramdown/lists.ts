import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * Lists as kramdown reads them. kramdown has no `1)` markers: such a line is text. With GFM input
 * (kramdown-parser-gfm's `paragraph_end` quirk, on by default) any list marker ends a paragraph,
 * an ordered one of any number (`2011. His post` after a line of text starts a list), where
 * CommonMark lets only `1.` do so; with kramdown input no list interrupts a paragraph.
 */
export function kramdownListsPlugin(md: MarkdownIt, options: { gfm: boolean }): void {
  const list = md.block.ruler.__rules__.find((rule) => rule.name === "list");
  if (!list) throw new Error("markdown-it has no list rule to wrap");
  const commonMark = list.fn;
  const kramdownList = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    if (state.sCount[startLine]! - state.blkIndent < 4 && state.sCount[startLine]! >= state.blkIndent) {
      const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!);
      if (/^\d+\)/.test(line)) return false;
      if (silent && state.parentType === "paragraph") {
        if (!options.gfm) return false;
        // kramdown's LIST_START: a marker followed by a space, a tab or a `|`
        if (/^(?:\d+\.|[*+-])[\t |]/.test(line)) return true;
      }
    }
    return commonMark(state, startLine, endLine, silent);
  };
  md.block.ruler.at("list", kramdownList, { alt: list.alt });
}
