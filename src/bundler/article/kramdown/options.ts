import markdownIt from "markdown-it";
import { isMapping } from "../../site/site-yaml.js";

/** How kramdown renders a post body: the part of Jekyll's `_config.yml` (`kramdown:`, `highlighter:`) that changes the HTML. */
export interface KramdownOptions {
  converter: "kramdown";
  /** kramdown's `input`: `GFM` (Jekyll's default) or `kramdown`; they differ in header ids, fences, `~~`, task lists, hard_wrap. */
  input: "GFM" | "kramdown";
  /** `auto_ids`: headings get an id made from their text. */
  autoIds: boolean;
  /** `auto_id_prefix`: put before every automatic id. */
  autoIdPrefix: string;
  /** `smart_quotes`, as the four characters for ‘ ’ “ ”. */
  smartQuotes: readonly [string, string, string, string];
  /** `--`, `---`, `...`, `<<`, `>>` become – — … « »; off with `gfm_quirks: [no_auto_typographic]`. */
  typographicSymbols: boolean;
  /** `hard_wrap` (GFM input only): every line break in a paragraph is a `<br>`. */
  hardWrap: boolean;
  /** `footnote_nr`: the number of the first footnote. */
  footnoteNr: number;
  /** `footnote_backlink`: the HTML of the link from a footnote back to its reference; empty for none. */
  footnoteBacklink: string;
  /** `footnote_prefix`: put before footnote names in their ids. */
  footnotePrefix: string;
  /** `syntax_highlighter`: `rouge` (Jekyll's default; only its classes are kept, not its colouring spans) or off. */
  syntaxHighlighter: "rouge" | null;
  /** `syntax_highlighter_opts.default_lang`: with rouge, the language of a code block that names none. */
  defaultLanguage: string;
  /** `math_engine`: `mathjax` (kramdown's default: `\(…\)`, `\[…\]`) or none (kramdown's `kdmath` markup; also for an engine this machine would lack). */
  mathEngine: "mathjax" | null;
}

/** What Jekyll 4.3 renders with when `_config.yml` says nothing (its Configuration::DEFAULTS and kramdown's own). */
export const JEKYLL_MARKDOWN_DEFAULTS: KramdownOptions = Object.freeze({
  converter: "kramdown",
  input: "GFM",
  autoIds: true,
  autoIdPrefix: "",
  smartQuotes: Object.freeze(["‘", "’", "“", "”"]) as readonly [string, string, string, string],
  typographicSymbols: true,
  hardWrap: false,
  footnoteNr: 1,
  footnoteBacklink: "&#8617;",
  footnotePrefix: "",
  syntaxHighlighter: "rouge",
  defaultLanguage: "plaintext",
  mathEngine: "mathjax",
});

const { unescapeAll } = markdownIt().utils;

function fail(key: string, value: unknown, expected: string): never {
  throw new Error(`_config.yml ${key}: ${JSON.stringify(value)} is not ${expected}`);
}

function booleanOf(key: string, value: unknown): boolean {
  // kramdown's Boolean options also take the strings "true" and "false".
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return fail(key, value, "true or false");
}

function stringOf(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return fail(key, value, "a string");
}

/** One of smart_quotes' four: an HTML entity name (`ldquo`) or a code point (`8220`), as kramdown takes them. */
function quoteOf(key: string, item: unknown): string {
  const text = typeof item === "number" ? String(item) : typeof item === "string" ? item.trim() : "";
  if (/^\d+$/.test(text)) {
    const codePoint = Number(text);
    if (codePoint > 0 && codePoint <= 0x10ffff) return String.fromCodePoint(codePoint);
  } else if (/^[A-Za-z][A-Za-z0-9]*$/.test(text)) {
    const char = unescapeAll(`&${text};`);
    if (char !== `&${text};`) return char;
  }
  return fail(key, item, "an HTML entity name (like ldquo) or a code point (like 8220)");
}

function smartQuotesOf(value: unknown): KramdownOptions["smartQuotes"] {
  const key = "kramdown.smart_quotes";
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : fail(key, value, "four entity names, like lsquo,rsquo,ldquo,rdquo");
  if (items.length !== 4) fail(key, value, "four entity names, like lsquo,rsquo,ldquo,rdquo");
  const [a, b, c, d] = items.map((item) => quoteOf(key, item));
  return [a!, b!, c!, d!];
}

