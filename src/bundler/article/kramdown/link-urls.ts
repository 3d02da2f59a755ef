import type { MarkdownIt, StateInline } from "markdown-it";

/** Longer than any URL: kramdown looks to the end of the text. */
const MAX_URL = 4096;

/**
 * The `(url "title")` after a link's text as kramdown reads it (parser/kramdown/link.rb): up to
 * the `)` that balances the opening `(`, spaces and all, or up to white space before a quoted
 * title. Undefined when the parentheses do not balance within MAX_URL characters (a text of
 * many unclosed ones stays linear).
 */
function kramdownDestination(src: string, open: number, max: number): { url: string; title?: string; end: number } | undefined {
  let depth = 0;
  const limit = Math.min(max, open + MAX_URL);
  for (let i = open; i < limit; i++) {
    const char = src[i]!;
    if (char === "(") depth++;
    else if (char === ")") {
      if (--depth === 0) return { url: src.slice(open + 1, i).trim(), end: i + 1 };
    } else if (/\s/.test(char) && /['"]/.test(src[i + 1] ?? "")) {
      const title = /^\s*?(["'])([^]+?)\1\s*?\)/.exec(src.slice(i, max));
      return title ? { url: src.slice(open + 1, i).trim(), title: title[2]!, end: i + title[0].length } : undefined;
    }
  }
  return undefined;
}

const lastEnds = new WeakMap<StateInline, number>();

/**
 * Links and images whose URL CommonMark refuses but kramdown takes, `[text](some page)`,
 * `![x](a b.png)` or a `javascript:` one: tried after markdown-it's own rules have declined the `[`.
 */
function kramdownLink(state: StateInline, silent: boolean): boolean {
  const image = state.src.startsWith("![", state.pos);
  const start = image ? state.pos + 1 : state.pos;
  if (state.src.charCodeAt(start) !== 0x5b /* [ */ || (!image && state.linkLevel > 0)) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, !image);
  if (labelEnd < 0 || state.src.charCodeAt(labelEnd + 1) !== 0x28 /* ( */) return false;
  // past the text's last `)` and quote, no destination can end
  let last = lastEnds.get(state);
  if (last === undefined) lastEnds.set(state, (last = Math.max(...[")", '"', "'"].map((c) => state.src.lastIndexOf(c)))));
  if (labelEnd + 1 > last) return false;
  const destination = kramdownDestination(state.src, labelEnd + 1, state.posMax);
  if (!destination) return false;
  // kramdown links any URL (`javascript:` too); the sanitizer drops such an href, the text stays a link's
  const href = state.md.normalizeLink(destination.url);
  if (!silent) {
    if (image) {
      const children: ReturnType<StateInline["push"]>[] = [];
      const content = state.src.slice(start + 1, labelEnd);
      state.md.inline.parse(content, state.md, state.env, children);
      const token = state.push("image", "img", 0);
      token.attrs = [["src", href], ["alt", ""], ...(destination.title ? [["title", destination.title] as [string, string]] : [])];
      token.children = children;
      token.content = content;
    } else {
      const max = state.posMax;
      state.pos = start + 1;
      state.posMax = labelEnd;
      state.push("link_open", "a", 1).attrs = [["href", href], ...(destination.title ? [["title", destination.title] as [string, string]] : [])];
      state.linkLevel++;
      state.md.inline.tokenize(state);
      state.linkLevel--;
      state.push("link_close", "a", -1);
      state.posMax = max;
    }
  }
  state.pos = destination.end;
  return true;
}

export function kramdownLinkUrlsPlugin(md: MarkdownIt): void {
  md.inline.ruler.after("image", "kramdown_link_url", kramdownLink);
}
