import type { MarkdownIt, StateInline } from "markdown-it";

/** Ruby's `\s`. */
const SPACE = /[ \t\n\v\f\r]/;

/** Per text, where each run of backticks was last looked for and not found: a text of many unmatched runs stays linear. */
const misses = new WeakMap<StateInline, Map<string, number>>();

/**
 * Code spans as kramdown reads them (parser/kramdown/codespan.rb): a single backtick with white
 * space (or nothing) before it and white space after is a backtick; a span ends at the next
 * occurrence of its opening run, whatever follows; a run of two or more loses one space at each
 * end. markdown-it follows CommonMark, which closes only on a run of the same length and takes
 * `` ` spaced ` `` for code.
 */
function kramdownCodeSpan(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x60 /* ` */) return false;
  let end = pos;
  while (end < posMax && src.charCodeAt(end) === 0x60) end++;
  const run = src.slice(pos, end);
  const single = run.length === 1;
  const spaceAfter = end >= posMax || SPACE.test(src[end]!);
  let missing = misses.get(state);
  if (!missing) misses.set(state, (missing = new Map()));
  const close = end >= (missing.get(run) ?? Infinity) ? -1 : src.indexOf(run, end);
  if (close < 0) missing.set(run, Math.min(end, missing.get(run) ?? Infinity));
  if ((single && (pos === 0 || SPACE.test(src[pos - 1]!)) && spaceAfter) || close < 0 || close + run.length > posMax) {
    if (!silent) state.pending += run;
    state.pos = end;
    return true;
  }
  let code = src.slice(end, close);
  if (!single) code = code.replace(/^ /, "").replace(/ $/, "");
  if (!silent) {
    const token = state.push("code_inline", "code", 0);
    token.markup = run;
    token.content = code;
  }
  state.pos = close + run.length;
  return true;
}

export function kramdownCodeSpansPlugin(md: MarkdownIt): void {
  md.inline.ruler.at("backticks", kramdownCodeSpan);
}
