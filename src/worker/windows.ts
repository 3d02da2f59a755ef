/**
 * Routes that show a window of a feed (a page of it at a page size): the feeds in their three
 * formats and the feeds' HTML pages. Finds the window (400 for bad parameters, 404 for an unknown
 * feed or page), renders it, and sends it.
 */
import { HTTPException } from "hono/http-exception";
import { feedAtomId, feedDescription, feedTitle } from "../feed-names.js";
import { feedPagePath } from "../paths.js";
import { feedId, type FeedKind } from "../post.js";
import { latestDate, makeBody, type Body } from "./body.js";
import { renderers, type FeedDocument, type FeedFormat, type FeedPost, type PagingLinks } from "./feeds.js";
import { pagedUrl, readPaging, type Paging } from "./params.js";
import { send, type AppContext } from "./send.js";
import { readFeedWindow, readFilteredWindow, type FeedWindow } from "./store.js";
import { describeQuery } from "../filter/query.js";
import { stringsFor } from "../strings.js";

/** `?page`, `?limit` and (on feeds and their pages) `?q`, read before anything else: bad ones answer 400 before any pack is read. */
export function pagingOf(c: AppContext, pageSize = c.var.manifest.head.pageSize, filtered = false): Paging {
  return readPaging((q) => c.req.query(q), pageSize, filtered);
}

/**
 * The one URL of a page, when the request wrote its paging or its filter another way (`?page=1`,
 * `?page=02`, `?limit=50` at the default, `?q=ETF` for `?q=etf`, an empty `?q=`): one page, one
 * URL, one ETag, one cached render.
 */
export function canonicalPaging(c: AppContext, paging: Paging, pageSize = c.var.manifest.head.pageSize): string | undefined {
  const url = new URL(c.req.url);
  const wanted = new URL(pagedUrl(url.pathname, paging.page, paging.limit, pageSize, paging.filter?.canonical), url.origin);
  const written = (name: string) => url.searchParams.get(name);
  const want = (name: string) => wanted.searchParams.get(name);
  return ["page", "limit", "q"].some((name) => written(name) !== want(name)) ? c.var.site.baseurl + wanted.pathname + wanted.search : undefined;
}

/** RFC 5005 links around a window, on `base`; the same for a feed and for its HTML page. `q`: the filter's one spelling. */
export function pagingLinks(base: string, window: Pick<FeedWindow, "page" | "pages" | "limit">, pageSize: number, q?: string): PagingLinks & { self: string } {
  const at = (page: number) => pagedUrl(base, page, window.limit, pageSize, q);
  return {
    self: at(window.page),
    first: at(1),
    last: at(window.pages),
    ...(window.page > 1 ? { previous: at(window.page - 1) } : {}),
    ...(window.page < window.pages ? { next: at(window.page + 1) } : {}),
  };
}

/** Where the site is for this request: the origin it came to, and the baseurl. Links are built on it. */
export function siteBase(c: AppContext): string {
  return `${new URL(c.req.url).origin}${c.var.site.baseurl}`;
}

/**
 * `feed.icon` and `feed.logo` made absolute as jekyll-feed does (`absolute_url`): on the site's
 * `url`, where its files are, which need not be the origin serving the feed; on that origin when
 * the site has no url.
 */
function absolute(c: AppContext, url: string | undefined): string | undefined {
  if (!url) return undefined;
  const { site } = c.var;
  const base = site.url ? `${site.url}${site.baseurl}` : siteBase(c);
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${base}${url.startsWith("/") ? url : `/${url}`}`;
}

function feedDocument(c: AppContext, window: FeedWindow<FeedPost>, kind: FeedKind, name: string, path: string, filter?: Paging["filter"]): FeedDocument {
  const { site } = c.var;
  const { origin } = new URL(c.req.url);
  const base = siteBase(c);
  const q = filter?.canonical;
  const { self, ...paging } = pagingLinks(`${base}${path}`, window, c.var.manifest.head.pageSize, q);
  const icon = absolute(c, site.feed.icon);
  const logo = absolute(c, site.feed.logo);
  // without a url of its own, the site's ids are its origin's, as its links are
  const id = site.url ? feedAtomId(site, kind, name) : `${origin}${feedAtomId(site, kind, name)}`;
  const title = feedTitle(site, kind, name, window.feed.label);
  return {
    // a filtered feed is a feed of its own: its id, title and links say the filter, so no reader merges it with the whole feed
    id: q ? `${id}?q=${encodeURIComponent(q)}` : id,
    title: filter ? stringsFor(site.language).filtered(title, describeQuery(filter.query)) : title,
    description: feedDescription(site, kind, name, window.feed.label),
    updated: window.feed.updated,
    items: site.url ? window.items : window.items.map((item) => ({ ...item, id: `${origin}${item.id}` })),
    base,
    self,
    home: `${base}${feedPagePath(kind, window.feed.name)}`,
    paging,
    language: site.language,
    excerptOnly: site.feed.excerptOnly || filter !== undefined,
    ...(site.author ? { author: site.author } : {}),
    siteTitle: site.title,
    ...(icon ? { icon } : {}),
    ...(logo ? { logo } : {}),
    ...(site.websubHub ? { hub: site.websubHub } : {}),
  };
}

function window(kind: FeedKind, served: "feed" | "page", nameOf: (c: AppContext) => string, render: (c: AppContext, window: FeedWindow<FeedPost>, paging: Paging) => Promise<{ text: string; type: Body["type"] }>) {
  return (c: AppContext) => {
    const paging = pagingOf(c, undefined, true);
    const canonical = canonicalPaging(c, paging);
    if (canonical) return c.redirect(canonical, 301);
    return send(
      c,
      served,
      async () => {
        const id = feedId(kind, nameOf(c));
        const { filter } = paging;
        const found = filter
          ? await readFilteredWindow(c.env.POSTS, c.var.manifest, id, filter.query, paging.page, paging.limit)
          : await readFeedWindow(c.env.POSTS, c.var.manifest, id, paging.page, paging.limit);
        if (!found) throw new HTTPException(404);
        const { text, type } = await render(c, found, paging);
        return makeBody(text, type, latestDate([found.feed.updated, ...found.items.map((item) => item.updated)]));
      },
      paging,
    );
  };
}

export const serveWindow = {
  /**
   * A feed route. `nameOf` reads the category or tag from the request; `path` gives the route's
   * own path for a name (below the baseurl), on which self and paging links are built.
   */
  feed(kind: FeedKind, format: FeedFormat, nameOf: (c: AppContext) => string, path: (name: string) => string) {
    return window(kind, "feed", nameOf, async (c, found, paging) => ({ text: renderers[format](feedDocument(c, found, kind, found.feed.name, path(found.feed.name), paging.filter)), type: format }));
  },
  /** A feed's HTML page, rendered by `render`. */
  page(kind: FeedKind, nameOf: (c: AppContext) => string, render: (c: AppContext, window: FeedWindow<FeedPost>, paging: Paging) => Promise<{ text: string; type: Body["type"] }>) {
    return window(kind, "page", nameOf, render);
  },
};
