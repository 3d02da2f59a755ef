import { commonMarkOptionsFromJekyll, GITHUB_PAGES_GFM, type CommonMarkOptions, type MarkdownWarning, type Warn } from "./commonmark/options.js";
import { kramdownOptionsFromJekyll, type KramdownOptions } from "./kramdown/options.js";

export type { CommonMarkOptions, MarkdownWarning } from "./commonmark/options.js";

/** How a post body is rendered: the converter `_config.yml` names (`markdown:`) and its options. */
export type MarkdownOptions = KramdownOptions | CommonMarkOptions;

/** The keys of `_config.yml` that decide how Markdown becomes HTML. */
export interface JekyllMarkdownConfig {
  /** `markdown:`, the converter: kramdown (the default), CommonMark, CommonMarkGhPages, or GitHub Pages' GFM. */
  markdown?: unknown;
  /** `highlighter:`, Jekyll's fallback for `kramdown.syntax_highlighter`. */
  highlighter?: unknown;
  /** The `kramdown:` block. */
  kramdown?: unknown;
  /** The `commonmark:` block (jekyll-commonmark's `options` and `extensions`). */
  commonmark?: unknown;
}

const KNOWN = ["kramdown", "CommonMark", "CommonMarkGhPages", "GFM"];

/**
 * The converter Jekyll would find for `markdown:`: kramdown in any case (Jekyll downcases it),
 * the plugins' class names as written (Jekyll looks the class up by its exact name), and `GFM` in
 * any case (GitHub Pages turns it into CommonMarkGhPages). Any other name is a converter the
 * publisher does not have: kramdown renders, with a warning, as GitHub Pages does with a name it
 * does not take.
 */
function converterOf(markdown: unknown, warn: Warn): "kramdown" | "CommonMark" | "CommonMarkGhPages" | "GFM" {
  if (markdown === undefined || markdown === null) return "kramdown";
  if (typeof markdown === "string") {
    if (markdown.toLowerCase() === "kramdown") return "kramdown";
    if (markdown.toLowerCase() === "gfm") return "GFM";
    if (markdown === "CommonMark" || markdown === "CommonMarkGhPages") return markdown;
  }
  const near = typeof markdown === "string" ? KNOWN.find((name) => name.toLowerCase() === markdown.toLowerCase()) : undefined;
  warn({
    key: ["markdown"],
    message:
      `markdown: ${JSON.stringify(markdown)} is not a converter the publisher has (it renders ${KNOWN.join(", ")})` +
      (near ? `, and Jekyll does not find it either: it takes the name only as "${near}"` : "") +
      `; posts are rendered with kramdown, Jekyll's default`,
  });
  return "kramdown";
}

/**
 * MarkdownOptions from `_config.yml`, as Jekyll 4.3 (and GitHub Pages, for `markdown: GFM`) reads
 * it. A `kramdown:` value kramdown would refuse throws an Error that names the key; a converter
 * the publisher does not have, or a `commonmark:` entry jekyll-commonmark leaves out, is only
 * warned about (see markdownWarnings), and kramdown or the rest of the list is used.
 */
export function markdownOptionsFromJekyll(config: JekyllMarkdownConfig): MarkdownOptions {
  const converter = converterOf(config.markdown, () => {});
  if (converter === "GFM") return commonMarkOptionsFromJekyll("CommonMarkGhPages", GITHUB_PAGES_GFM);
  if (converter !== "kramdown") return commonMarkOptionsFromJekyll(converter, config.commonmark);
  return kramdownOptionsFromJekyll({ highlighter: config.highlighter, kramdown: config.kramdown });
}

/** What is said about the converter settings of `_config.yml` (an unknown `markdown:`, `commonmark:` entries left out), each with its key. */
export function markdownWarnings(config: Pick<JekyllMarkdownConfig, "markdown" | "commonmark">): MarkdownWarning[] {
  const warnings: MarkdownWarning[] = [];
  const warn: Warn = (warning) => warnings.push(warning);
  const converter = converterOf(config.markdown, warn);
  if (converter === "CommonMark" || converter === "CommonMarkGhPages") commonMarkOptionsFromJekyll(converter, config.commonmark, warn);
  return warnings;
}
