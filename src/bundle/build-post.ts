import type { PostRecord } from "../post.js";
import type { Site } from "../site.js";
import { cleanArticleHtml } from "./clean-article.js";
import { FrontMatterError, parseFrontMatter } from "./front-matter.js";
import { isPostFileName, jekyllPermalink, splitPostFileName } from "./permalink.js";
import { parsePostDate, type PostDate } from "./post-date.js";
import type { Problem } from "./problem.js";
import { sitePath } from "./read-posts.js";
import { renderMarkdown } from "./render-markdown.js";
import { sanitizeArticleHtml } from "./sanitize-article.js";

export interface BuiltPost {
  record: PostRecord;
  epochMs: number;
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
    const reason = error instanceof FrontMatterError ? error.message : `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`;
    return fail(reason);
  }
  const { data, body, hasFrontMatter } = frontMatter;
  if (!hasFrontMatter) return fail("no front matter: a post starts with a `---` block holding at least `title` and `date`");
  if (data.published === false) return { status: "unpublished", reason: "published: false" };

  const title = typeof data.title === "string" || typeof data.title === "number" ? String(data.title).trim() : "";
  if (!title) return fail("no `title` in the front matter");

  const fileName = sitePath(file).split("/").pop()!;
  const { date: fileDate, slug } = splitPostFileName(fileName);
  const rawDate = data.date === undefined || data.date === null ? "" : String(data.date);
  let date: PostDate | undefined = parsePostDate(rawDate, site.timeZone);
  const warnings: Problem[] = [];
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
  const path = jekyllPermalink(categories, date, slug);
  const cleaned = cleanArticleHtml(renderMarkdown(body), { baseUrl: `${site.url}${path}`, httpsHosts: site.httpsHosts });
  let contentHtml = sanitizeArticleHtml(cleaned.html);
  const digest = cleaned.digest ? cleaned.digest : undefined;
  // A post whose only text is its digest keeps it as its body.
  if (!contentHtml && digest) contentHtml = sanitizeArticleHtml(`<p>${escapeText(digest)}</p>`);
  const summary = digest ?? excerpt(cleaned.lead);

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
    sourceFile: file,
  };
  return { status: "published", post: { record, epochMs: date.epochMs }, warnings };
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
