import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";

/*
 * kramdown's smart quotes and typographic symbols, ported from kramdown 2.4
 * (parser/kramdown/smart_quotes.rb, typographic_symbol.rb). markdown-it's own typographer follows
 * other rules (CommonMark flanking for quotes, (c) and +- replacements, no « »), so it stays off.
 * The regular expressions are kramdown's, with Ruby's meanings spelled out: \s and \w are ASCII,
 * \b and \B see every Unicode letter as a word character, $ is the end of a line.
 */

const WORD = String.raw`[\p{L}\p{M}\p{Nd}\p{Pc}]`;
const RUBY_B = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const RUBY_NOT_B = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
const SPACE = String.raw`[ \t\n\v\f\r]`;
const NOT_SPACE = String.raw`[^ \t\n\v\f\r]`;
const ASCII_WORD = "[A-Za-z0-9_]";
const END_OF_LINE = String.raw`(?![^\n])`;
const PUNCT = String.raw`[!"#$%'()*+,\-./:;<=>?@\[\\\]^_${"`"}{|}~]`;
const CLOSE = String.raw`[^ \\\t\r\n\[{(\-]`;

/** What a rule writes: a group's text as it is, one of the four quotes, or the quote a group holds, opening or closing. */
type Piece = { keep: number } | { quote: number } | { group: number; side: "open" | "close" };

// Indices into smart_quotes: ‘ ’ “ ”.
const LSQUO = 0;
const RSQUO = 1;
const LDQUO = 2;
const RDQUO = 3;
const keep = (group: number): Piece => ({ keep: group });
const open = (group: number): Piece => ({ group, side: "open" });
const close = (group: number): Piece => ({ group, side: "close" });
const q = (quote: number): Piece => ({ quote });

// kramdown's SQ_RULES, in its order: the first that matches where the scan stands wins.
const rule = (source: string, pieces: Piece[]): [RegExp, Piece[]] => [new RegExp(source, "uy"), pieces];
const rules = [
  rule(String.raw`(["'])(?=[_*]{1,2}${NOT_SPACE})`, [open(1)]),
  rule(String.raw`(["'])(?=${PUNCT}(?!\.\.)${RUBY_NOT_B})`, [close(1)]),
  rule(String.raw`(${SPACE}?)"'(?=${ASCII_WORD})`, [keep(1), q(LDQUO), q(LSQUO)]),
  rule(String.raw`(${SPACE}?)'"(?=${ASCII_WORD})`, [keep(1), q(LSQUO), q(LDQUO)]),
  rule(String.raw`(${SPACE}?)'(?=[0-9][0-9]s)`, [keep(1), q(RSQUO)]),
  rule(String.raw`(${SPACE})(["'])(?=${ASCII_WORD})`, [keep(1), open(2)]),
  rule(String.raw`(${CLOSE})(["'])`, [keep(1), close(2)]),
  rule(String.raw`(["'])(?=${SPACE}|s${RUBY_B}|${END_OF_LINE})`, [close(1)]),
  rule(String.raw`([\s\S]?)'`, [keep(1), q(LSQUO)]),
  rule(String.raw`([\s\S]?)"`, [keep(1), q(LDQUO)]),
];

// kramdown's TYPOGRAPHIC_SYMS, in its order. (`\<<` never reaches here: markdown-it takes `\<` as an escape.)
const symbols: Array<[string, string]> = [
  ["---", "—"], ["--", "–"], ["...", "…"], ["<< ", "«\u00a0"], [" >>", "\u00a0»"], ["<<", "«"], [">>", "»"],
];

