import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnotePlugin from "markdown-it-footnote";
import { takeFootnotes } from "../footnote-definitions.js";

const idOf = (token: Token) => (token.meta as { id: number }).id + 1;

/**
 * The notes at the end, in the order they are first referred to, each with one backlink: at the
 * end of its last paragraph after a space, or on a line of its own when it ends otherwise
 * (commonmarker's renderer). Appended in one pass: markdown-it-footnote's own tail joins every
 * note's tokens onto all the others (quadratic).
 */
function footnoteTail(state: StateCore): void {
  const notes = takeFootnotes(state);
  if (!notes) return;
  const { body, definitions, list } = notes;
  body.push(new state.Token("footnote_block_open", "", 1));
  list.forEach(({ label }, id) => {
    body.push(Object.assign(new state.Token("footnote_open", "", 1), { meta: { id } }));
    const content = definitions.get(label) ?? [];
    const last = content.at(-1);
    const inParagraph = last?.type === "paragraph_close";
    body.push(...(inParagraph ? content.slice(0, -1) : content));
    body.push(Object.assign(new state.Token("footnote_anchor", "", 0), { meta: { id, alone: !inParagraph } }));
    if (inParagraph) body.push(last);
    body.push(new state.Token("footnote_close", "", -1));
  });
  body.push(new state.Token("footnote_block_close", "", -1));
}

/** cmark-gfm's footnotes (the FOOTNOTES option), in commonmarker's markup: every reference to a note has the same id, as there. */
export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnotePlugin);
  // cmark-gfm has no inline notes (`^[text]`)
  md.inline.ruler.disable("footnote_inline");
  md.core.ruler.at("footnote_tail", footnoteTail);
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, idx) => {
    const n = idOf(tokens[idx]!);
    return `<sup class="footnote-ref"><a href="#fn${n}" id="fnref${n}">${n}</a></sup>`;
  };
  rules.footnote_block_open = () => '<section class="footnotes">\n<ol>\n';
  rules.footnote_block_close = () => "</ol>\n</section>\n";
  rules.footnote_open = (tokens, idx) => `<li id="fn${idOf(tokens[idx]!)}">\n`;
  rules.footnote_close = () => "</li>\n";
  rules.footnote_anchor = (tokens, idx) => {
    const token = tokens[idx]!;
    const link = `<a href="#fnref${idOf(token)}" class="footnote-backref">↩</a>`;
    return (token.meta as { alone: boolean }).alone ? `${link}\n` : ` ${link}`;
  };
}
