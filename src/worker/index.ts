import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { NO_DATE, feedId, type FeedKind } from "../post.js";
import { OLD_CATEGORY_PAGE, canonicalPath, feedFiles, feedPagePath, feedPath, jekyllFeedPath } from "../paths.js";
import { site } from "../site.js";
import { feedAtomId, feedDescription, feedTitle } from "../feed-names.js";
import { renderers, type FeedDocument, type FeedFormat, type PagingLinks } from "./feeds.js";
import { opmlFor } from "../opml.js";
import { FAVICON_ICO } from "./favicon.js";
import { CATEGORIES_PAGE_SIZE, CATEGORIES_PATH, articlePage, categoriesPage, feedRef, listingPage, messagePage, type FeedRef } from "./pages.js";
import { pagedUrl, readPaging, type Paging } from "./params.js";
import { makeBody, type Body } from "./body.js";
import { send, sendPage, type AppContext, type AppEnv } from "./send.js";
import { feedExists, readArticle, readCatalog, readFeedWindow, readManifest, readOpml, readStreams, type FeedWindow } from "./store.js";
import { own } from "../own.js";

const app = new Hono<AppEnv>();

/** A path as the 404 page shows it: decoded, without controls or direction overrides (shown as U+FFFD), at most 200 characters. */
function shownPath(pathname: string): string {
  const shown = decodeURIComponentSafe(pathname).replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "\uFFFD");
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

async function notFoundPage(c: AppContext): Promise<Response> {
  const page = await messagePage("找不到页面 Not found", `${shownPath(new URL(c.req.url).pathname)} 不存在。`);
  return sendPage(c, page.toString(), 404, "notFound");
}

const allowed = { Allow: "GET, HEAD, OPTIONS", "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS" };

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

// Every route needs the manifest of the deployed version; before the first deploy there is none.
app.use("*", async (c, next) => {
  const manifest = await readManifest(c.env.POSTS, Number(c.env.MANIFEST_TTL_SECONDS ?? 0) * 1000);
  if (!manifest) throw new HTTPException(503);
  c.set("manifest", manifest);
  return next();
});

/** The `name` route parameter, as the feed's name (Hono has already percent-decoded it). */
function nameParam(c: AppContext): string {
  return c.req.param("name") ?? "";
}

/** `?page` and `?limit`, read before anything else: bad ones answer 400 before any KV read. */
function pagingOf(c: AppContext, pageSize = c.var.manifest.head.pageSize): Paging {
  return readPaging((q) => c.req.query(q), pageSize);
}

/**
 * The one URL of a page, when the request wrote its paging another way (`?page=1`, `?page=02`,
 * `?limit=50` at the default): one page, one URL, one ETag, one cached render.
 */
function canonicalPaging(c: AppContext, paging: Paging, pageSize = c.var.manifest.head.pageSize): string | undefined {
  const url = new URL(c.req.url);
  const wanted = new URL(pagedUrl(url.pathname, paging.page, paging.limit, pageSize), url.origin);
  const written = (name: string) => url.searchParams.get(name);
  const want = (name: string) => wanted.searchParams.get(name);
  return written("page") !== want("page") || written("limit") !== want("limit") ? wanted.pathname + wanted.search : undefined;
}

/** RFC 5005 links around a window, on `base`; the same for a feed and for its HTML page. */
function pagingLinks(base: string, window: FeedWindow, pageSize: number): PagingLinks & { self: string } {
  const at = (page: number) => pagedUrl(base, page, window.limit, pageSize);
  return {
    self: at(window.page),
    first: at(1),
    last: at(window.pages),
    ...(window.page > 1 ? { previous: at(window.page - 1) } : {}),
    ...(window.page < window.pages ? { next: at(window.page + 1) } : {}),
  };
}

function feedDocument(c: AppContext, window: FeedWindow, kind: FeedKind, name: string, path: string): FeedDocument {
  const url = new URL(c.req.url);
  const { self, ...paging } = pagingLinks(`${url.origin}${path}`, window, c.var.manifest.head.pageSize);
  return {
    id: feedAtomId(kind, name),
    title: feedTitle(kind, name, window.feed.label),
    description: feedDescription(kind, name, window.feed.label),
    updated: window.feed.updated,
    items: window.items,
    origin: url.origin,
    self,
    home: `${url.origin}${feedPagePath(kind, window.feed.name)}`,
    paging,
    ...(site.websubHub ? { hub: site.websubHub } : {}),
  };
}

/**
 * A route that shows a window of a feed: finds it (400 for bad parameters, 404 for an unknown feed
 * or page), renders it with `render`, and sends it.
 */
function serveWindow(kind: FeedKind, served: "feed" | "page", nameOf: (c: AppContext) => string, render: (c: AppContext, window: FeedWindow) => Promise<{ text: string; type: Body["type"] }>) {
  return (c: AppContext) => {
    const paging = pagingOf(c);
    const canonical = canonicalPaging(c, paging);
    if (canonical) return c.redirect(canonical, 301);
    return send(
      c,
      served,
      async () => {
        const window = await readFeedWindow(c.env.POSTS, c.var.manifest, feedId(kind, nameOf(c)), paging.page, paging.limit);
        if (!window) throw new HTTPException(404);
        const { text, type } = await render(c, window);
        return makeBody(text, type, window.items[0]?.date ?? window.feed.updated);
      },
      paging,
    );
  };
}

