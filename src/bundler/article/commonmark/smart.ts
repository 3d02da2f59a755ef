import type { Delimiter, MarkdownIt, StateCore, StateInline } from "markdown-it";

/**
 * A run of hyphens as cmark's SMART option writes it: one stays, and longer runs become em dashes
 * when their length divides by 3, else en dashes when it divides by 2, else em dashes then one or
 * two en dashes (inlines.c, handle_hyphen).
 */
function dashes(run: number): string {
  if (run === 1) return "-";
  let em = 0;
  let en = 0;
  if (run % 3 === 0) em = run / 3;
  else if (run % 2 === 0) en = run / 2;
  else if (run % 3 === 2) {
    en = 1;
    em = (run - 2) / 3;
  } else {
    en = 2;
    em = (run - 4) / 3;
  }
  return "—".repeat(em) + "–".repeat(en);
}

const QUOTE_MARKERS = new Set([0x22, 0x27]);
const isSpace = (c: string) => /^\s$/u.test(c);
/** cmark 0.29's punctuation: ASCII punctuation and Unicode's P categories. */
const isPunct = (c: string) => /^[!-/:-@[-`{-~\p{P}]$/u.test(c);

/**
 * A quote as cmark's SMART reads it (inlines.c, scan_delims and process_emphasis): a delimiter
 * that opens only when left-flanking and not right-flanking (and not after `]` or `)`), closes
 * when right-flanking; a pair becomes ‘ ’ or “ ”, and a quote left alone is ’ (an apostrophe), or
 * ” when it could close and “ when not. markdown-it's smartquotes leaves lone quotes straight and
 * pairs them its own way, hence this rule; markdown-it's balance_pairs does the pairing, as
 * cmark's process_emphasis does.
 */
function quote(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  const marker = src.charCodeAt(pos);
  if (silent || !QUOTE_MARKERS.has(marker)) return false;
  const low = pos > 1 && /[\udc00-\udfff]/.test(src[pos - 1]!);
  const before = pos > 0 ? String.fromCodePoint(src.codePointAt(pos - (low ? 2 : 1))!) : "\n";
  const after = pos + 1 < state.posMax ? String.fromCodePoint(src.codePointAt(pos + 1)!) : "\n";
  const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  const open = left && !right && before !== "]" && before !== ")";
  // balance_pairs takes delimiters in adjacent tokens for one run and never pairs them (`''`); an empty token parts them
  const last = state.delimiters.at(-1);
  if (last?.marker === marker && last.token === state.tokens.length - 1 && !state.pending) state.push("text", "", 0);
  const token = state.push("text", "", 0);
  token.content = marker === 0x27 ? "’" : right ? "”" : "“";
  if (open || right) state.delimiters.push({ marker, length: 0, token: state.tokens.length - 1, end: -1, open, close: right });
  state.pos++;
  return true;
}

/** Paired quotes: the opener becomes ‘ or “, the closer ’ or ”. */
function pairQuotes(state: StateInline): boolean {
  const pair = (delimiters: Delimiter[]) => {
    for (const opener of delimiters) {
      if (!QUOTE_MARKERS.has(opener.marker) || opener.end < 0) continue;
      const double = opener.marker === 0x22;
      state.tokens[opener.token]!.content = double ? "“" : "‘";
      state.tokens[delimiters[opener.end]!.token]!.content = double ? "”" : "’";
    }
  };
  pair(state.delimiters);
  for (const meta of state.tokens_meta) if (meta?.delimiters) pair(meta.delimiters as Delimiter[]);
  return false;
}

/**
 * cmark's SMART option: curly quotes (above), and dashes and ellipses in text (not code, not
 * autolinks). markdown-it's typographer also turns `(c)`, `+-` and `??????` into symbols and
 * sets dashes its own way, so it stays off. Needs textRulePlugin's stop at quotes.
 */
export function smartPunctuationPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("emphasis", "cmark_smart_quotes", quote);
  md.inline.ruler2.before("emphasis", "cmark_smart_quotes", pairQuotes);
  md.core.ruler.after("inline", "cmark_smart_punctuation", (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      let inAutolink = 0;
      // an image's alt text is its children's
      for (const token of block.children.flatMap((child) => (child.type === "image" && child.children ? [child, ...child.children] : [child]))) {
        if (token.type === "link_open" && token.info === "auto") inAutolink++;
        else if (token.type === "link_close" && token.info === "auto") inAutolink--;
        else if (token.type === "text" && !inAutolink && /--|\.\.\./.test(token.content)) {
          token.content = token.content.replace(/-{2,}/g, (run) => dashes(run.length)).replace(/\.\.\./g, "…");
        }
      }
    }
  });
}
