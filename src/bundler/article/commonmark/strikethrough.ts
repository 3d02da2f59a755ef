import type { Delimiter, MarkdownIt, StateInline } from "markdown-it";

const TILDE = 0x7e;
/** The marker of a one-tilde run: a code of its own, so that balance_pairs pairs `~` only with `~`, and `~~` only with `~~`. */
const SINGLE_TILDE = -TILDE;

/**
 * cmark-gfm's strikethrough extension: `~text~` and `~~text~~` (only the latter with
 * STRIKETHROUGH_DOUBLE_TILDE) as `<del>`, the closing run as long as the opening one, and a run
 * of three or more tildes left as it is. markdown-it's own rule takes only `~~` and pairs runs of
 * any length, hence this one.
 */
export function strikethroughPlugin(md: MarkdownIt, options: { doubleTilde: boolean }): void {
  md.inline.ruler.before("emphasis", "gfm_strikethrough", (state: StateInline, silent: boolean) => {
    if (silent || state.src.charCodeAt(state.pos) !== TILDE) return false;
    const scanned = state.scanDelims(state.pos, true);
    const run = "~".repeat(scanned.length);
    state.pos += scanned.length;
    if (scanned.length > 2 || (options.doubleTilde && scanned.length === 1)) {
      state.pending += run;
      return true;
    }
    state.push("text", "", 0).content = run;
    state.delimiters.push({
      marker: scanned.length === 1 ? SINGLE_TILDE : TILDE,
      length: 0,
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    });
    return true;
  });

  const pairUp = (state: StateInline, delimiters: Delimiter[]) => {
    for (const opener of delimiters) {
      if ((opener.marker !== TILDE && opener.marker !== SINGLE_TILDE) || opener.end < 0) continue;
      const markup = opener.marker === TILDE ? "~~" : "~";
      const open = state.tokens[opener.token]!;
      const close = state.tokens[delimiters[opener.end]!.token]!;
      Object.assign(open, { type: "del_open", tag: "del", nesting: 1, markup, content: "" });
      Object.assign(close, { type: "del_close", tag: "del", nesting: -1, markup, content: "" });
    }
  };
  md.inline.ruler2.before("emphasis", "gfm_strikethrough", (state: StateInline) => {
    pairUp(state, state.delimiters);
    for (const meta of state.tokens_meta) if (meta?.delimiters) pairUp(state, meta.delimiters as Delimiter[]);
    return false;
  });
}
