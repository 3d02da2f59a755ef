import type { MarkdownIt, StateInline } from "markdown-it";

/** Where markdown-it's text rule stops: a character some inline rule may start at (its isTerminatorChar). */
const TERMINATORS = String.raw`[\n!#$%&*+\-:<=>@[\\\]^_\x60{}~]`;

/**
 * markdown-it's text rule, stopping also at `extra` (regex sources): its own rule runs over
 * everything else, so an inline rule for `www.` or a quote would never be reached inside a word.
 */
export function textRulePlugin(md: MarkdownIt, extra: readonly string[]): void {
  const stop = new RegExp([TERMINATORS, ...extra].join("|"), "g");
  md.inline.ruler.at("text", (state: StateInline, silent: boolean) => {
    stop.lastIndex = state.pos;
    const end = Math.min(stop.exec(state.src)?.index ?? state.posMax, state.posMax);
    if (end === state.pos) return false;
    if (!silent) state.pending += state.src.slice(state.pos, end);
    state.pos = end;
    return true;
  });
}
