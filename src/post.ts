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

/** What the home page and the main feeds read: one KV value, newest posts first. */
export interface FeedIndex {
  /** Content hash of everything in this index: changes whenever a served byte would. */
  version: string;
  /** Number of published posts in the bundle (the index holds at most `site.itemsPerFeed` items). */
  total: number;
  /** Newest post's date: the feeds' `updated`, never the clock. */
  updated: string;
  items: PostRecord[];
}