/** Characters where a kramdown span parser other than smart quotes takes the scan (emphasis, code, link): a quote after one is seen on its own. */
const TAKEN = new Set(["*", "_", "`", "["]);
const isQuote = (char: string | undefined) => char === '"' || char === "'";
const MAYBE = /["'<>]|--|\.\.\./;

/**
 * The text of `s` between `start` and `end` with kramdown's typography. `s` may hold one character
 * of context on each side (what precedes and follows the text in the source), which rules look at
 * but which is not part of the result.
 */
export function kramdownTypography(s: string, start: number, end: number, quotes: readonly string[], withSymbols: boolean): string {
  let out = "";
  let textStart = start;
  const flush = (to: number) => {
    out += s.slice(textStart, to);
  };
  for (let p = start; p < end; ) {
    const char = s[p]!;
    if (TAKEN.has(char)) {
      p++;
      continue;
    }
    if (isQuote(char) || (char !== "\\" && p + 1 < end && isQuote(s[p + 1]))) {
      const rule = rules.find(([pattern]) => {
        pattern.lastIndex = p;
        return pattern.test(s) && pattern.lastIndex <= end;
      });
      if (rule) {
        const [pattern, pieces] = rule;
        pattern.lastIndex = p;
        const match = pattern.exec(s)!;
        flush(p);
        for (const piece of pieces) {
          if ("keep" in piece) out += match[piece.keep] ?? "";
          else if ("quote" in piece) out += quotes[piece.quote];
          else {
            const double = match[piece.group] === '"';
            out += quotes[piece.side === "open" ? (double ? LDQUO : LSQUO) : double ? RDQUO : RSQUO];
          }
        }
        p = textStart = pattern.lastIndex;
        continue;
      }
    }
    if (withSymbols) {
      const symbol = symbols.find(([from]) => s.startsWith(from, p) && p + from.length <= end);
      if (symbol) {
        flush(p);
        out += symbol[1];
        p = textStart = p + symbol[0].length;
        continue;
      }
    }
    p++;
  }
  flush(end);
  return out;
}

/** The source character just after an inline token: what kramdown's scan would see next. */
function firstCharOf(token: Token | undefined): string {
  if (!token) return "";
  switch (token.type) {
    case "text_special":
      return token.info === "escape" ? "\\" : "&";
    case "html_inline":
      return "<";
    case "hardbreak":
      return " ";
    case "link_open":
      return token.markup === "autolink" ? "<" : "[";
    case "link_close":
      return "]";
    case "image":
      return "!";
    case "footnote_ref":
      return "[";
    default:
      return token.markup[0] ?? "";
  }
}

/** Elements whose content kramdown's HTML parser keeps raw: no typography inside them. */
const RAW_ELEMENT = /^<(script|style|math|option|textarea|pre|code|kbd|samp|var)(?=[\s>])(?![^>]*\/>)/i;

function typesetInline(children: Token[], quotes: readonly string[], withSymbols: boolean): void {
  let rawUntil: RegExp | undefined;
  let inAutolink = false;
  for (let i = 0; i < children.length; ) {
    const token = children[i]!;
    if (rawUntil || inAutolink || token.type !== "text") {
      if (rawUntil && token.type === "html_inline" && rawUntil.test(token.content)) rawUntil = undefined;
      else if (!rawUntil && token.type === "html_inline") {
        const raw = RAW_ELEMENT.exec(token.content);
        if (raw) rawUntil = new RegExp(`^</${raw[1]}\\s*>`, "i");
      } else if (token.type === "link_open" && token.markup === "autolink") inAutolink = true;
      else if (token.type === "link_close" && inAutolink) inAutolink = false;
      i++;
      continue;
    }
    // A run of text and soft breaks is one piece of text to kramdown.
    let j = i;
    const parts: string[] = [];
    while (j < children.length && (children[j]!.type === "text" || children[j]!.type === "softbreak")) {
      parts.push(children[j]!.type === "text" ? children[j]!.content : "\n");
      j++;
    }
    const text = parts.join("");
    if (MAYBE.test(text)) {
      // After a hard break kramdown still sees the newline; before the next token, its first character.
      const before = children[i - 1]?.type === "hardbreak" ? "\n" : "";
      const after = firstCharOf(children[j]);
      const typeset = kramdownTypography(before + text + after, before.length, before.length + text.length, quotes, withSymbols);
      // Replacements never touch a newline, so the lines map back onto the text tokens one to one.
      const lines = typeset.split("\n");
      let line = 0;
      for (let k = i; k < j; k++) {
        if (children[k]!.type === "text") children[k]!.content = lines[line]!;
        else line++;
      }
    }
    i = j;
  }
}

/** Adds kramdown's typography as a core rule; it must run after markdown-it-attrs has taken its `{: …}` text. */
export function kramdownTypographyPlugin(md: MarkdownIt, options: { quotes: readonly string[]; symbols: boolean }): void {
  // kramdown reads `<<` as « before it looks for a tag: `<<a>>` is «a», not `<` and an <a> element.
  if (options.symbols) {
    md.inline.ruler.before("html_inline", "kramdown_guillemet", (state: StateInline, silent: boolean) => {
      if (!state.src.startsWith("<<", state.pos)) return false;
      if (!silent) state.pending += "<<";
      state.pos += 2;
      return true;
    });
  }
  md.core.ruler.before("linkify", "kramdown_typography", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) typesetInline(token.children, options.quotes, options.symbols);
    }
  });
}
