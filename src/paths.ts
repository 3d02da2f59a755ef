import { wellFormed } from "./escape.js";
import type { FeedKind } from "./post.js";
import type { FeedSettings } from "./site.js";

/** The formats every feed is served in. */
export type FeedFormat = "rss" | "atom" | "json";

/** Percent-encodes one path segment as Jekyll's URL escaping does (unreserved characters and sub-delims stay, and `:` `@`). */
export function escapePathSegment(segment: string): string {
  if (/^[\w.~-]*$/.test(segment)) return segment;
  return encodeURIComponent(wellFormed(segment)).replace(/%(21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The canonical form of a request path, as permalinks are stored: each segment decoded, then
 * encoded again, so `/央视/…` and `/%E5%A4%AE%E8%A7%86/…` find the same post.
 */
export function canonicalPath(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => {
      try {
        return escapePathSegment(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join("/");
}

/** The old site's category pages, `/category/<name>.html`, linked from post footers: redirected, never an article. */
export const OLD_CATEGORY_PAGE = /^\/category\/([^/]+)\.html$/;

/**
 * Why a canonical site path (below the baseurl) is not a post's to take, when a route of the
 * Worker answers it otherwise; undefined when a post may live there.
 */
export function routeOwning(path: string, feed: Pick<FeedSettings, "path" | "tags">): string | undefined {
  if (OLD_CATEGORY_PAGE.test(path)) return "it is an old category link, which the site redirects to the category's page";
  if (path === "/" || /^\/(?:rss\.xml|atom\.xml|feed\.json|opml\.xml|favicon\.ico)$/.test(path)) return "the site's own page or feeds are served there";
  if (/^\/(?:category|tag|categories)(?:\/|$)/.test(path) || path.startsWith("/_render/")) return "the site's category and tag pages and feeds are served there";
  if (path === feed.path || path.startsWith("/feed/") || (feed.tags && path.startsWith(feed.tags.path))) return "jekyll-feed's feeds are served there";
  return undefined;
}

// Where each feed lives: the Worker routes these, pages and OPML link them, WebSub pings name them.

/** The documents every feed is served as, as data: the router, pages, autodiscovery and OPML read this. */
export interface FeedFile {
  file: string;
  format: FeedFormat;
  label: string;
}

export const feedFiles: readonly FeedFile[] = [
  { file: "rss.xml", format: "rss", label: "RSS 2.0" },
  { file: "atom.xml", format: "atom", label: "Atom 1.0" },
  { file: "feed.json", format: "json", label: "JSON Feed 1.1" },
];

/** The HTML page of a feed: `/`, `/category/<name>/`, `/tag/<name>/` (below the site's baseurl). */
export function feedPagePath(kind: FeedKind, name: string): string {
  return kind === "main" ? "/" : `/${kind}/${escapePathSegment(name.toLowerCase())}/`;
}

/** `/rss.xml`, `/category/<name>/rss.xml`, … */
export function feedPath(kind: FeedKind, name: string, file: string): string {
  return `${feedPagePath(kind, name)}${file}`;
}

/**
 * jekyll-feed's path for a feed, served as Atom: the site's (`feed.path`, `/feed.xml` by default),
 * `/feed/<category>.xml`, and `<feed.tags.path><tag>.xml` (`/feed/by_tag/` by default). The
 * publisher serves these for every category and tag, not only those jekyll-feed is told of.
 */
export function jekyllFeedPath(feed: Pick<FeedSettings, "path" | "tags">, kind: FeedKind, name: string): string {
  const segment = escapePathSegment(name.toLowerCase());
  if (kind === "main") return feed.path;
  return kind === "category" ? `/feed/${segment}.xml` : `${tagFeedsPath(feed)}${segment}.xml`;
}

/** The folder of jekyll-feed's tag feeds: `feed.tags.path`, else its default. */
export function tagFeedsPath(feed: Pick<FeedSettings, "tags">): string {
  return feed.tags ? feed.tags.path : TAG_FEEDS;
}

/** Where tag feeds are when the site names no place: jekyll-feed's default. */
export const TAG_FEEDS = "/feed/by_tag/";
