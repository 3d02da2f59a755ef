import type { PostRecord } from "../post.js";
import type { Site } from "../site.js";
import { cleanArticleHtml, type CleanedArticle } from "./clean-article.js";
import { FrontMatterError, parseFrontMatter } from "./front-matter.js";
import { isPostFileName, jekyllPermalink, splitPostFileName } from "./permalink.js";
import { parsePostDate, type PostDate } from "./post-date.js";
import type { Problem } from "./problem.js";
import { escapeXml } from "../escape.js";
import { canonicalPath } from "../paths.js";
import { sitePath } from "./read-posts.js";
import { renderMarkdown } from "./render-markdown.js";
import { sanitizeArticleHtml } from "./sanitize-article.js";
import { digestOf, type RecordDigest } from "./layout/digests.js";

export interface BuiltPost {
  record: PostRecord;
  epochMs: number;
  /** The hash and size of the record's JSON, made once with the record and cached with it. */
  digest: RecordDigest;
}

export type BuildResult =
  | { status: "published"; post: BuiltPost; warnings: Problem[] }
  | { status: "unpublished"; reason: string }
  | { status: "failed"; problem: Problem };

/** Front matter lists may be YAML lists or space-separated strings, as Jekyll accepts both. */
function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(/\s+/);
  return items.map((item) => String(item).trim()).filter((item) => item !== "");
}

const SUMMARY_LENGTH = 200;
/** Longer titles are not titles; longer posts would not fit a KV value with the posts around them. */
const MAX_TITLE = 1_000;
const MAX_POST_CHARS = 8_000_000;

/**
 * A `permalink:` from the front matter, when it stays on the site: a path from the root to an
 * `.html` file, without `..`, scheme or host. Anything else is ignored, with the reason.
 */
function ownPermalink(value: unknown): { path: string } | { reason: string } {
  if (typeof value !== "string") return { reason: "not a string" };
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\\/i.test(value)) return { reason: "it leaves the site (a scheme, a host or a backslash)" };
  if (!value.startsWith("/")) return { reason: "it does not start at the site's root, /" };
  const segments = value.split("/").slice(1);
  if (segments.some((s) => s === ".." || s === ".")) return { reason: "it climbs out with .. or ." };
  if (!value.endsWith(".html")) return { reason: "only permalinks to .html pages are served" };
  return { path: canonicalPath(value) };
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

  const title = typeof data.title === "string" || typeof data.title === "number" ? String(data.title).trim() : "";
  if (!title) return fail("no `title` in the front matter");
  if (Array.from(title).length > MAX_TITLE) return fail(`title is ${Array.from(title).length} characters long; the limit is ${MAX_TITLE}`);
  if (text.length > MAX_POST_CHARS) return fail(`post is ${(text.length / 1e6).toFixed(1)} M characters; the limit is ${MAX_POST_CHARS / 1e6} M`);

  const fileName = sitePath(file).split("/").pop()!;
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

  const categories = stringList(data.categories ?? data.category);
  const tags = stringList(data.tags ?? data.tag);
  let path = jekyllPermalink(categories, date, slug);
  if (data.permalink !== undefined) {
    const own = ownPermalink(data.permalink);
    if ("path" in own) path = own.path;
    else warnings.push({ file, severity: "warning", message: `permalink ${JSON.stringify(data.permalink)} ignored: ${own.reason}; served at ${path}` });
  }
  let cleaned: CleanedArticle;
  let contentHtml: string;
  try {
    cleaned = cleanArticleHtml(renderMarkdown(body), { baseUrl: `${site.url}${path}`, httpsHosts: site.httpsHosts });
    contentHtml = sanitizeArticleHtml(cleaned.html);
  } catch (error) {
    // One body the libraries cannot take (HTML nested thousands deep overflows their recursion) fails alone.
    const reason = error instanceof RangeError ? "its HTML is nested too deeply" : (error as Error).message;
    return fail(`the body could not be rendered: ${reason}`);
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
    summary,
    contentHtml,
    categories,
    tags,
    ...(cleaned.sourceUrl ? { sourceUrl: cleaned.sourceUrl } : {}),
  };
  return { status: "published", post: { record, epochMs: date.epochMs, digest: digestOf(record) }, warnings };
}
