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
import { kramdownListsPlugin } from "./kramdown/lists.js";
import { kramdownMarkupPlugin } from "./kramdown/markup.js";
import { kramdownMathPlugin } from "./kramdown/math.js";
import { kramdownTablesPlugin } from "./kramdown/tables.js";
import { JEKYLL_MARKDOWN_DEFAULTS, type MarkdownOptions } from "./kramdown/options.js";
import { taskListsPlugin } from "./kramdown/task-lists.js";
import { kramdownTypographyPlugin } from "./kramdown/typography.js";

export { JEKYLL_MARKDOWN_DEFAULTS, markdownOptionsFromJekyll, type JekyllMarkdownConfig, type MarkdownOptions } from "./kramdown/options.js";

/** A markdown-it set up to write what Jekyll's kramdown writes for these options. */
function kramdownLike(options: MarkdownOptions): MarkdownIt {
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
  kramdownFootnotesPlugin(md, { firstNumber: options.footnoteNr, backlink: options.footnoteBacklink, prefix: options.footnotePrefix });
  md.use(deflistPlugin);
  md.use(abbrPlugin);
  codePlugin(md, { rouge: options.syntaxHighlighter === "rouge", defaultLanguage: options.defaultLanguage });
  attributeListsPlugin(md);
  if (gfm) taskListsPlugin(md);
  kramdownTypographyPlugin(md, { quotes: options.smartQuotes, symbols: options.typographicSymbols });
  headerIdsPlugin(md, { auto: options.autoIds, prefix: options.autoIdPrefix, input: options.input });
  kramdownMarkupPlugin(md);
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
  if (!md) byValue.set(key, (md = kramdownLike(options)));
  byObject.set(options, md);
  return md;
}

/**
 * A post body as HTML, written the way Jekyll 4.3 writes it with kramdown for these options
 * (Jekyll's defaults unless given). What still differs from kramdown is listed in the README.
 */
export function markdownToHtml(source: string, options: MarkdownOptions = JEKYLL_MARKDOWN_DEFAULTS): string {
  return rendererFor(options).render(source, {});
}
