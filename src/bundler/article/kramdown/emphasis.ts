import type { MarkdownIt, StateInline } from "markdown-it";

/** Ruby's `\s`: ASCII white space only. */
const SPACE = /[ \t\n\v\f\r]/;

/**
 * Whether a run of `*` or `_` may open and close emphasis, by kramdown's rules (parser/kramdown/
 * emphasis.rb) instead of CommonMark's flanking ones: it opens unless white space follows, it
 * closes unless white space comes before; `_` opens nowhere after a letter and closes nowhere
 * before a letter or digit. So `**Note:**Text` and `**注意：**内容` are strong, as kramdown makes
 * them, where CommonMark leaves the asterisks (punctuation before, a letter after).
 */
function kramdownDelimiters(state: StateInline, start: number): { can_open: boolean; can_close: boolean; length: number } {
  const { src, posMax } = state;
  const marker = src[start]!;
  let end = start;
  while (end < posMax && src[end] === marker) end++;
  const before = src.slice(Math.max(0, start - 2), start);
  const previous = Array.from(before).at(-1) ?? "\n";
  const next = end < posMax ? String.fromCodePoint(src.codePointAt(end)!) : "\n";
  const underscore = marker === "_";
  // kramdown: `_` after /[[:alpha:]]-?[[:alpha:]]*\z/, that is after a letter, or a letter and a hyphen
  const afterLetter = /\p{L}-?$/u.test(before);
  return {
    can_open: !SPACE.test(next) && !(underscore && afterLetter),
    can_close: !SPACE.test(previous) && !(underscore && /[\p{L}\p{N}]/u.test(next)),
    length: end - start,
  };
}

export function kramdownEmphasisPlugin(md: MarkdownIt): void {
  const rule = md.inline.ruler.__rules__.find((r) => r.name === "emphasis");
  if (!rule) throw new Error("markdown-it has no emphasis rule to wrap");
  const commonMark = rule.fn;
  md.inline.ruler.at("emphasis", (state: StateInline, silent: boolean) => {
    const marker = state.src.charCodeAt(state.pos);
    if (silent || (marker !== 0x2a && marker !== 0x5f)) return commonMark(state, silent);
    // markdown-it's emphasis rule asks the state where delimiters may open and close: for this call, kramdown answers
    state.scanDelims = (start: number) => kramdownDelimiters(state, start);
    try {
      return commonMark(state, silent);
    } finally {
      delete (state as { scanDelims?: unknown }).scanDelims;
    }
  });
}
