import type { Author } from "./site.js";

/**
 * The post record: what the bundler writes to KV and what the Worker reads back.
 * Every field is ready to serve: HTML is cleaned and sanitized, URLs are absolute, dates carry
 * their offset. The Worker never parses Markdown or HTML.
 */
export interface PostRecord {
  /** Stable id, the way jekyll-feed writes Atom ids: `post.id` made absolute on `url` and `baseurl`. */
  id: string;
  /** Jekyll's `post.url`, percent-encoded as Jekyll writes it and below the baseurl: `/emnews/2022/05/29/<slug>.html`, `/2020/01/05/hello/`. */
  path: string;
  /** Plain-text title, exactly as in the front matter. */
  title: string;
  /** RFC 3339 in the site's zone, as jekyll-feed writes it: `2022-05-29T13:37:26+08:00`. */
  date: string;
  /** Plain-text summary, as jekyll-feed writes it: `description`, else the excerpt; the archive's `> digest` line where there is one. */
  summary: string;
  /** Cleaned, allow-list-sanitized article HTML with absolute URLs. */
  contentHtml: string;
  categories: string[];
  tags: string[];
  /** The original article (`<http://…>` line of the body), when the post names one. */
  sourceUrl?: string;
  /** The post's own author (`author:`, a key of `_data/authors.yml` or a name), when it names one: else the site's. */
  author?: Author;
  /** `image:` (or `image.path`), absolute: jekyll-feed's `media:thumbnail`. */
  image?: string;
  /** `last_modified_at`, RFC 3339: Atom's `<updated>`, JSON Feed's `date_modified`. */
  updated?: string;
  /** `feed: { excerpt_only: true }` in the post's front matter: feeds carry its summary, not its content, as jekyll-feed does. */
  excerptOnly?: true;
}

export type FeedKind = "main" | "category" | "tag";

/** `main`, `category/<name>`, `tag/<name>`: names lowercased, as Jekyll lowercases categories in URLs. */
export function feedId(kind: FeedKind, name = ""): string {
  return kind === "main" ? "main" : `${kind}/${name.toLowerCase()}`;
}

/** A feed id's kind and (lowercased) name: `feedId` read back. */
export function parseFeedId(id: string): { kind: FeedKind; name: string } {
  if (id === "main") return { kind: "main", name: "" };
  const kind = id.startsWith("category/") ? "category" : "tag";
  return { kind, name: id.slice(kind.length + 1) };
}

/** One feed: the main feed, or one category's or tag's. */
export interface FeedInfo {
  /** `main`, `category/<name>`, `tag/<name>` (see `feedId`). */
  id: string;
  kind: FeedKind;
  /** The category or tag as written in the posts (empty for the main feed). */
  name: string;
  /**
   * What a reader calls a category: its posts' most common tag (`emnews` → 东财滚动新闻,
   * `cailianshe` → 财联社新闻), when more than half of them carry it. Absent for tags and the main feed.
   */
  label?: string;
  /** Items in the whole feed, over all pages. */
  total: number;
  pages: number;
  /** Newest item's date: the feed's `updated`, never the clock. */
  updated: string;
}

/** An empty feed's `updated`: the epoch, so that the same (no) posts give the same bytes. */
export const NO_DATE = "1970-01-01T00:00:00Z";