/**
 * A feed route. `nameOf` reads the category or tag from the request; `path` gives the route's own
 * path for a name, on which self and paging links are built.
 */
function serveFeed(kind: FeedKind, format: FeedFormat, nameOf: (c: AppContext) => string, path: (name: string) => string) {
  return serveWindow(kind, "feed", nameOf, async (c, window) => ({
    text: renderers[format](feedDocument(c, window, kind, window.feed.name, path(window.feed.name))),
    type: format,
  }));
}

const fileName = (c: AppContext) => (c.req.param("file") ?? "").replace(/\.xml$/, "");

for (const { file, format } of feedFiles) {
  app.get(feedPath("main", "", file), serveFeed("main", format, () => "", () => `/${file}`));
  app.get(`/category/:name/${file}`, serveFeed("category", format, nameParam, (name) => feedPath("category", name, file)));
  app.get(`/tag/:name/${file}`, serveFeed("tag", format, nameParam, (name) => feedPath("tag", name, file)));
}
// jekyll-feed's paths, so subscribers moving over keep working.
app.get("/feed.xml", serveFeed("main", "atom", () => "", () => "/feed.xml"));
app.get("/feed/by_tag/:file{[^/]+\\.xml}", serveFeed("tag", "atom", fileName, (name) => jekyllFeedPath("tag", name)));
app.get("/feed/:file{[^/]+\\.xml}", serveFeed("category", "atom", fileName, (name) => jekyllFeedPath("category", name)));

/** The feed a category or tag repeats whole, as pages name it. */
function sameStream(c: AppContext, id: string): FeedRef | undefined {
  const streams = readStreams(c.var.manifest);
  const to = own(streams.same, id);
  return to === undefined ? undefined : feedRef(streams.categories, to);
}

function serveListing(kind: FeedKind) {
  return serveWindow(kind, "page", nameParam, async (c, window) => {
    const { previous, next } = pagingLinks(feedPagePath(kind, window.feed.name), window, c.var.manifest.head.pageSize);
    const same = sameStream(c, window.feed.id);
    return { text: (await listingPage(window, { previous, next, ...(same ? { same } : {}) })).toString(), type: "html" };
  });
}

app.get("/", serveListing("main"));
app.get("/category/:name/", serveListing("category"));
app.get("/tag/:name/", serveListing("tag"));

const newestOf = (feeds: readonly { updated: string }[]) => feeds.reduce((newest, info) => (info.updated > newest ? info.updated : newest), NO_DATE);

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
      const page = categoriesPage(feeds, readStreams(c.var.manifest), paging.page);
      if (!page) throw new HTTPException(404);
      return makeBody((await page).toString(), "html", newestOf(feeds));
    },
    paging,
  );
});

app.get("*", async (c, next) => {
  const path = canonicalPath(new URL(c.req.url).pathname);
  if (!path.endsWith(".html")) return next();
  // The old site's category pages, linked from footers of the posts themselves (no post may live there).
  const old = OLD_CATEGORY_PAGE.exec(path);
  if (old) return c.redirect(feedPagePath("category", decodeURIComponentSafe(old[1]!)), 301);
  return send(c, "article", async () => {
    const post = await readArticle(c.env.POSTS, c.var.manifest, path);
    if (!post) throw new HTTPException(404);
    const { categories } = readStreams(c.var.manifest);
    return makeBody((await articlePage(post, categories)).toString(), "html", post.date);
  });
});

// A category's or tag's page without its slash, as people type it.
for (const kind of ["category", "tag"] as const) {
  app.get(`/${kind}/:name`, async (c) => {
    const name = nameParam(c);
    if (!(await feedExists(c.env.POSTS, c.var.manifest, feedId(kind, name)))) throw new HTTPException(404);
    return c.redirect(feedPagePath(kind, name) + new URL(c.req.url).search, 301);
  });
}

// `/emnews/`: the old site's index of a category, linked from post footers.
app.get("/:name/", async (c) => {
  const name = nameParam(c).toLowerCase();
  if (!(await feedExists(c.env.POSTS, c.var.manifest, feedId("category", name)))) throw new HTTPException(404);
  return c.redirect(feedPagePath("category", name), 301);
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
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400:
        return c.text(`${error.message}\n`, 400, { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      case 404:
        return notFoundPage(c as AppContext);
      case 405:
        return c.text(`${error.message}\n`, 405, allowed);
      case 503: {
        const page = await messagePage("尚未发布 Nothing published yet", "KV 中还没有文章。Run `npm start` (local) or `npm run deploy` (production) to bundle the posts into KV.");
        return sendPage(c as AppContext, page.toString(), 503, "error");
      }
      default:
        return error.getResponse();
    }
  }
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  console.error(JSON.stringify({ level: "error", requestId, path: new URL(c.req.url).pathname, message: error.message, stack: error.stack, causes: causesOf(error) }));
  const page = await messagePage("出错了 Server error", `这个页面暂时无法显示（request ${requestId}）。`);
  return sendPage(c as AppContext, page.toString(), 500, "error");
});

export default app;
