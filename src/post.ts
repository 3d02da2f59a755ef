/**
 * The post record: what the deploy-time bundler writes to KV and what the Worker reads back.
 * Every field is ready to serve: HTML is cleaned and sanitized, URLs are absolute, dates carry
 * their offset. The Worker never parses Markdown or HTML.
 */
export interface PostRecord {
  /** Stable id, the way jekyll-feed writes Atom ids: absolute permalink without `.html`. */
  id: string;
  /** Site-relative permalink, percent-encoded as Jekyll writes it: `/emnews/2022/05/29/<slug>.html`. */
  path: string;
  /** Plain-text title, exactly as in the front matter. */
  title: string;
  /** RFC 3339 with the post's own offset: `2022-05-29T13:37:26+08:00`. */
  date: string;
  /** Plain-text summary: the `> digest` line, else the start of the first paragraph. */
  summary: string;
  /** Cleaned, allow-list-sanitized article HTML with absolute URLs. */
  contentHtml: string;
  categories: string[];
  tags: string[];
  /** The original article (`<http://…>` line of the body), when the post names one. */
  sourceUrl?: string;
  /** Where the post came from, relative to the posts folder (for reports and debugging). */
  sourceFile: string;
}

/** One feed: the main feed, or one category's or tag's. */
export interface FeedInfo {
  /** `main`, `category/<name>`, `tag/<name>` (see src/layout.ts). */
  id: string;
  kind: "main" | "category" | "tag";
  /** The category or tag as written in the posts (empty for the main feed). */
  name: string;
  /**
   * What a reader calls a category: its posts' most common tag (`emnews` → 东财滚动新闻,
   * `cailianshe` → 财联社新闻), when it has tags. Absent for tags and the main feed.
   */
  label?: string;
  /** Items in the whole feed, over all pages. */
  total: number;
  pages: number;
  /** Newest item's date: the feed's `updated`, never the clock. */
  updated: string;
}

/** One page of a feed, newest items first: what a feed request reads and renders. */
export interface FeedPage {
  feed: FeedInfo;
  page: number;
  /** Content hash of this page: the ETag of every response rendered from it. */
  hash: string;
  items: PostRecord[];
}

/**
 * The one mutable KV key: which packs make up the version being served. Written last by a
 * deploy, so readers see the old version whole or the new one whole.
 */
export interface Manifest {
  /** Content hash of every pack this version uses: the same posts give the same version. */
  version: string;
  /** Published posts. */
  total: number;
  /** Items per feed page. */
  pageSize: number;
  /** Packs holding feed pages; a page's pack is `feedPackIndex(feed, bucket, feedPacks.length)`. */
  feedPacks: string[];
  /** Packs holding article records, by permalink day `YYYY/MM/DD`; `articlePackIndex` picks one. */
  articlePacks: Record<string, string[]>;
  /** Pack holding the `directory` chunk: every category and tag feed (FeedInfo[]). */
  directoryPack: string;
  /** Packs no longer used, kept until `since` + the grace period so that readers of the old version finish. */
  retired: { key: string; since: string }[];
}
