import { wellFormed } from "./escape.js";
import type { FeedKind } from "./post.js";

/** The formats every feed is served in. */
export type FeedFormat = "rss" | "atom" | "json";

/** Percent-encodes one path segment the way Jekyll's URL escaping does (sub-delims stay). */
export function escapePathSegment(segment: string): string {
  if (/^[\w.~-]*$/.test(segment)) return segment;
  return encodeURIComponent(wellFormed(segment)).replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
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
 * Why a canonical site path ending in `.html` is not an article's to take, when a route of the
 * Worker answers it otherwise; undefined when an article may live there.
 */
export function routeOwning(path: string): string | undefined {
  if (OLD_CATEGORY_PAGE.test(path)) return "it is an old category link, which the site redirects to the category's page";
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

/** The HTML page of a feed: `/`, `/category/<name>/`, `/tag/<name>/`. */
export function feedPagePath(kind: FeedKind, name: string): string {
  return kind === "main" ? "/" : `/${kind}/${escapePathSegment(name.toLowerCase())}/`;
}

/** `/rss.xml`, `/category/<name>/rss.xml`, … */
export function feedPath(kind: FeedKind, name: string, file: string): string {
  return `${feedPagePath(kind, name)}${file}`;
}

/** jekyll-feed's path for a feed: `/feed.xml`, `/feed/<category>.xml`, `/feed/by_tag/<tag>.xml`. Served as Atom. */
export function jekyllFeedPath(kind: FeedKind, name: string): string {
  const segment = escapePathSegment(name.toLowerCase());
  return kind === "main" ? "/feed.xml" : kind === "category" ? `/feed/${segment}.xml` : `/feed/by_tag/${segment}.xml`;
}
