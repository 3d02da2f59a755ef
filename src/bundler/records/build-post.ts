import { decodeHTML } from "entities";
import type { PostRecord } from "../../post.js";
import type { Author } from "../../site.js";
import { stripNonXml } from "../../escape.js";
import { routeOwning } from "../../paths.js";
import { LiquidError } from "../article/liquid.js";
import { smartify } from "../article/liquid/smartify.js";
import { FrontMatterError, parseFrontMatter, type FrontMatter } from "../read/front-matter.js";
import type { Problem } from "../problem.js";
import { recordHash, type RecordHash } from "../layout/record-hashes.js";
import { searchText } from "../layout/search-text.js";
import { postAuthor } from "../site/authors.js";
import { postAddress, postData, type PostAddress } from "../site/post-address.js";
import type { PostFile } from "../site/post-files.js";
import { dateScalar, frontMatterScalar, postTime, xmlSchema } from "../site/post-time.js";
import { titleFromSlug, readPostFileName } from "../site/permalink.js";
import { absoluteUrl } from "../site/absolute-url.js";
import { buildBody, type BodyContext } from "./post-body.js";
import type { PostUses } from "./site-index.js";

export { MAX_NESTING, nestingDepth } from "./post-body.js";

export interface BuiltPost {
  record: PostRecord;
  epochMs: number;
  /** The hash and size of the record's JSON, made once with the record and cached with it. */
  hash: RecordHash;
  /** What the post's Liquid read of the site (other posts, includes): when it changes, the post is built again. */
  uses?: PostUses;
  /** What a `?q=` filter matches it against (see searchText). */
  text: string;
}

export type BuildResult =
  | { status: "published"; post: BuiltPost; warnings: Problem[] }
  | { status: "unpublished"; reason: string }
  | { status: "failed"; problem: Problem };

/** What a post is built with: the site, and (in a second round) its other posts. */
export type PostContext = BodyContext;

/**
 * Text from the front matter as feeds can carry it: YAML escapes can write C0 and C1 controls,
 * U+FFFE/U+FFFF and lone surrogates, which no XML may hold (a lone surrogate becomes U+FFFD).
 */
export function cleanText(text: string): string {
  return stripNonXml(text).replace(/[\u007F-\u009F]/g, "");
}

/** A post's categories and tags, each: at most this many, each at most this long. A news post has one or two. */
export const MAX_TERMS = 20;
export const MAX_TERM_LENGTH = 100;

/**
 * Categories or tags kept within MAX_TERMS names of MAX_TERM_LENGTH characters: what one post
 * costs a publish stays small whatever it holds; what is left out is said in `warn`.
 */
function termList(what: "categories" | "tags", values: readonly unknown[], warn: (message: string) => void): string[] {
  const names: string[] = [];
  let long = 0;
  let total = 0;
  for (const item of values) {
    const name = cleanText(typeof item === "object" ? (JSON.stringify(item) ?? "") : String(item)).trim();
    if (name === "") continue;
    total++;
    if (Array.from(name).length > MAX_TERM_LENGTH) long++;
    else if (!names.includes(name) && names.length < MAX_TERMS) names.push(name);
  }
  if (long) warn(`${long} of the ${what} are longer than ${MAX_TERM_LENGTH} characters: left out`);
  if (total - long > MAX_TERMS) warn(`${total - long} ${what}: only the first ${MAX_TERMS} are kept`);
  return names;
}

/** The inline markup a title may carry (`<em>`, `<code>`): what jekyll-feed's `strip_html` takes out that a title means as markup. */
const TITLE_MARKUP = /<!--[\s\S]*?-->|<\/?(?:a|abbr|b|bdi|bdo|big|br|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?:[ \t\r\n\f][^>]*)?\/?>/gi;

/**
 * A title as jekyll-feed writes it (`title | smartify | strip_html | normalize_whitespace`, in a
 * `type="html"` element) and its readers show it: curly quotes and typographic dashes, inline
 * markup out, character references read (`Don&rsquo;t` is "Don’t"). Unlike `strip_html`, a tag
 * that is not inline markup stays as text: a news title about `<video>` tags keeps its words.
 * Liquid's `page.title` stays as written.
 */
export function feedTitle(title: string): string {
  // Ruby's `\s`, ASCII only: an ideographic space stays
  return cleanText(decodeHTML(smartify(title).replace(TITLE_MARKUP, ""))).replace(/[ \t\r\n\f\v]+/g, " ").replace(/^ | $/g, "");
}

/** Longer titles are not titles; longer posts would not fit a KV value with the posts around them. */
const MAX_TITLE = 1_000;
const MAX_POST_CHARS = 8_000_000;

/** Jekyll reads YAML 1.1, where an unquoted `no`, `off` and `false` are false: `published: no` keeps a post back there. */
const isFalse = (value: unknown) => value === false || (typeof value === "string" && /^(?:no|off|false)$/i.test(value));

/**
 * Whether `published:` lets the post out, as Jekyll reads it: false, and YAML 1.1's unquoted
 * `no` and `off`, hold it back; any text, `"false"` quoted too, is true to Ruby, so the post goes
 * out, with a warning when the text looks meant as false. `written` is the value as written.
 */
