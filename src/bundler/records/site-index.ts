import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PostRecord } from "../../post.js";
import type { SiteFiles } from "../site/site-files.js";

/** What Liquid may read of the site's other posts: a post's place and its front-matter fields, by name and by file. */
export interface IndexedPost {
  /** The post's file from the site root (`_posts/2020-01-05-hello.md`). */
  file: string;
  title: string;
  /** `post.url`, below the baseurl. */
  url: string;
  /** RFC 3339. */
  date: string;
  categories: string[];
  tags: string[];
  id: string;
  excerpt: string;
}

/**
 * The site's published posts, newest first, as Liquid's `post_url`, `link` and `site.posts` see
 * them; made after every post is placed, so a post that names another is built in a second round.
 */
export class SiteIndex {
  private readonly byName = new Map<string, IndexedPost>();
  private readonly byFile = new Map<string, IndexedPost>();
  readonly key: string;

  constructor(
    readonly posts: readonly IndexedPost[],
    private readonly baseurl: string,
    private readonly files?: SiteFiles,
  ) {
    for (const post of posts) {
      this.byFile.set(post.file, post);
      // `{% post_url 2010-07-21-name %}` and `{% post_url sub/2010-07-21-name %}`: the name, and the folders below `_posts`
      const name = post.file.replace(/\.[^./]+$/, "");
      const inPosts = name.replace(/^(?:.*\/)?_posts\//, "");
      this.byName.set(inPosts, post);
      this.byName.set(inPosts.slice(inPosts.lastIndexOf("/") + 1), post);
    }
    this.key = createHash("sha256").update(JSON.stringify(posts)).digest("base64url").slice(0, 22);
  }

  static of(records: readonly PostRecord[], files: ReadonlyMap<string, string>, baseurl: string, siteFiles?: SiteFiles): SiteIndex {
    return new SiteIndex(
      records.map((r) => ({ file: files.get(r.path) ?? "", title: r.title, url: r.path, date: r.date, categories: r.categories, tags: r.tags, id: r.id, excerpt: r.summary })),
      baseurl,
      siteFiles,
    );
  }

  /** `{% post_url %}`: the URL with the baseurl. */
  urlOfPost(name: string): string | undefined {
    const post = this.byName.get(name.trim().replace(/^\/+/, ""));
    return post ? `${this.baseurl}${post.url}` : undefined;
  }

  /** `{% link %}`: a post file's URL, else a page's or static file's (SiteFiles). */
  urlOfFile(path: string): string | undefined {
    const file = path.trim().replace(/^\/+/, "");
    const post = this.byFile.get(file);
    return post ? `${this.baseurl}${post.url}` : this.files?.urlOf(file);
  }
}

/** What a post's Liquid read besides the post itself (see `renderLiquid`). */
export interface PostUses {
  posts: string[];
  files: string[];
  includes: string[];
  site: string[];
}

/** The keys of `site` that are the other posts: a post that reads one is built again when any post changes. */
const SITE_POST_KEYS = new Set(["posts", "categories", "tags", "related_posts", "documents", "pages", "html_pages", "collections"]);

/** Whether a post's Liquid named other posts, or read the site's list of them: its build waits for the index. */
export function needsIndex(uses: PostUses | undefined): boolean {
  return uses !== undefined && (uses.posts.length > 0 || uses.files.length > 0 || uses.site.some((key) => SITE_POST_KEYS.has(key) || key === "time"));
}

/**
 * The state of what a post's Liquid read, as one hash: the URLs of the posts it named, the text of
 * the includes it read, the index when it read the list of posts, and the time of the publish
 * when it read `site.time`. A post whose uses hash the same as when it was built need not be
 * built again.
 */
export function usesKey(uses: PostUses, index: SiteIndex, root: string, now: number): string {
  const hash = createHash("sha256");
  if (uses.site.includes("time")) hash.update(`time ${now}\0`);
  for (const name of uses.posts) hash.update(`post ${name} ${index.urlOfPost(name) ?? "-"}\0`);
  for (const file of uses.files) hash.update(`file ${file} ${index.urlOfFile(file) ?? "-"}\0`);
  for (const include of uses.includes) {
    let text: Buffer | string;
    try {
      text = readFileSync(join(root, include));
    } catch {
      text = "-";
    }
    hash.update(`include ${include} `).update(text).update("\0");
  }
  if (uses.site.some((key) => SITE_POST_KEYS.has(key))) hash.update(`index ${index.key}`);
  return hash.digest("base64url").slice(0, 22);
}
