/** The cmark-gfm extensions commonmarker 0.23 has, by the names `commonmark.extensions` takes. */
export const COMMONMARK_EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] as const;
export type CommonMarkExtension = (typeof COMMONMARK_EXTENSIONS)[number];

/** commonmarker 0.23's parse and render options (CommonMarker::Config::OPTS), the names `commonmark.options` takes. */
const COMMONMARK_OPTION_NAMES = new Set([
  "DEFAULT", "SOURCEPOS", "UNSAFE", "VALIDATE_UTF8", "SMART", "LIBERAL_HTML_TAG", "FOOTNOTES", "STRIKETHROUGH_DOUBLE_TILDE",
  "HARDBREAKS", "NOBREAKS", "GITHUB_PRE_LANG", "TABLE_PREFER_STYLE_ATTRIBUTES", "FULL_INFO_STRING",
]);

/**
 * How jekyll-commonmark 1.4 (`markdown: CommonMark`) or jekyll-commonmark-ghpages 0.5
 * (`markdown: CommonMarkGhPages`, and GitHub Pages' `markdown: GFM`) renders: the `commonmark:`
 * block of `_config.yml`. Options that change nothing a reader sees (SOURCEPOS, VALIDATE_UTF8,
 * LIBERAL_HTML_TAG, GITHUB_PRE_LANG, TABLE_PREFER_STYLE_ATTRIBUTES, FULL_INFO_STRING) are not kept.
 */
export interface CommonMarkOptions {
  /** The converter: they differ in heading ids (ghpages only) and code block markup. */
  converter: "CommonMark" | "CommonMarkGhPages";
  /** `commonmark.extensions`; none by default. */
  extensions: Readonly<Record<CommonMarkExtension, boolean>>;
  /** `UNSAFE`: raw HTML is written as it is; without it (the default) each piece becomes `<!-- raw HTML omitted -->`. */
  unsafe: boolean;
  /** `SMART`: curly quotes, `--` and `---` as dashes, `...` as an ellipsis. */
  smart: boolean;
  /** `HARDBREAKS`: every line break in a paragraph is a `<br />`. */
  hardBreaks: boolean;
  /** `NOBREAKS`: a line break in a paragraph is a space (HARDBREAKS wins). */
  noBreaks: boolean;
  /** `FOOTNOTES`: `text[^1]` and `[^1]: note`. */
  footnotes: boolean;
  /** `STRIKETHROUGH_DOUBLE_TILDE`: only `~~text~~` strikes through, not `~text~`. */
  doubleTilde: boolean;
}

/** Something jekyll-commonmark or the publisher says about a setting, and the key path in `_config.yml` it is about. */
export interface MarkdownWarning {
  key: readonly (string | number)[];
  message: string;
}
export type Warn = (warning: MarkdownWarning) => void;

/** GitHub Pages' `markdown: GFM`: CommonMarkGhPages with this `commonmark:` block, whatever the site's (github-pages' Configuration). */
export const GITHUB_PAGES_GFM = Object.freeze({ extensions: ["table", "strikethrough", "autolink", "tagfilter"], options: ["unsafe", "footnotes"] });

/**
 * A list of names as jekyll-commonmark reads it (`list.collect { … }` under `rescue NoMethodError`):
 * anything but a list of strings is no list at all, and a name it does not know is left out with a warning.
 */
function namesOf(value: unknown, key: string, valid: (name: string) => boolean, what: string, warn: Warn): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    warn({ key: ["commonmark", key], message: `commonmark.${key} should be a list of ${what} names, not ${JSON.stringify(value)}: none is used, as jekyll-commonmark does` });
    return [];
  }
  return value.filter((name: string, index) => {
    if (valid(name)) return true;
    warn({ key: ["commonmark", key, index], message: `commonmark.${key}: ${JSON.stringify(name)} is not a valid ${what}; jekyll-commonmark leaves it out, and so does the publisher` });
    return false;
  });
}

/** CommonMarkOptions from the `commonmark:` block, as jekyll-commonmark 1.4 reads it: it never fails, it warns. */
export function commonMarkOptionsFromJekyll(converter: CommonMarkOptions["converter"], block: unknown, warn: Warn = () => {}): CommonMarkOptions {
  const record = typeof block === "object" && block !== null && !Array.isArray(block) ? (block as Record<string, unknown>) : {};
  if (block !== undefined && block !== null && record !== block) {
    warn({ key: ["commonmark"], message: `commonmark should be a mapping with options and extensions, not ${JSON.stringify(block)}: it is not used, as in jekyll-commonmark` });
  }
  // options are upcased (`unsafe` is UNSAFE); extension names are taken as written
  const options = new Set(namesOf(record.options, "options", (name) => COMMONMARK_OPTION_NAMES.has(name.toUpperCase()), "option", warn).map((name) => name.toUpperCase()));
  const extensions = new Set(namesOf(record.extensions, "extensions", (name) => (COMMONMARK_EXTENSIONS as readonly string[]).includes(name), "extension", warn));
  return Object.freeze({
    converter,
    extensions: Object.freeze(Object.fromEntries(COMMONMARK_EXTENSIONS.map((name) => [name, extensions.has(name)])) as Record<CommonMarkExtension, boolean>),
    unsafe: options.has("UNSAFE"),
    smart: options.has("SMART"),
    hardBreaks: options.has("HARDBREAKS"),
    noBreaks: options.has("NOBREAKS"),
    footnotes: options.has("FOOTNOTES"),
    doubleTilde: options.has("STRIKETHROUGH_DOUBLE_TILDE"),
  });
}
