import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnotePlugin from "markdown-it-footnote";
import { takeFootnotes } from "../footnote-definitions.js";

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
 * markdown-it-footnote's footnote_tail, again: it joins each note's tokens onto all the others
 * (`concat`), so 10,000 notes took 5 s and a large post could take hours; this one appends. It
 * also puts the backlinks where kramdown does: in the note's last paragraph, or in a paragraph of
 * their own, with no space before them, when the note ends otherwise.
 */
function footnoteTail(state: StateCore): void {
  const notes = takeFootnotes(state);
  if (!notes) return;
  const { body, definitions, list } = notes;
  const Token = state.Token;
  body.push(new Token("footnote_block_open", "", 1));
  list.forEach(({ label, count }, id) => {
    const open = new Token("footnote_open", "", 1);
    open.meta = { id, label };
    body.push(open);
    const content = definitions.get(label) ?? [];
    const last = content.at(-1);
    const inParagraph = last?.type === "paragraph_close";
    for (let i = 0; i < content.length - (inParagraph ? 1 : 0); i++) body.push(content[i]!);
    if (!inParagraph) body.push(new Token("paragraph_open", "p", 1));
    for (let subId = 0; subId < Math.max(count, 1); subId++) {
      const anchor = new Token("footnote_anchor", "", 0);
      anchor.meta = { id, subId, label, alone: !inParagraph && subId === 0 };
      body.push(anchor);
    }
    body.push(inParagraph ? last : new Token("paragraph_close", "p", -1));
    body.push(new Token("footnote_close", "", -1));
  });
  body.push(new Token("footnote_block_close", "", -1));
}

/**
 * Footnotes (`text[^1]` and `[^1]: note`) with markdown-it-footnote, written in the markup of
 * kramdown 2.4 (converter/html.rb, convert_footnote and footnote_content).
 */
export function kramdownFootnotesPlugin(md: MarkdownIt, options: FootnoteOptions): void {
  md.use(footnotePlugin);
  // kramdown has no inline footnotes (`^[text]`): such text stays text.
  md.inline.ruler.disable("footnote_inline");
  md.core.ruler.at("footnote_tail", footnoteTail);

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
