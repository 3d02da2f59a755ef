import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnotePlugin from "markdown-it-footnote";

export interface FootnoteOptions {
  /** `footnote_nr`: the number of the first footnote. */
  firstNumber: number;
  /** `footnote_backlink`: HTML of the link back to the reference; empty for none. */
  backlink: string;
  /** `footnote_prefix`: put before the names in ids. */
  prefix: string;
}

/** What markdown-it-footnote keeps on its tokens; `alone` is ours (backlinks in a paragraph of their own). */
interface FootnoteMeta {
  id: number;
  subId: number;
  label: string;
  alone?: boolean;
}
const metaOf = (token: Token) => token.meta as unknown as FootnoteMeta;

/** kramdown's escape_html(…, :text): `<`, `>` and a `&` that starts no entity. */
function escapeText(text: string): string {
  return text.replace(/<|>|&(?!#?\w+;)/g, (char) => (char === "<" ? "&lt;" : char === ">" ? "&gt;" : "&amp;"));
}

/**
 * When a footnote does not end in a paragraph, kramdown puts its backlinks in a paragraph of their
 * own, with no space before them; markdown-it-footnote leaves them loose after the content.
 */
function wrapLooseBacklinks(state: StateCore): void {
  const tokens: Token[] = [];
  for (let i = 0; i < state.tokens.length; i++) {
    const token = state.tokens[i]!;
    const loose = token.type === "footnote_anchor" && metaOf(token).subId === 0 && state.tokens[i - 1]?.type !== "inline";
    if (!loose) {
      tokens.push(token);
      continue;
    }
    metaOf(token).alone = true;
    tokens.push(new state.Token("paragraph_open", "p", 1));
    while (state.tokens[i]?.type === "footnote_anchor") tokens.push(state.tokens[i++]!);
    tokens.push(new state.Token("paragraph_close", "p", -1));
    i--;
  }
  state.tokens = tokens;
}

/**
 * Footnotes (`text[^1]` and `[^1]: note`) with markdown-it-footnote, written in the markup of
 * kramdown 2.4 (converter/html.rb, convert_footnote and footnote_content).
 */
export function kramdownFootnotesPlugin(md: MarkdownIt, options: FootnoteOptions): void {
  md.use(footnotePlugin);
  // kramdown has no inline footnotes (`^[text]`): such text stays text.
  md.inline.ruler.disable("footnote_inline");
  md.core.ruler.after("footnote_tail", "kramdown_footnote_backlinks", wrapLooseBacklinks);

  const escape = md.utils.escapeHtml;
  const name = (token: Token) => escape(options.prefix + metaOf(token).label);
  const backlink = escapeText(options.backlink);
  const rules = md.renderer.rules;

  rules.footnote_ref = (tokens, idx) => {
    const token = tokens[idx]!;
    const { id, subId } = metaOf(token);
    const repeat = subId > 0 ? `:${subId}` : "";
    const number = id + options.firstNumber;
    return `<sup id="fnref:${name(token)}${repeat}" role="doc-noteref"><a href="#fn:${name(token)}" class="footnote" rel="footnote">${number}</a></sup>`;
  };
  rules.footnote_block_open = () =>
    `<div class="footnotes" role="doc-endnotes">\n<ol${options.firstNumber !== 1 ? ` start="${options.firstNumber}"` : ""}>\n`;
  rules.footnote_block_close = () => "</ol>\n</div>\n";
  rules.footnote_open = (tokens, idx) => `<li id="fn:${name(tokens[idx]!)}" role="doc-endnote">`;
  rules.footnote_close = () => "</li>\n";
  rules.footnote_anchor = (tokens, idx) => {
    if (!backlink) return "";
    const token = tokens[idx]!;
    const { subId: sub, alone } = metaOf(token);
    const space = alone ? "" : "\u00a0";
    return sub === 0
      ? `${space}<a href="#fnref:${name(token)}" class="reversefootnote" role="doc-backlink">${backlink}</a>`
      : `\u00a0<a href="#fnref:${name(token)}:${sub}" class="reversefootnote" role="doc-backlink">${backlink}<sup>${sub + 1}</sup></a>`;
  };
}
