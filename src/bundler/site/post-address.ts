import { absoluteUrl, relativeUrl } from "./absolute-url.js";
import type { SiteConfig } from "./config.js";
import { applyDefaults, defaultsFor } from "./defaults.js";
import { PermalinkError, outputFile, postCategories, postId, postTags, postUrl, readPostFileName } from "./permalink.js";
import type { PostFile } from "./post-files.js";
import { postTime, xmlSchema, type PostTime } from "./post-time.js";

/** Where Jekyll and jekyll-feed put a post, and the data they read it with. */
export interface PostAddress {
  /** The front matter with the defaults applied, as Jekyll's `post.*` reads it (before `title`, `slug`, `categories` and `tags` are filled in). */
  data: Record<string, unknown>;
  time: PostTime;
  /** `post.date | date_to_xmlschema`: in the site's zone (`2020-01-05T20:00:00+08:00`). */
  date: string;
  /** `post.url`: from the site's root, without the baseurl (`/2020/01/05/hello.html`). */
  url: string;
  /** Where the post is served below the site's host: the baseurl, then the URL (`relative_url`). */
  path: string;
  /** The absolute link (`post.url | absolute_url`), jekyll-feed's `<link href>`. */
  link: string;
  /** `post.id`: the URL's folder and the slug as written (`/2020/01/05/Hello World`). */
  id: string;
  /** jekyll-feed's `<id>`: `post.id | absolute_url` (`https://example.com/blog/2020/01/05/Hello%20World`). */
  atomId: string;
  /** `post.categories`, case kept. */
  categories: string[];
  /** `post.tags`. */
  tags: string[];
  /** The file Jekyll writes, below `_site/`. */
  outputFile: string;
}

/** What a post needs to be placed: its file, front matter, and the `date:` scalar as written (see `dateScalar`). */
export interface PostSource {
  file: Pick<PostFile, "relativePath" | "categoriesFromPath" | "outputExt" | "draft">;
  frontMatter: Record<string, unknown>;
  /** The `date:` line's value as written, quotes kept; undefined for none. */
  dateScalar?: string;
  /** The file's modification time: a draft without a date is dated by it, as in Jekyll. */
  mtimeMs?: number;
  /** `postData` of this post, when the caller has made it already. */
  data?: Record<string, unknown>;
}

/** The front matter with the site's defaults applied and the path's categories joined in, as Jekyll's `post.*` reads it. */
export function postData(site: Pick<SiteConfig, "defaults" | "collectionsDir">, file: Pick<PostFile, "relativePath" | "categoriesFromPath">, frontMatter: Record<string, unknown>): Record<string, unknown> {
  return applyDefaults(frontMatter, defaultsFor(site.defaults, file.relativePath, { collectionsDir: site.collectionsDir }), file.categoriesFromPath);
}

/**
 * Everything Jekyll 4.3 and jekyll-feed 0.17 decide about where a post lives: defaults applied,
 * date read, URL, id, Atom id, categories. An error (in words) where Jekyll would stop the build:
 * a date that is none, a permalink with an unknown placeholder or a slug Jekyll cannot escape.
 */
export function postAddress(site: SiteConfig, post: PostSource): PostAddress | { error: string } {
  const { relativePath } = post.file;
  const data = post.data ?? postData(site, post.file, post.frontMatter);
  let time = postTime(post.dateScalar, readPostFileName(relativePath).date, site.timeZone);
  if (!time && post.dateScalar === undefined && post.file.draft && post.mtimeMs !== undefined) {
    time = { epochMs: post.mtimeMs, timeZone: site.timeZone, source: "file name" };
  }
  if (!time) {
    return { error: post.dateScalar === undefined ? "the post has no date: neither a date: line nor one in its file name" : `date: ${post.dateScalar} is not a date Jekyll reads (it stops the build on it)` };
  }
  const input = { relativePath, data, time, outputExt: post.file.outputExt };
  let url: string;
  try {
    url = postUrl(input, site.permalink);
  } catch (error) {
    if (error instanceof PermalinkError) return { error: error.message };
    throw error;
  }
  const id = postId(input, url);
  return {
    data,
    time,
    date: xmlSchema(time),
    url,
    path: relativeUrl(site.baseurl, url),
    link: absoluteUrl(site, url),
    id,
    atomId: absoluteUrl(site, id),
    categories: postCategories(data),
    tags: postTags(data),
    outputFile: outputFile(url, post.file.outputExt),
  };
}
