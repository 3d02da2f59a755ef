import { cleanArticleHtml, type CleanedArticle } from "../article/clean.js";
import { strippedText } from "../article/plain-text.js";
import { LiquidError, renderLiquid } from "../article/liquid.js";
import { markdownToHtml, type MarkdownOptions } from "../article/markdown.js";
import { sanitizeArticleHtml } from "../article/sanitize.js";
import { escapeXml } from "../../escape.js";
import type { Site } from "../../site.js";
import type { SiteConfig } from "../site/config.js";
import type { PostUses, SiteIndex } from "./site-index.js";

/**
 * HTML parsers look a closing tag up among the open ones, so a body nested n deep costs n² to
 * parse: deeper than this is refused (real articles stay within a few dozen levels).
 */
export const MAX_NESTING = 500;
const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** How deep tags nest in `html`, counted as written (open minus closed), stopping once past `limit`. */
export function nestingDepth(html: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (const [, close, name, selfClosing] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    if (close) depth = Math.max(0, depth - 1);
    else if (!selfClosing && !VOID_TAGS.has(name!.toLowerCase())) deepest = Math.max(deepest, ++depth);
    if (deepest > limit) break;
  }
  return deepest;
}

/** Where a site that names no `url` is taken to be while its links are resolved: they are written from the root. */
const LOCAL_ORIGIN = "https://site.invalid";

/** Everything a post's body is made with, besides itself. */
export interface BodyContext {
  config: SiteConfig;
  site: Site;
  root: string;
  markdown: MarkdownOptions;
  /** `site.*` for Liquid, made once per build (see LiquidInput.site). */
  liquidSite: Record<string, unknown>;
  /** The site's other posts; absent in the first round, when no post has been placed yet. */
  index?: SiteIndex;
}

/** A post's body, ready to serve. */
export interface Body {
  contentHtml: string;
  /** Plain text: `description`, else the archive's `> digest`, else the excerpt, as jekyll-feed writes its summary; else the body's text. */
  summary: string;
  sourceUrl?: string;
  /** What its Liquid read of the site, when it has Liquid. */
  uses?: PostUses;
  warnings: { message: string; line?: number }[];
}

export interface BodyInput {
  file: string;
  /** The post's text after its front matter, and the line it starts on. */
  text: string;
  bodyLine: number;
  markup: "markdown" | "html";
  /** `page.*` for Liquid. */
  page: Record<string, unknown>;
  /** The post's URL below the baseurl: relative links in it are made absolute on it. */
  url: string;
  /** `render_with_liquid: false`. */
  withoutLiquid: boolean;
  /** `description:` from the front matter (HTML), when it has one. */
  description?: string;
  /** `excerpt:` from the front matter (HTML), when it has one: it stands for the excerpt Jekyll would make. */
  excerpt?: string;
  /** `excerpt_separator:` of the post, or the site's. */
  excerptSeparator: string;
}

/** The Liquid of a body, rendered; the text as it is without any. */
function renderTemplate(input: BodyInput, context: BodyContext): { text: string; uses?: PostUses; warnings: Body["warnings"]; restore?: (html: string) => string } {
  if (input.withoutLiquid) return { text: input.text, warnings: [] };
  const { index, config, root, liquidSite } = context;
  const out = renderLiquid({
    template: input.text,
    file: input.file,
    bodyLine: input.bodyLine,
    site: liquidSite,
    page: input.page,
    siteRoot: root,
    timezone: config.timeZone,
    urlOfPost: (name) => index?.urlOfPost(name),
    urlOfFile: (path) => index?.urlOfFile(path),
    markdownify: (text) => markdownToHtml(text, context.markdown),
  });
  // names of posts Liquid could not find yet are found in the second round, with the index
  const warnings = index ? out.warnings : out.warnings.filter((w) => !/post_url|link/.test(w.message));
  return { text: out.text, uses: out.uses, warnings, ...(out.restore ? { restore: out.restore } : {}) };
}

/**
 * The link definitions (and footnotes) of the rest of a post that its excerpt names, after the
 * excerpt, as Jekyll's Excerpt adds them: `[text][ref]` in the first paragraph is a link there too.
 */
