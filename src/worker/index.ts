import { Hono, type Context } from "hono";
import { contentType } from "../content-types.js";
import { canonicalPath } from "../paths.js";
import type { FeedIndex } from "../post.js";
import { feedRoutes } from "./feed-routes.js";
import { renderers } from "./feeds.js";
import { articlePage, homePage, messagePage } from "./pages.js";
import { readIndex, readPost } from "./store.js";

type AppContext = Context<{ Bindings: Cloudflare.Env }>;

const app = new Hono<{ Bindings: Cloudflare.Env }>();

// Pages hold no script; these headers keep it that way even if a post slipped something through.
const pageHeaders = {
  "Content-Security-Policy": "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

function htmlResponse(c: AppContext, body: string, status: 200 | 404 | 500 | 503 = 200): Response {
  return c.body(body, status, { ...pageHeaders, "Content-Type": contentType("html") });
}

async function requireIndex(c: AppContext): Promise<FeedIndex | Response> {
  const index = await readIndex(c.env.POSTS);
  if (index) return index;
  const page = await messagePage("尚未发布 Nothing published yet", "KV 中还没有文章。Run `npm start` (local) or `npm run deploy` (production) to bundle the posts into KV.");
  return htmlResponse(c, page.toString(), 503);
}

app.get("/", async (c) => {
  const index = await requireIndex(c);
  if (index instanceof Response) return index;
  return htmlResponse(c, (await homePage(index)).toString());
});

for (const route of feedRoutes) {
  app.get(route.path, async (c) => {
    const index = await requireIndex(c);
    if (index instanceof Response) return index;
    const url = new URL(c.req.url);
    const body = renderers[route.format](index, { origin: url.origin, self: `${url.origin}${route.path}` });
    return c.body(body, 200, {
      "Content-Type": contentType(route.format),
      "X-Content-Type-Options": "nosniff",
      "Access-Control-Allow-Origin": "*",
    });
  });
}

app.get("*", async (c, next) => {
  const path = canonicalPath(new URL(c.req.url).pathname);
  if (!path.endsWith(".html")) return next();
  const post = await readPost(c.env.POSTS, path);
  if (!post) return next();
  return htmlResponse(c, (await articlePage(post)).toString());
});

app.notFound(async (c) => {
  const page = await messagePage("找不到页面 Not found", `${new URL(c.req.url).pathname} 不存在。`);
  return htmlResponse(c, page.toString(), 404);
});

app.onError(async (error, c) => {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  console.error(JSON.stringify({ level: "error", requestId, path: new URL(c.req.url).pathname, message: error.message }));
  const page = await messagePage("出错了 Server error", `这个页面暂时无法显示（request ${requestId}）。`);
  return htmlResponse(c, page.toString(), 500);
});

export default app;
