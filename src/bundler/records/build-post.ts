import type { PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { cleanArticleHtml, type CleanedArticle } from "../article/clean.js";
import { FrontMatterError, parseFrontMatter } from "../read/front-matter.js";
import { isPostFileName, jekyllPermalink, splitPostFileName } from "../read/permalink.js";
import { parsePostDate, type PostDate } from "../read/post-date.js";
import type { Problem } from "../problem.js";
import { escapeXml, stripNonXml } from "../../escape.js";
import { canonicalPath, routeOwning } from "../../paths.js";
import { postFileName } from "../read/files.js";
import { markdownToHtml } from "../article/markdown.js";
import { sanitizeArticleHtml } from "../article/sanitize.js";
import { recordHash, type RecordHash } from "../layout/record-hashes.js";

export interface BuiltPost {
  record: PostRecord;
  epochMs: number;
  /** The hash and size of the record's JSON, made once with the record and cached with it. */
  hash: RecordHash;
}

export type BuildResult =
  | { status: "published"; post: BuiltPost; warnings: Problem[] }
  | { status: "unpublished"; reason: string }
  | { status: "failed"; problem: Problem };

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
 * Front matter lists may be YAML lists or space-separated strings, as Jekyll accepts both. Kept
 * within MAX_TERMS names of MAX_TERM_LENGTH characters: what one post costs a deploy stays small
 * whatever it holds; what is left out is said in `warnings`.
 */
function termList(what: "categories" | "tags", value: unknown, warn: (message: string) => void): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(/\s+/);
  const names: string[] = [];
  let long = 0;
  let total = 0;
  for (const item of items) {
    const name = cleanText(typeof item === "object" ? JSON.stringify(item) ?? "" : String(item)).trim();
    if (name === "") continue;
    total++;
    if (Array.from(name).length > MAX_TERM_LENGTH) long++;
    else if (names.length < MAX_TERMS) names.push(name);
  }
  if (long) warn(`${long} of the ${what} are longer than ${MAX_TERM_LENGTH} characters: left out`);
  if (total - long > MAX_TERMS) warn(`${total - long} ${what}: only the first ${MAX_TERMS} are kept`);
  return names;
}

const SUMMARY_LENGTH = 200;

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
/** Longer titles are not titles; longer posts would not fit a KV value with the posts around them. */
const MAX_TITLE = 1_000;
const MAX_POST_CHARS = 8_000_000;

/**
 * A `permalink:` from the front matter, when it stays on the site: a path from the root to an
 * `.html` file, without `..`, scheme or host, percent-decoded before it is judged (`%2e%2e` is
 * `..`), and not a path another route of the site answers. Anything else is ignored, with the reason.
 */
function ownPermalink(value: unknown): { path: string } | { reason: string } {
  if (typeof value !== "string") return { reason: "not a string" };
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\\/i.test(value)) return { reason: "it leaves the site (a scheme, a host or a backslash)" };
  if (!value.startsWith("/")) return { reason: "it does not start at the site's root, /" };
  let segments: string[];
  try {
    segments = value.split("/").slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return { reason: "it has a % that is not percent-encoding" };
  }
  if (segments.some((s) => s === ".." || s === ".")) return { reason: "it climbs out with .. or ." };
  if (!segments.at(-1)!.endsWith(".html")) return { reason: "only permalinks to .html pages are served" };
  if (segments.some((s) => s === "" || /[\\/\u0000-\u001F\u007F]/.test(s))) return { reason: "it has an empty segment, or a slash, backslash or control character inside one" };
  const path = canonicalPath(value);
  const owner = routeOwning(path);
  if (owner) return { reason: owner };
  return { path };
}

function excerpt(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SUMMARY_LENGTH ? text : `${chars.slice(0, SUMMARY_LENGTH).join("")}…`;
}

/**
 * One post file to one post record. `file` is the path relative to the posts folder. The result
 * depends on nothing else, so it can be cached by content (whether its date has come is decided later).
 */