function withDefinitions(head: string, tail: string): string {
  const definitions = [...tail.matchAll(/^ {0,3}(\[[^\]]+\])(:.+)$/gm)].filter((m) => head.includes(m[1]!)).map((m) => m[0]);
  return definitions.length ? `${head}\n\n${definitions.join("\n")}` : head;
}

/**
 * Jekyll's excerpt as jekyll-feed shows it: the body up to the excerpt separator, rendered, its
 * text with white space made single. `html` is the whole body's, used when the separator is not in it.
 */
function excerptOf(text: string, separator: string, html: string, input: BodyInput, context: BodyContext): string {
  // `excerpt_separator: ""`: Jekyll makes no excerpt
  if (!separator) return "";
  const at = text.indexOf(separator);
  if (at < 0) return strippedText(html);
  const head = withDefinitions(text.slice(0, at), text.slice(at + separator.length));
  return strippedText(input.markup === "markdown" ? markdownToHtml(head, context.markdown) : head);
}

/**
 * For an excerpt with no text (a post that opens with an image): the body's first paragraph that
 * has some, else all of its text.
 */
function firstText(contentHtml: string): string {
  for (const [paragraph] of contentHtml.matchAll(/<p\b[^>]*>[\s\S]*?<\/p>/g)) {
    const text = strippedText(paragraph).trim();
    if (text) return text;
  }
  return strippedText(contentHtml);
}

/**
 * A post's body, as a reader gets it: Liquid, then Markdown (not for an HTML post), then cleaned
 * and sanitized, with URLs made absolute on the post's own. Throws LiquidError for Liquid that
 * cannot be rendered, and an Error with the reason for a body that cannot be built.
 */
export function buildBody(input: BodyInput, context: BodyContext): Body {
  const template = renderTemplate(input, context);
  let html = input.markup === "markdown" ? markdownToHtml(template.text, context.markdown) : template.text;
  if (template.restore) html = template.restore(html);
  const depth = nestingDepth(html, MAX_NESTING);
  if (depth > MAX_NESTING) throw new Error(`the body's HTML is nested more than ${MAX_NESTING} levels deep (an article needs a few dozen): not built`);
  const { site } = context;
  let cleaned: CleanedArticle;
  let contentHtml: string;
  try {
    const origin = site.url || LOCAL_ORIGIN;
    const policy = { baseUrl: `${origin}${site.baseurl}${input.url}`, httpsHosts: site.httpsHosts, ...(site.url ? {} : { localOrigin: LOCAL_ORIGIN }) };
    cleaned = cleanArticleHtml(html, policy, { archiveLines: context.config.publisher.archiveLines });
    contentHtml = sanitizeArticleHtml(cleaned.html);
  } catch (error) {
    if (error instanceof LiquidError) throw error;
    // One body the libraries cannot take (HTML nested thousands deep overflows their recursion) fails alone.
    throw new Error(`the body could not be built: ${error instanceof RangeError ? "its HTML is nested too deeply" : (error as Error).message}`, { cause: error });
  }
  // A post whose only text is its digest keeps it as its body.
  if (!contentHtml && cleaned.digest) contentHtml = sanitizeArticleHtml(`<p>${escapeXml(cleaned.digest)}</p>`);
  // jekyll-feed: `post.description | default: post.excerpt`, the front matter's excerpt before the one Jekyll makes
  const description = input.description === undefined ? "" : strippedText(input.description);
  const summary =
    description ||
    (input.excerpt === undefined ? undefined : strippedText(input.excerpt)) ||
    cleaned.digest ||
    excerptOf(template.text, input.excerptSeparator, html, input, context).trim() ||
    (input.excerptSeparator ? firstText(contentHtml) : "");
  return {
    contentHtml,
    summary: summary.replace(/\s+/g, " ").trim(),
    ...(cleaned.sourceUrl ? { sourceUrl: cleaned.sourceUrl } : {}),
    ...(template.uses ? { uses: template.uses } : {}),
    warnings: template.warnings,
  };
}
