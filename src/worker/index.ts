import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { NO_DATE, feedId, type FeedKind } from "../post.js";
import { OLD_CATEGORY_PAGE, canonicalPath, feedFiles, feedPagePath, feedPath, jekyllFeedPath, tagFeedsPath } from "../paths.js";
import { defaultSite } from "../site.js";
import { stringsFor } from "../strings.js";
import { opmlFor } from "../opml.js";
import { FAVICON_ICO } from "./favicon.js";
import { CATEGORIES_PAGE_SIZE, CATEGORIES_PATH, articlePage, categoriesPage, feedRef, listingPage, messagePage, type FeedRef, type PageSite } from "./pages.js";
import { latestDate, makeBody } from "./body.js";
import { send, sendPage, type AppContext, type AppEnv } from "./send.js";
import { feedExists, readArticle, readCatalog, readManifest, readOpml, readSite, readStreams, type FilteredWindow } from "./store.js";
import { canonicalPaging, pagingLinks, pagingOf, serveWindow } from "./windows.js";
import { own } from "../own.js";
import type { Manifest } from "../kv/manifest.js";

const app = new Hono<AppEnv>();

/** A path as the 404 page shows it: decoded, without controls or direction overrides (shown as U+FFFD), at most 200 characters. */
function shownPath(pathname: string): string {
  const shown = decodeURIComponentSafe(pathname).replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "\uFFFD");
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** The site a page belongs to; before anything is published, or when the manifest cannot be read, a site with no settings. */
function pageSite(c: AppContext): PageSite {
  const site = c.get("site") ?? defaultSite;
  return { site, text: stringsFor(site.language) };
}

async function notFoundPage(c: AppContext): Promise<Response> {
  const ps = pageSite(c);
  const asked = dispatched.get(c.req.raw)?.pathname ?? new URL(c.req.url).pathname;
  const page = await messagePage(ps, ps.text.notFoundTitle, ps.text.notFound(shownPath(asked)));
  return sendPage(c, page.toString(), 404, "notFound");
}

