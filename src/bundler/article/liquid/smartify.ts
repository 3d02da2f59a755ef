import MarkdownIt from "markdown-it";

/**
 * Jekyll's `smartify`: kramdown's SmartyPants reading of a text, which makes quotes curly and
 * `--`, `---`, `...`, `<<`, `>>` typographic, keeps HTML tags and entities, and escapes `&`,
 * `<` and `>` in the text. Hand-written because its quote rules (RubyPants', as kramdown orders
 * them) are what Jekyll sites show, and markdown-it's typographer follows other rules. Ruby's
 * `\s` and `\w` are ASCII-only, as here; its `\b` is not, where this one's is (`'s博` and `".é`
 * differ from Jekyll: kramdown/typography.ts has the rules with Ruby's `\b`, not yet shared here).
 */

const SPACE = "[ \\t\\r\\n\\f\\v]";
const PUNCT = "[!\"#$%'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]";
const CLOSE = "[^ \\\\\\t\\r\\n\\[{(\\-]";

const LEFT = { "'": "\u2018", '"': "\u201c" } as const;
const RIGHT = { "'": "\u2019", '"': "\u201d" } as const;
type Quote = keyof typeof LEFT;

/** Each rule: where it matches (sticky, at the character before the quote or the quote), and what it writes, in order: a group's text, or a quote. */
type Part = { group: number } | { left: number } | { right: number } | { char: string };
const RULES: [RegExp, Part[]][] = [
  [new RegExp(`("|')(?=[_*]{1,2}[^ \\t\\r\\n\\f\\v])`, "y"), [{ left: 1 }]],
  [new RegExp(`("|')(?=${PUNCT}(?!\\.\\.)\\B)`, "y"), [{ right: 1 }]],
  [new RegExp(`(${SPACE}?)"'(?=\\w)`, "y"), [{ group: 1 }, { char: LEFT['"'] }, { char: LEFT["'"] }]],
  [new RegExp(`(${SPACE}?)'"(?=\\w)`, "y"), [{ group: 1 }, { char: LEFT["'"] }, { char: LEFT['"'] }]],
  [new RegExp(`(${SPACE}?)'(?=\\d\\ds)`, "y"), [{ group: 1 }, { char: RIGHT["'"] }]],
  [new RegExp(`(${SPACE})('|")(?=\\w)`, "y"), [{ group: 1 }, { left: 2 }]],
  [new RegExp(`(${CLOSE})('|")`, "y"), [{ group: 1 }, { right: 2 }]],
  [new RegExp(`("|')(?=${SPACE}|s\\b|$)`, "y"), [{ right: 1 }]],
  [/([^]?)'/y, [{ group: 1 }, { char: LEFT["'"] }]],
  [/([^]?)"/y, [{ group: 1 }, { char: LEFT['"'] }]],
];

const QUOTE_START = /[^\\]?["']/y;
const SYMBOL = /---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>/y;
const SYMBOL_START = /--|\.\.\.|(?:\\| )?(?:<<|>>)/y;
const SYMBOLS: Record<string, string> = {
  "---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;", "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb",
};
const ENTITY = /&([\w:][\w.:-]*);|&#(\d+);|&#x([0-9a-fA-F]+);/y;
const TAG = /<!--[^]*?-->|<\?[^]*?\?>|<\/[A-Za-z][\w:.-]*\s*>|<[A-Za-z][\w:.-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y;

const decodeEntity = new MarkdownIt("zero").utils.unescapeAll;

function at(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** What an entity writes: the character, except `&`, `<` and `>`, which stay as written; an unknown name is text. */
function entityText(written: string): string {
  const char = decodeEntity(written);
  if (char === written) return `&amp;${escapeText(written.slice(1))}`;
  return char === "&" || char === "<" || char === ">" ? written : char;
}

/** The first of kramdown's quote rules that matches at `index`. */
function quoteRule(text: string, index: number): { match: RegExpExecArray; parts: Part[] } | undefined {
  for (const [rule, parts] of RULES) {
    const match = at(rule, text, index);
    if (match) return { match, parts };
  }
  return undefined;
}

function startsSpan(text: string, index: number): boolean {
  const char = text[index];
  return char === "&" || char === "<" || at(QUOTE_START, text, index) !== null || at(SYMBOL_START, text, index) !== null;
}

export function smartify(source: string): string {
  const text = source.replace(/\r\n?/g, "\n");
  let out = "";
  let i = 0;
  while (i < text.length) {
    let start = i;
    while (start < text.length && !startsSpan(text, start)) start++;
    out += escapeText(text.slice(i, start));
    i = start;
    if (i >= text.length) break;
    const quote = at(QUOTE_START, text, i) ? quoteRule(text, i) : undefined;
    if (quote) {
      const { match, parts } = quote;
      for (const part of parts) {
        if ("group" in part) out += escapeText(match[part.group]!);
        else if ("char" in part) out += part.char;
        else if ("left" in part) out += LEFT[match[part.left] as Quote];
        else out += RIGHT[match[part.right] as Quote];
      }
      i += match[0].length;
      continue;
    }
    const entity = at(ENTITY, text, i);
    if (entity) {
      out += entityText(entity[0]);
      i += entity[0].length;
      continue;
    }
    const symbol = at(SYMBOL, text, i);
    if (symbol) {
      out += SYMBOLS[symbol[0]]!;
      i += symbol[0].length;
      continue;
    }
    const tag = at(TAG, text, i);
    if (tag) {
      out += tag[0];
      i += tag[0].length;
      continue;
    }
    out += escapeText(text[i]!);
    i++;
  }
  return out.replace(/\n$/, "");
}
