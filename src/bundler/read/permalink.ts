import { escapePathSegment } from "../../paths.js";
import type { PostDate } from "./post-date.js";

const EXTENSIONS = "md|markdown|mkdn|mkd|mdown";
/** What a post file's name ends with: Jekyll's Markdown extensions. */
export const POST_EXTENSION = new RegExp(`\\.(?:${EXTENSIONS})$`, "i");
/** A post file name as Jekyll reads it: `YYYY-MM-DD-<slug>.md`. */
const postFileName = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})-(.+)\\.(?:${EXTENSIONS})$`, "i");

export function isPostFileName(fileName: string): boolean {
  return postFileName.test(fileName);
}

export function splitPostFileName(fileName: string): { date?: string; slug: string } {
  const match = postFileName.exec(fileName);
  if (match) return { date: match[1], slug: match[2]! };
  return { slug: fileName.replace(/\.[^.]+$/, "") };
}

/** Jekyll's `slugify(mode: "pretty", cased: true)`, which it applies to `:title`. */
export function slugify(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Jekyll's default permalink, `/:categories/:year/:month/:day/:title.html`: categories
 * lowercased, one segment each, duplicates dropped; date parts in the site's time zone.
 */
export function jekyllPermalink(categories: readonly string[], date: PostDate, slug: string): string {
  const categorySegments = [...new Set(categories.map((c) => c.toLowerCase()))];
  const segments = [...categorySegments, date.year, date.month, date.day, `${slugify(slug)}.html`]
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map(escapePathSegment);
  return `/${segments.join("/")}`;
}
