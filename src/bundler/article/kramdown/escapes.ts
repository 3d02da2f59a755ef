import type { MarkdownIt, StateInline } from "markdown-it";

/**
 * Backslash escapes as kramdown reads them: only `\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = -`
 * (and `~` with GFM input) are escaped; before any other character the backslash stays, so
 * `\^`, `50\%` and `c\/d` are written as they are, where CommonMark escapes every ASCII punctuation mark.
 */
export function kramdownEscapesPlugin(md: MarkdownIt, options: { gfm: boolean }): void {
  const escapable = options.gfm ? /[\\.*_+`<>()[\]{}#!:|"'$=\-~]/ : /[\\.*_+`<>()[\]{}#!:|"'$=-]/;
  const punctuation = /[!-/:-@[-`{-~]/;
  md.inline.ruler.before("escape", "kramdown_escape", (state: StateInline, silent: boolean) => {
    if (state.src.charCodeAt(state.pos) !== 0x5c /* \ */) return false;
    const next = state.src[state.pos + 1] ?? "";
    if (!punctuation.test(next) || escapable.test(next)) return false;
    if (!silent) state.pending += "\\";
    state.pos += 1;
    return true;
  });
}