// A script on another origin revalidates a feed as a reader does: its preflight must allow the conditional headers.
const allowed = {
  Allow: "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
  "Access-Control-Max-Age": "86400",
};

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Only GET and HEAD mean anything here (Hono answers HEAD with GET's headers and no body).
app.use("*", async (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD") return next();
  if (method === "OPTIONS") return c.body(null, 204, allowed);
  throw new HTTPException(405, { message: `${method} is not allowed: this site only answers GET and HEAD.` });
});

// Browsers and feed readers ask for it on every visit: answered before anything is read from KV,
// decoded on the first ask rather than at every isolate's start.
let favicon: Uint8Array<ArrayBuffer> | undefined;
app.get("/favicon.ico", (c) => c.body((favicon ??= Uint8Array.from(atob(FAVICON_ICO), (ch) => ch.charCodeAt(0))), 200, { "Content-Type": "image/x-icon", "Cache-Control": "public, max-age=604800", "X-Content-Type-Options": "nosniff" }));

/** What `fetch` (below) found for each request it dispatched: the manifest, the path as asked, and whether it is outside the site's baseurl. */
const dispatched = new WeakMap<Request, { manifest: Manifest | Error | undefined; pathname: string; outside: boolean }>();

// Every route needs the manifest of the published version; before the first publish there is none.
app.use("*", async (c, next) => {
  const { manifest, outside } = dispatched.get(c.req.raw) ?? { manifest: undefined, outside: false };
  if (manifest instanceof Error) throw manifest;
  if (!manifest) throw new HTTPException(503);
  c.set("manifest", manifest);
  c.set("site", readSite(manifest));
  if (outside) throw new HTTPException(404);
  return next();
});

/** The `name` route parameter, as the feed's name (Hono has already percent-decoded it). */
function nameParam(c: AppContext): string {
  return c.req.param("name") ?? "";
}

const fileName = (c: AppContext) => (c.req.param("file") ?? "").replace(/\.xml$/, "");

for (const { file, format } of feedFiles) {
  app.get(feedPath("main", "", file), serveWindow.feed("main", format, () => "", () => `/${file}`));
  app.get(`/category/:name/${file}`, serveWindow.feed("category", format, nameParam, (name) => feedPath("category", name, file)));
  app.get(`/tag/:name/${file}`, serveWindow.feed("tag", format, nameParam, (name) => feedPath("tag", name, file)));
}

/** The feed a category or tag repeats whole, as pages name it. */
function sameStream(c: AppContext, id: string): FeedRef | undefined {
  const streams = readStreams(c.var.manifest);
  const to = own(streams.same, id);
  return to === undefined ? undefined : feedRef(streams.categories, to);
}

function serveListing(kind: FeedKind) {
  return serveWindow.page(kind, nameParam, async (c, window, { filter }) => {
    const { previous, next } = pagingLinks(c.var.site.baseurl + feedPagePath(kind, window.feed.name), window, c.var.manifest.head.pageSize, filter?.canonical);
    const same = sameStream(c, window.feed.id);
    const searched = "searched" in window ? (window as FilteredWindow).searched : 0;
    const shown = filter ? { q: filter.canonical, searched } : undefined;
    return { text: (await listingPage(pageSite(c), window, { previous, next, ...(same ? { same } : {}), ...(shown ? { filter: shown } : {}) })).toString(), type: "html" };
  });
}

app.get("/", serveListing("main"));
app.get("/category/:name/", serveListing("category"));
app.get("/tag/:name/", serveListing("tag"));

app.get("/opml.xml", (c) => send(c, "opml", async () => makeBody(opmlFor(await readOpml(c.env.POSTS, c.var.manifest), new URL(c.req.url).origin), "opml")));

app.get(CATEGORIES_PATH, (c) => {
  // pages of a fixed size: `?limit=` is not offered, so any but the default is a 400
  const paging = pagingOf(c, CATEGORIES_PAGE_SIZE);
  if (paging.limit !== CATEGORIES_PAGE_SIZE) throw new HTTPException(400, { message: `limit is not a parameter of ${CATEGORIES_PATH}` });
  const canonical = canonicalPaging(c, paging, CATEGORIES_PAGE_SIZE);
  if (canonical) return c.redirect(canonical, 301);
  return send(
    c,
    "page",
    async () => {
      const feeds = await readCatalog(c.env.POSTS, c.var.manifest);
      const page = categoriesPage(pageSite(c), feeds, readStreams(c.var.manifest), paging.page);
      if (!page) throw new HTTPException(404);
      return makeBody((await page).toString(), "html", latestDate([NO_DATE, ...feeds.map((info) => info.updated)]));
    },
    paging,
  );
});

// jekyll-feed's category feeds, so subscribers moving over keep working.
// The site's own feed or its tag feeds may be set to live here too (`feed.path: feed/all.xml`): those are the catch-all's.
app.get("/feed/:file{[^/]+\\.xml}", (c, next) => {
  const { feed } = c.var.site;
  const path = canonicalPath(c.req.path);
  if (path === feed.path || path.startsWith(tagFeedsPath(feed))) return next();
  return serveWindow.feed("category", "atom", fileName, (name) => jekyllFeedPath(feed, "category", name))(c);
});

/**
 * Whatever the routes above do not answer: jekyll-feed's site and tag feeds (where the site's
 * `feed:` settings put them), an article at its permalink, or the old site's category links.
 */
app.get("*", async (c, next) => {
  const { site } = c.var;
  const path = canonicalPath(new URL(c.req.url).pathname);
  if (path === site.feed.path) return serveWindow.feed("main", "atom", () => "", () => site.feed.path)(c);
  const tagFeeds = tagFeedsPath(site.feed);
  if (path.startsWith(tagFeeds) && path.endsWith(".xml") && !path.slice(tagFeeds.length).includes("/")) {
    const name = decodeURIComponentSafe(path.slice(tagFeeds.length, -".xml".length));
    return serveWindow.feed("tag", "atom", () => name, (tag) => jekyllFeedPath(site.feed, "tag", tag))(c);
  }
  // The old site's category pages, linked from footers of the posts themselves (no post may live there).
  const old = OLD_CATEGORY_PAGE.exec(path);
  if (old) return c.redirect(site.baseurl + feedPagePath("category", decodeURIComponentSafe(old[1]!)), 301);
  try {
    // the article is read only to render it: a body kept in a cache costs no read of its pack
    return await send(c, "article", async () => {
      const post = await readArticle(c.env.POSTS, c.var.manifest, path);
      if (!post) throw new HTTPException(404);
      const { categories } = readStreams(c.var.manifest);
      return makeBody((await articlePage(pageSite(c), post, categories, new URL(c.req.url).origin)).toString(), "html", latestDate([post.date, post.updated]));
    });
  } catch (error) {
    if (!(error instanceof HTTPException && error.status === 404)) throw error;
  }
  // a pretty permalink asked for without its slash, or as the file Jekyll writes for it
  const other = path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : !path.endsWith("/") && !path.endsWith(".html") ? `${path}/` : undefined;
  if (other && (await readArticle(c.env.POSTS, c.var.manifest, other))) return c.redirect(site.baseurl + other + new URL(c.req.url).search, 301);
  return next();
});

app.get(CATEGORIES_PATH.slice(0, -1), (c) => c.redirect(c.var.site.baseurl + CATEGORIES_PATH + new URL(c.req.url).search, 301));

// A category's or tag's page without its slash, as people type it.
for (const kind of ["category", "tag"] as const) {
  app.get(`/${kind}/:name`, async (c) => {
    const name = nameParam(c);
    if (!(await feedExists(c.env.POSTS, c.var.manifest, feedId(kind, name)))) throw new HTTPException(404);
    return c.redirect(c.var.site.baseurl + feedPagePath(kind, name) + new URL(c.req.url).search, 301);
  });
}

// `/emnews/`: the old site's index of a category, linked from post footers.
app.get("/:name/", async (c) => {
  const name = nameParam(c).toLowerCase();
  if (!(await feedExists(c.env.POSTS, c.var.manifest, feedId("category", name)))) throw new HTTPException(404);
  return c.redirect(c.var.site.baseurl + feedPagePath("category", name), 301);
});

app.notFound((c) => notFoundPage(c as AppContext));

/** The messages of an error's causes, outermost first: what a wrapped error was wrapping. */
function causesOf(error: Error): string[] {
  const causes: string[] = [];
  for (let cause = error.cause; cause !== undefined && causes.length < 8; cause = (cause as Error).cause) causes.push(cause instanceof Error ? cause.message : String(cause));
  return causes;
}

// Every error answered in one place: the four a request can earn, any other HTTPException as itself, anything else as a logged 500.
app.onError(async (error, c) => {
  const ps = pageSite(c as AppContext);
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400:
        return c.text(`${error.message}\n`, 400, { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      case 404:
        return notFoundPage(c as AppContext);
      case 405:
        return c.text(`${error.message}\n`, 405, allowed);
      case 503: {
        const page = await messagePage(ps, ps.text.nothingPublishedTitle, ps.text.nothingPublished);
        return sendPage(c as AppContext, page.toString(), 503, "error");
      }
      default:
        return error.getResponse();
    }
  }
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  console.error(JSON.stringify({ level: "error", requestId, path: new URL(c.req.url).pathname, message: error.message, stack: error.stack, causes: causesOf(error) }));
  const page = await messagePage(ps, ps.text.serverErrorTitle, ps.text.serverError(requestId));
  return sendPage(c as AppContext, page.toString(), 500, "error");
});

/**
 * The Worker: requests below the site's `baseurl` go to the routes with the baseurl taken off
 * (the routes, and every link they write, add it back); `/` of a site under a baseurl goes there.
 * The manifest read here is the one the routes use: one read of it a request.
 */
export default {
  async fetch(request: Request, env: Cloudflare.Env, ctx?: ExecutionContext): Promise<Response> {
    // the favicon and any method but GET and HEAD are answered before the manifest middleware: no read of it
    if ((request.method !== "GET" && request.method !== "HEAD") || new URL(request.url).pathname === "/favicon.ico") return app.fetch(request, env, ctx);
    let manifest: Manifest | Error | undefined;
    try {
      manifest = await readManifest(env.POSTS, Number(env.MANIFEST_TTL_SECONDS ?? 0) * 1000);
    } catch (error) {
      manifest = error as Error;
    }
    const base = manifest && !(manifest instanceof Error) ? readSite(manifest).baseurl : "";
    const url = new URL(request.url);
    const pathname = url.pathname;
    let routed = request;
    let outside = false;
    if (base) {
      if (pathname === "/" || pathname === base) return Response.redirect(`${url.origin}${base}/${url.search}`, 301);
      if (pathname.startsWith(`${base}/`)) {
        url.pathname = pathname.slice(base.length);
        routed = new Request(url, request);
      } else outside = pathname !== "/favicon.ico";
    }
    dispatched.set(routed, { manifest, pathname, outside });
    return app.fetch(routed, env, ctx);
  },
};
