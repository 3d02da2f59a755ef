import { wellFormed } from "./escape.js";

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