function inputOf(value: unknown): KramdownOptions["input"] {
  // Jekyll capitalises the first letter and looks for a parser of that name: "GFM", "kramdown", "Kramdown".
  if (value === "GFM") return "GFM";
  if (value === "kramdown" || value === "Kramdown") return "kramdown";
  return fail("kramdown.input", value, 'a parser this publisher has: "GFM" or "kramdown"');
}

/** kramdown knows rouge and coderay; any other name (`none` by custom) finds no highlighter, so code is left plain. */
function highlighterOf(key: string, value: unknown): "rouge" | null {
  if (typeof value !== "string") return fail(key, value, 'a highlighter name: "rouge", or "none" for plain code');
  if (value === "coderay") return fail(key, value, 'rouge or none: coderay\'s markup is not rendered');
  return value === "rouge" ? "rouge" : null;
}


/**
 * KramdownOptions from `_config.yml`, as Jekyll 4.3 reads it: unset keys take Jekyll's defaults,
 * keys that change nothing here (toc_levels, entity_output, guess_lang, show_warnings, ...) are
 * ignored, and a value Jekyll or kramdown would refuse throws an Error that names the key.
 */
export function kramdownOptionsFromJekyll(config: { highlighter?: unknown; kramdown?: unknown }): KramdownOptions {
  const { highlighter, kramdown = {} } = config;
  if (kramdown === null) return JEKYLL_MARKDOWN_DEFAULTS;
  if (!isMapping(kramdown)) fail("kramdown", kramdown, "a mapping of kramdown options");
  const own = (key: string): unknown => (Object.hasOwn(kramdown, key) ? kramdown[key] : undefined);
  const options: KramdownOptions = { ...JEKYLL_MARKDOWN_DEFAULTS };

  if (own("input") !== undefined) options.input = inputOf(own("input"));
  if (own("auto_ids") !== undefined) options.autoIds = booleanOf("kramdown.auto_ids", own("auto_ids"));
  if (own("auto_id_prefix") != null) options.autoIdPrefix = stringOf("kramdown.auto_id_prefix", own("auto_id_prefix"));
  if (own("smart_quotes") != null) options.smartQuotes = smartQuotesOf(own("smart_quotes"));
  if (own("hard_wrap") !== undefined) options.hardWrap = booleanOf("kramdown.hard_wrap", own("hard_wrap"));
  if (own("footnote_nr") !== undefined) {
    const nr = own("footnote_nr");
    const number = typeof nr === "string" && /^\s*-?\d+\s*$/.test(nr) ? Number(nr) : nr;
    if (typeof number !== "number" || !Number.isSafeInteger(number)) fail("kramdown.footnote_nr", nr, "a whole number");
    options.footnoteNr = number;
  }
  if (own("footnote_backlink") != null) options.footnoteBacklink = stringOf("kramdown.footnote_backlink", own("footnote_backlink"));
  if (own("footnote_prefix") != null) options.footnotePrefix = stringOf("kramdown.footnote_prefix", own("footnote_prefix"));
  if (own("gfm_quirks") != null) {
    const quirks = own("gfm_quirks");
    const list = typeof quirks === "string" ? quirks.split(",") : Array.isArray(quirks) ? quirks : fail("kramdown.gfm_quirks", quirks, "a list of quirk names");
    options.typographicSymbols = !list.some((quirk) => String(quirk).trim() === "no_auto_typographic");
  }

  if (own("math_engine") !== undefined) options.mathEngine = own("math_engine") === "mathjax" ? "mathjax" : null;

  // Jekyll: kramdown.syntax_highlighter, else highlighter, else rouge (Ruby's ||=, so false counts as unset);
  // syntax_highlighter_opts.disable turns it off.
  const set = (value: unknown) => value !== undefined && value !== null && value !== false;
  if (set(own("syntax_highlighter"))) options.syntaxHighlighter = highlighterOf("kramdown.syntax_highlighter", own("syntax_highlighter"));
  else if (set(highlighter)) options.syntaxHighlighter = highlighterOf("highlighter", highlighter);
  const highlighterOptions = own("syntax_highlighter_opts");
  if (isMapping(highlighterOptions)) {
    if (highlighterOptions.disable !== undefined && booleanOf("kramdown.syntax_highlighter_opts.disable", highlighterOptions.disable)) options.syntaxHighlighter = null;
    const language = highlighterOptions.default_lang;
    if (language != null) {
      if (typeof language !== "string" || !/^[\w+#.-]+$/.test(language)) fail("kramdown.syntax_highlighter_opts.default_lang", language, "a language name, like plaintext or ruby");
      options.defaultLanguage = language;
    }
  }
  return Object.freeze(options);
}
