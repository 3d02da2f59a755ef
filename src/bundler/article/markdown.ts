/// <reference path="./kramdown/plugins.d.ts" />
import markdownIt, { type MarkdownIt } from "markdown-it";
import abbrPlugin from "markdown-it-abbr";
import cjkFriendlyPlugin from "markdown-it-cjk-friendly";
import deflistPlugin from "markdown-it-deflist";
import { attributeListsPlugin } from "./kramdown/attribute-lists.js";
import { codePlugin } from "./kramdown/code.js";
import { blockExtensionsPlugin } from "./kramdown/extensions.js";
import { kramdownFootnotesPlugin } from "./kramdown/footnotes.js";
import { headerIdsPlugin } from "./kramdown/header-ids.js";
import { kramdownCodeSpansPlugin } from "./kramdown/code-spans.js";
import { kramdownEmphasisPlugin } from "./kramdown/emphasis.js";
import { kramdownEscapesPlugin } from "./kramdown/escapes.js";
import { kramdownHtmlBlocksPlugin } from "./kramdown/html-blocks.js";
import { kramdownLinkUrlsPlugin } from "./kramdown/link-urls.js";
import { kramdownListsPlugin } from "./kramdown/lists.js";
import { kramdownMarkupPlugin } from "./kramdown/markup.js";
import { kramdownTocPlugin } from "./kramdown/toc.js";
import { kramdownMathPlugin } from "./kramdown/math.js";
import { kramdownTablesPlugin } from "./kramdown/tables.js";
import { JEKYLL_MARKDOWN_DEFAULTS, type KramdownOptions } from "./kramdown/options.js";
import { taskListsPlugin } from "./kramdown/task-lists.js";
import { kramdownTypographyPlugin } from "./kramdown/typography.js";
import { autolinksPlugin } from "./commonmark/autolinks.js";
import { footnotesPlugin } from "./commonmark/footnotes.js";
import { ghPagesHeaderIdsPlugin } from "./commonmark/header-ids.js";
import { commonMarkMarkupPlugin } from "./commonmark/markup.js";
import type { CommonMarkOptions } from "./commonmark/options.js";
import { rawHtmlPlugin } from "./commonmark/raw-html.js";
import { smartPunctuationPlugin } from "./commonmark/smart.js";
import { strikethroughPlugin } from "./commonmark/strikethrough.js";
import { taskListsPlugin as gfmTaskListsPlugin } from "./commonmark/task-lists.js";
import { textRulePlugin } from "./commonmark/text-rule.js";
import type { MarkdownOptions } from "./converter.js";

export { JEKYLL_MARKDOWN_DEFAULTS, type KramdownOptions } from "./kramdown/options.js";
export { markdownOptionsFromJekyll, markdownWarnings, type CommonMarkOptions, type JekyllMarkdownConfig, type MarkdownOptions, type MarkdownWarning } from "./converter.js";

/** A markdown-it set up to write what Jekyll's kramdown writes for these options. */
function kramdownLike(options: KramdownOptions): MarkdownIt {
  const gfm = options.input === "GFM";
  // Raw HTML is on because eastmoney bodies are half HTML; the sanitizer decides what survives.
  const md = markdownIt({ html: true, linkify: false, typographer: false, breaks: gfm && options.hardWrap });
  if (!gfm) md.disable("strikethrough");
  // kramdown takes `**“引号”**后` as bold; CommonMark's flanking rules do not, unless amended for CJK text
  // (for `~~`; kramdownEmphasisPlugin decides for `*` and `_` by kramdown's own rules).
  md.use(cjkFriendlyPlugin);
  blockExtensionsPlugin(md);
  kramdownHtmlBlocksPlugin(md);
  kramdownListsPlugin(md, { gfm });
  kramdownMathPlugin(md, { engine: options.mathEngine });
  kramdownEmphasisPlugin(md);
  kramdownEscapesPlugin(md, { gfm });
  kramdownCodeSpansPlugin(md);
  kramdownTablesPlugin(md);
  kramdownLinkUrlsPlugin(md);
  kramdownFootnotesPlugin(md, { firstNumber: options.footnoteNr, backlink: options.footnoteBacklink, prefix: options.footnotePrefix });
  md.use(deflistPlugin);
  md.use(abbrPlugin);
  codePlugin(md, { rouge: options.syntaxHighlighter === "rouge", defaultLanguage: options.defaultLanguage });
  attributeListsPlugin(md);
  if (gfm) taskListsPlugin(md);
  kramdownTypographyPlugin(md, { quotes: options.smartQuotes, symbols: options.typographicSymbols });
  headerIdsPlugin(md, { auto: options.autoIds, prefix: options.autoIdPrefix, input: options.input });
  kramdownMarkupPlugin(md);
  kramdownTocPlugin(md);
  return md;
}

/**
 * A markdown-it set up to write what jekyll-commonmark (commonmarker 0.23, cmark-gfm 0.29) or
 * jekyll-commonmark-ghpages writes for these options: CommonMark, without kramdown's additions,
 * and the GFM extensions `commonmark.extensions` names.
 */
function commonMarkLike(options: CommonMarkOptions): MarkdownIt {
  const { extensions } = options;
  // nesting as deep as the kramdown path allows (the preset's 20 would flatten deep lists cmark keeps)
  const md = markdownIt("commonmark", { maxNesting: 100, breaks: options.hardBreaks });
  // commonmarker's Ruby renderer links any URL (`javascript:` too); the sanitizer drops such hrefs, keeping the text a link
  md.validateLink = () => true;
  if (extensions.table) md.enable("table");
  if (extensions.strikethrough) strikethroughPlugin(md, { doubleTilde: options.doubleTilde });
  if (extensions.autolink) autolinksPlugin(md);
  if (extensions.tasklist) gfmTaskListsPlugin(md);
  if (options.footnotes) footnotesPlugin(md);
  if (options.smart) smartPunctuationPlugin(md);
  const stops = [extensions.autolink ? String.raw`www\.` : "", options.smart ? `["']` : ""].filter(Boolean);
  if (stops.length) textRulePlugin(md, stops);
  rawHtmlPlugin(md, { unsafe: options.unsafe, tagfilter: extensions.tagfilter });
  commonMarkMarkupPlugin(md, { ghPages: options.converter === "CommonMarkGhPages", noBreaks: options.noBreaks });
  if (options.converter === "CommonMarkGhPages") ghPagesHeaderIdsPlugin(md);
  return md;
}

// One markdown-it per set of options: by object first, then by value (options made afresh per post).
const byObject = new WeakMap<MarkdownOptions, MarkdownIt>();
const byValue = new Map<string, MarkdownIt>();

function rendererFor(options: MarkdownOptions): MarkdownIt {
  let md = byObject.get(options);
  if (md) return md;
  const key = JSON.stringify(options);
  md = byValue.get(key);
  if (!md) byValue.set(key, (md = options.converter === "kramdown" ? kramdownLike(options) : commonMarkLike(options)));
  byObject.set(options, md);
  return md;
}

/**
 * A post body as HTML, written the way Jekyll 4.3 writes it with the converter and options given
 * (kramdown with Jekyll's defaults unless given). What still differs is listed in docs/posts.md.
 */
export function markdownToHtml(source: string, options: MarkdownOptions = JEKYLL_MARKDOWN_DEFAULTS): string {
  return rendererFor(options).render(source, {});
}
