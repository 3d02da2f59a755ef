import type { StateCore, Token } from "markdown-it";

interface FootnoteEnv {
  footnotes?: { list?: Array<{ label: string; count: number }> };
}

/**
 * Takes the footnote definitions markdown-it-footnote left in the token stream out of it, by
 * label, with its list of notes in the order first referred to: what both converters' footnote
 * tails append in one pass (markdown-it-footnote's own tail joins every note's tokens onto all the
 * others, which is quadratic). Undefined when the post has no notes.
 */
export function takeFootnotes(state: StateCore): { body: Token[]; definitions: Map<string, Token[]>; list: Array<{ label: string; count: number }> } | undefined {
  const { footnotes } = state.env as FootnoteEnv;
  if (!footnotes) return undefined;
  const body: Token[] = [];
  const definitions = new Map<string, Token[]>();
  let definition: Token[] | undefined;
  for (const token of state.tokens) {
    if (token.type === "footnote_reference_open") definitions.set((token.meta as { label: string }).label, (definition = []));
    else if (token.type === "footnote_reference_close") definition = undefined;
    else (definition ?? body).push(token);
  }
  state.tokens = body;
  return footnotes.list?.length ? { body, definitions, list: footnotes.list } : undefined;
}