function publishedSetting(value: unknown, written: string | undefined, warn: (message: string) => void): boolean {
  if (!isFalse(value)) return true;
  if (written === undefined || !/^["']/.test(written)) return false;
  warn(`published: ${written} is text, not false: Jekyll publishes the post; write published: false to hold it back`);
  return true;
}

function readFront(file: string, text: string): FrontMatter | Problem {
  try {
    return parseFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return { file, severity: "error", message: error.message };
    // js-yaml counts from 0 in the block gray-matter hands it, which starts at the end of the `---`
    // line; a block cut short is reported at its end, which is its last line, not the closing `---`
    const mark = (error as { mark?: { line?: number } }).mark;
    const closing = text.replace(/\r\n?/g, "\n").split("\n").findIndex((l, i) => i > 0 && l.startsWith("---"));
    const line = mark?.line === undefined ? undefined : closing > 1 ? Math.min(mark.line + 1, closing) : mark.line + 1;
    const message = `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}; quote values that hold ": ", " #" or quotes`;
    return { file, severity: "error", message, ...(line ? { line } : {}) };
  }
}

/**
 * Where the post lives, as Jekyll places it. A date that is none falls back to the file name's
 * (Jekyll stops the build instead), and a permalink another route of the site answers falls back
 * to the site's permalink style; each with a warning.
 */
function place(postFile: PostFile, front: FrontMatter, data: Record<string, unknown>, context: PostContext, warn: (message: string) => void): PostAddress | { error: string } {
  const source = { file: postFile, frontMatter: front.data, dateScalar: dateScalar(front.yaml), data };
  let address = postAddress(context.config, source);
  if ("error" in address && source.dateScalar !== undefined && readPostFileName(postFile.relativePath).date) {
    const fromName = postAddress(context.config, { ...source, dateScalar: undefined });
    if (!("error" in fromName)) {
      warn(`date ${source.dateScalar} is not a date; used the file name's date`);
      address = fromName;
    }
  }
  if ("error" in address) return address;
  const written = address.time.source === "front matter" ? /^["']?(\d{4})-(\d{1,2})-(\d{1,2})/.exec(source.dateScalar ?? "") : null;
  if (written) {
    const [year, month, day] = written.slice(1).map(Number) as [number, number, number];
    const real = new Date(Date.UTC(year, month - 1, day));
    if (real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) warn(`date ${source.dateScalar} has no such day: read as ${address.date}, as Jekyll reads it`);
  }
  address = asBrowsersAsk(address);
  const owner = routeOwning(address.url, context.site.feed) ?? unreachable(address.url);
  if (owner && front.data.permalink !== undefined) {
    const { permalink: _, ...withoutPermalink } = front.data;
    const fallback = postAddress(context.config, { file: postFile, frontMatter: withoutPermalink, dateScalar: source.dateScalar });
    if (!("error" in fallback) && !routeOwning(fallback.url, context.site.feed) && !unreachable(fallback.url)) {
      warn(`permalink ${JSON.stringify(front.data.permalink)} ignored: ${owner}; served at ${fallback.url}`);
      return fallback;
    }
  }
  return owner ? { error: `its URL ${address.url} cannot be served: ${owner}` } : address;
}

/**
 * A URL with raw spaces or non-ASCII characters (`permalink: /专题/x.html`) as a browser asks for
 * it, percent-encoded: Jekyll writes the file under the raw name, and a web server serves it at the
 * encoded one. Other differences (dot segments, a backslash, `?`) are not the same address.
 */
function asBrowsersAsk(address: PostAddress): PostAddress {
  const asked = new URL(address.url, "https://site.invalid").pathname;
  if (asked === address.url || safeDecodeUri(asked) !== address.url) return address;
  return { ...address, url: asked };
}

function safeDecodeUri(text: string): string | undefined {
  try {
    return decodeURI(text);
  } catch {
    return undefined;
  }
}

/** Why readers could never ask for a URL as it is written: a browser normalizes `.` and `..` segments (`%2e` too) away. */
function unreachable(url: string): string | undefined {
  const asked = new URL(url, "https://site.invalid").pathname;
  return asked === url ? undefined : `a browser asks for it as ${asked}`;
}

/** `description:` and `excerpt:` (with the site's defaults), as Liquid would print them: what jekyll-feed's summary is made of. */
function frontMatterSummary(data: Record<string, unknown>): { description?: string; excerpt?: string } {
  const scalar = (value: unknown) => (typeof value === "string" || typeof value === "number" ? cleanText(String(value)) : undefined);
  const description = scalar(data.description);
  const excerpt = scalar(data.excerpt);
  return { ...(description === undefined ? {} : { description }), ...(excerpt === undefined ? {} : { excerpt }) };
}

/** `image:` (a path, a URL, or `{path}`), absolute on the site. */
function imageOf(data: Record<string, unknown>, context: PostContext): string | undefined {
  const image = typeof data.image === "object" && data.image !== null ? (data.image as { path?: unknown }).path : data.image;
  if (typeof image !== "string" || image.trim() === "") return undefined;
  const url = absoluteUrl(context.config, image.trim());
  return /^https?:\/\//.test(url) ? url : undefined;
}

/** The post's author when it is not the site's: the site's is the feeds' own. */
function ownAuthor(data: Record<string, unknown>, context: PostContext): Author | undefined {
  const author = postAuthor(data, context.config);
  const site = context.site.author;
  if (!author.name || (site && author.name === site.name && author.email === site.email && author.uri === site.uri)) return undefined;
  return { name: cleanText(author.name), ...(author.email ? { email: author.email } : {}), ...(author.uri ? { uri: author.uri } : {}) };
}

/** jekyll-feed's `post.feed.excerpt_only | default: site.feed.excerpt_only`: only a post's own true counts (Liquid's default takes false as unset). */
function excerptOnly(data: Record<string, unknown>): boolean {
  const feed = data.feed;
  return typeof feed === "object" && feed !== null && (feed as { excerpt_only?: unknown }).excerpt_only === true;
}

/** `last_modified_at`, when it is a date. */
function lastModified(data: Record<string, unknown>, context: PostContext): string | undefined {
  const value = data.last_modified_at;
  if (value === undefined || value === null) return undefined;
  const time = postTime(value instanceof Date ? value.toISOString() : String(value), undefined, context.config.timeZone);
  return time ? xmlSchema(time) : undefined;
}

/**
 * One post file to one post record. The result depends on nothing but the file, the site and (in
 * the second round) the other posts' places, so it can be cached; whether a post is due is decided
 * later.
 */
export function buildPost(postFile: PostFile, text: string, context: PostContext): BuildResult {
  const { file } = postFile;
  const fail = (message: string, line?: number): BuildResult => ({ status: "failed", problem: { file, severity: "error", message, ...(line ? { line } : {}) } });
  const front = readFront(file, text);
  if ("severity" in front) return { status: "failed", problem: front };
  const { body, hasFrontMatter, repairs } = front;
  if (text.length > MAX_POST_CHARS) return fail(`post is ${(text.length / 1e6).toFixed(1)} M characters; the limit is ${MAX_POST_CHARS / 1e6} M`);

  const warnings: Problem[] = repairs.map(({ message, line }) => ({ file, line, severity: "warning" as const, message }));
  const warn = (message: string, line?: number) => warnings.push({ file, severity: "warning", message, ...(line ? { line } : {}) });
  if (!hasFrontMatter) warn("no front matter (no `---` block at the top): published as Jekyll publishes it, titled from its file name");
  // the site's defaults count as the post's own front matter (a scope may hold posts back)
  const data = postData(context.config, postFile, front.data);
  const published = publishedSetting(data.published, frontMatterScalar(front.yaml, "published"), warn);
  if (!published && !context.config.unpublished) return { status: "unpublished", reason: "published: false" };
  const address = place(postFile, front, data, context, warn);
  if ("error" in address) return fail(address.error);
  const title = cleanText(data.title === undefined || data.title === null ? titleFromSlug(readPostFileName(postFile.relativePath).slug) : String(data.title)).trim();
  if (Array.from(title).length > MAX_TITLE) return fail(`title is ${Array.from(title).length} characters long; the limit is ${MAX_TITLE}`);
  const categories = termList("categories", address.categories, warn);
  const tags = termList("tags", address.tags, warn);

  const bodyLine = text.replace(/\r\n?/g, "\n").split("\n").length - body.split("\n").length + 1;
  let built;
  try {
    built = buildBody(
      {
        file,
        text: body,
        bodyLine,
        markup: postFile.markup,
        page: { ...address.data, title, url: address.url, date: new Date(address.time.epochMs), id: address.id, categories: address.categories, tags: address.tags, path: postFile.relativePath },
        url: address.url,
        withoutLiquid: isFalse(address.data.render_with_liquid),
        ...frontMatterSummary(address.data),
        excerptSeparator: typeof address.data.excerpt_separator === "string" ? address.data.excerpt_separator : context.config.excerptSeparator,
      },
      context,
    );
  } catch (error) {
    if (error instanceof LiquidError) return fail(error.message, error.line);
    return fail((error as Error).message);
  }
  for (const { message, line } of built.warnings) warn(message, line);
  if (!built.contentHtml) warn("the post has no body: published with its title only");

  const image = imageOf(address.data, context);
  const author = ownAuthor(address.data, context);
  const updated = lastModified(address.data, context);
  const record: PostRecord = {
    id: address.atomId,
    path: address.url,
    title: feedTitle(title),
    date: address.date,
    summary: cleanText(built.summary),
    contentHtml: cleanText(built.contentHtml),
    categories,
    tags,
    ...(built.sourceUrl ? { sourceUrl: built.sourceUrl } : {}),
    ...(author ? { author } : {}),
    ...(image ? { image } : {}),
    ...(updated ? { updated } : {}),
    ...(excerptOnly(address.data) ? { excerptOnly: true as const } : {}),
  };
  return { status: "published", post: { record, epochMs: address.time.epochMs, hash: recordHash(record), text: searchText(record), ...(built.uses ? { uses: built.uses } : {}) }, warnings };
}
