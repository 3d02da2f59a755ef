import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";

/**
 * kramdown's math (parser/kramdown/math.rb): `$$…$$` in text is inline math; on lines of its own,
 * between blank lines, block math. Nothing inside is Markdown (`_` and `*` stay). With MathJax,
 * kramdown's default engine, inline math is written `\(…\)` and block math `\[…\]`; with no engine,
 * as kramdown's `kdmath` span and div. markdown-it has no `$$` syntax, hence these two rules.
 */
export function kramdownMathPlugin(md: MarkdownIt, options: { engine: "mathjax" | null }): void {
  const { escapeHtml } = md.utils;
  const inline = (math: string) => (options.engine ? `\\(${escapeHtml(math.trim())}\\)` : `<span class="kdmath">$${escapeHtml(math.trim())}$</span>`);
  const block = (math: string) => (options.engine ? `\\[${escapeHtml(math.trim())}\\]\n` : `<div class="kdmath">$$\n${escapeHtml(math.trim())}\n$$</div>\n`);

  // per text, from where no `$$` follows: a text of many unmatched ones stays linear
  const unmatched = new WeakMap<StateInline, number>();
  md.inline.ruler.before("escape", "kramdown_inline_math", (state: StateInline, silent: boolean) => {
    if (!state.src.startsWith("$$", state.pos)) return false;
    const end = state.pos + 2 >= (unmatched.get(state) ?? Infinity) ? -1 : state.src.indexOf("$$", state.pos + 2);
    if (end < 0 || end + 2 > state.posMax) {
      unmatched.set(state, state.pos + 2);
      return false;
    }
    if (!silent) {
      const token = state.push("html_inline", "", 0);
      token.content = inline(state.src.slice(state.pos + 2, end));
      token.markup = "$$";
    }
    state.pos = end + 2;
    return true;
  });

  // BLOCK_MATH_START: `$$` first on a line after a blank one (or the start), up to the next `$$`
  // and the end of its line, with a blank line (or the end) after
  md.block.ruler.before("paragraph", "kramdown_block_math", (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    if (!state.src.startsWith("$$", start)) return false;
    if (startLine > 0 && !state.isEmpty(startLine - 1)) return false;
    let line = startLine;
    let close = state.src.indexOf("$$", start + 2);
    while (line < endLine && (close < 0 || close > state.eMarks[line]!)) line++;
    if (line >= endLine || close < 0) return false;
    if (state.src.slice(close + 2, state.eMarks[line]).trim() !== "") return false;
    if (line + 1 < endLine && !state.isEmpty(line + 1)) return false;
    if (silent) return true;
    const token = state.push("html_block", "", 0);
    token.content = block(state.getLines(startLine, line + 1, state.blkIndent, false).trim().slice(2, -2));
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  });
}