export function buildPost(file: string, text: string, site: Site): BuildResult {
  const fail = (message: string): BuildResult => ({ status: "failed", problem: { file, severity: "error", message } });
  let frontMatter;
  try {
    frontMatter = parseFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return fail(error.message);
    // js-yaml counts from 0 in the block gray-matter hands it, which starts at the end of the `---`
    // line; a block cut short is reported at its end, which is its last line, not the closing `---`
    const mark = (error as { mark?: { line?: number } }).mark;
    const closing = text.replace(/\r\n?/g, "\n").split("\n").findIndex((l, i) => i > 0 && l.startsWith("---"));
    const line = mark?.line === undefined ? undefined : closing > 1 ? Math.min(mark.line + 1, closing) : mark.line + 1;
    const message = `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}; quote values that hold ": ", " #" or quotes`;
    return { status: "failed", problem: { file, severity: "error", message, ...(line ? { line } : {}) } };
  }
  const { data, body, hasFrontMatter, repairs, rawDate } = frontMatter;
  if (!hasFrontMatter) return fail("no front matter: a post starts with a `---` block holding at least `title` and `date`");
  if (data.published === false) return { status: "unpublished", reason: "published: false" };

  const title = typeof data.title === "string" || typeof data.title === "number" ? cleanText(String(data.title)).trim() : "";
  if (!title) return fail("no `title` in the front matter");
  if (Array.from(title).length > MAX_TITLE) return fail(`title is ${Array.from(title).length} characters long; the limit is ${MAX_TITLE}`);
  if (text.length > MAX_POST_CHARS) return fail(`post is ${(text.length / 1e6).toFixed(1)} M characters; the limit is ${MAX_POST_CHARS / 1e6} M`);

  const fileName = postFileName(file);
  const { date: fileDate, slug } = splitPostFileName(fileName);
  let date: PostDate | undefined = parsePostDate(rawDate, site.timeZone);
  const warnings: Problem[] = repairs.map(({ message, line }) => ({ file, line, severity: "warning" as const, message }));
  if (!isPostFileName(fileName)) {
    warnings.push({ file, severity: "warning", message: "file name is not YYYY-MM-DD-<slug>.md, as Jekyll expects; the slug is the whole name" });
  }
  if (!date && fileDate) {
    date = parsePostDate(fileDate, site.timeZone);
    if (date) warnings.push({ file, severity: "warning", message: `date ${JSON.stringify(rawDate)} is not a date; used the file name's date ${fileDate}` });
  }
  if (!date) return fail(`date ${JSON.stringify(rawDate)} is not a date (write it as 2022-05-29 13:37:26 +0800)`);

  const warn = (message: string) => warnings.push({ file, severity: "warning", message });
  const categories = termList("categories", data.categories ?? data.category, warn);
  const tags = termList("tags", data.tags ?? data.tag, warn);
  let path = jekyllPermalink(categories, date, slug);
  if (data.permalink !== undefined) {
    const own = ownPermalink(data.permalink);
    if ("path" in own) path = own.path;
    else warnings.push({ file, severity: "warning", message: `permalink ${JSON.stringify(data.permalink)} ignored: ${own.reason}; served at ${path}` });
  }
  let cleaned: CleanedArticle;
  let contentHtml: string;
  const html = markdownToHtml(body);
  const depth = nestingDepth(html, MAX_NESTING);
  if (depth > MAX_NESTING) return fail(`the body's HTML is nested more than ${MAX_NESTING} levels deep (a news article needs a few dozen): not built`);
  try {
    cleaned = cleanArticleHtml(html, { baseUrl: `${site.url}${path}`, httpsHosts: site.httpsHosts });
    contentHtml = sanitizeArticleHtml(cleaned.html);
  } catch (error) {
    // One body the libraries cannot take (HTML nested thousands deep overflows their recursion) fails alone.
    const reason = error instanceof RangeError ? "its HTML is nested too deeply" : (error as Error).message;
    return fail(`the body could not be built: ${reason}`);
  }
  const digest = cleaned.digest ? cleaned.digest : undefined;
  // A post whose only text is its digest keeps it as its body.
  if (!contentHtml && digest) contentHtml = sanitizeArticleHtml(`<p>${escapeXml(digest)}</p>`);
  const summary = digest ?? excerpt(cleaned.lead);
  if (!contentHtml) warnings.push({ file, severity: "warning", message: "the post has no body: published with its title only" });

  const record: PostRecord = {
    id: `${site.url}${path.replace(/\.html$/, "")}`,
    path,
    title,
    date: date.iso,
    summary: cleanText(summary),
    contentHtml: cleanText(contentHtml),
    categories,
    tags,
    ...(cleaned.sourceUrl ? { sourceUrl: cleaned.sourceUrl } : {}),
  };
  return { status: "published", post: { record, epochMs: date.epochMs, hash: recordHash(record) }, warnings };
}
