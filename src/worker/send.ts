import type { Context } from "hono";
import { parseAccept } from "hono/utils/accept";
import { contentType, type MediaKind } from "../content-types.js";
import type { Manifest } from "../kv/manifest.js";
import type { Site } from "../site.js";
import type { Body, BodyCache } from "./body.js";
import { notModified, representationEtag } from "./conditional.js";
import { isolateCache } from "./isolate-cache.js";
import { locationCache } from "./location-cache.js";
import type { Paging } from "./params.js";

export type AppEnv = { Bindings: Cloudflare.Env; Variables: { manifest: Manifest; site: Site } };
export type AppContext = Context<AppEnv>;

/** How long readers and caches may keep each kind of answer, by what it serves. Feeds change with every publish; articles rarely. */
export const cacheControl = {
  feed: "public, max-age=300, stale-while-revalidate=3600",
  page: "public, max-age=300, stale-while-revalidate=3600",
  article: "public, max-age=86400, stale-while-revalidate=604800",
  opml: "public, max-age=3600, stale-while-revalidate=86400",
  error: "no-store",
  notFound: "public, max-age=60",
} as const;

export type Served = keyof typeof cacheControl;

// Pages hold no script; these keep it that way even if a post slipped something through.
export const pageHeaders: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

function headersFor(served: Served, type: MediaKind): Record<string, string> {
  return {
    "Content-Type": contentType(type),
    "Cache-Control": cacheControl[served],
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
    ...(type === "html" ? pageHeaders : { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag, Cache-Status" }),
  };
}

/** A body shorter than this goes as it is: the encoding's header would eat what it saves. */
export const COMPRESS_FROM = 1024;

/**
 * The coding a body goes out in. Cloudflare compresses only some types by itself (not Atom, JSON
 * Feed or OPML), so every answer names one and the runtime encodes the body as it streams it:
 * brotli where the client takes it at least as gladly as gzip, else gzip, else none. Cloudflare
 * (and wrangler dev) hand the Worker `Accept-Encoding: br, gzip` whatever the client sent, and
 * pass a type it does not compress itself through as encoded: the client's own header, kept in
 * `cf.clientAcceptEncoding`, is the one to answer.
 */
export function bodyCoding(c: AppContext, body: { length: number }): "br" | "gzip" | undefined {
  if (body.length < COMPRESS_FROM) return undefined;
  const cf = c.req.raw.cf as { clientAcceptEncoding?: string } | undefined;
  const offered = parseAccept(cf?.clientAcceptEncoding ?? c.req.header("Accept-Encoding") ?? "");
  const q = (name: string) => offered.find((o) => o.type.toLowerCase() === name)?.q ?? offered.find((o) => o.type === "*")?.q ?? 0;
  const br = q("br");
  const gzip = q("gzip");
  return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : undefined;
}

/** An HTML page with no validators: errors, 404s, the 503 before the first publish. */
export function sendPage(c: AppContext, body: string, status: 404 | 500 | 503, served: "error" | "notFound"): Response {
  const coding = bodyCoding(c, body);
  return c.body(body, status, { ...headersFor(served, "html"), ...(coding ? { "Content-Encoding": coding } : {}) });
}

/**
 * The key a rendered body is kept under, in both tiers: the version, the Worker's own version (a
 * deploy of new code renders anew: the location's cache outlives it), the origin (links are built
 * on it), the path and, for a feed or listing page, the page and limit as read (`?page=1`,
 * `?page=01` and none are one render) and the filter's one spelling. Anything else in the query (a reader's utm_…) shares the
 * same render, so made-up query strings cannot make the isolate render again and again. A URL,
 * because the location's cache takes only URLs: under `/_render/`, a path no route answers.
 */
export function bodyKey(version: string, worker: string, requestUrl: string, paging?: Paging): string {
  const url = new URL(requestUrl);
  const filter = paging?.filter ? `&q=${encodeURIComponent(paging.filter.canonical)}` : "";
  return `${url.origin}/_render/${encodeURIComponent(version)}/${encodeURIComponent(worker)}${url.pathname}${paging ? `?page=${paging.page}&limit=${paging.limit}${filter}` : ""}`;
}

/** The Worker's version: Cloudflare's id of the deploy, new on each `wrangler deploy` and each start of `wrangler dev`; "-" where the binding is missing (the bench in Node). */
function workerVersion(c: AppContext): string {
  return c.env.CF_VERSION_METADATA?.id || "-";
}

/** Work to finish after the answer (the runtime's waitUntil); where there is no runtime, it just runs. */
function defer(c: AppContext, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // Hono throws when called without an execution context (the bench in Node); the work still runs
  }
}

/** Where rendered bodies are kept, nearest first. */
const tiers: readonly BodyCache[] = [isolateCache(), locationCache()];

/** A body from the nearest tier that has it (kept then in the nearer ones), else rendered and kept in all; and which answered. */
async function findOrRender(c: AppContext, key: string, render: () => Promise<Body>): Promise<{ body: Body; from?: string }> {
  const put = (body: Body, upTo: number) => tiers.slice(0, upTo).forEach((tier) => tier.put(key, body, (work) => defer(c, work)));
  for (const [index, tier] of tiers.entries()) {
    const body = await tier.get(key);
    if (body) {
      put(body, index);
      return { body, from: tier.name };
    }
  }
  const body = await render();
  put(body, tiers.length);
  return { body };
}

/**
 * Answers with a rendered body: from the isolate when this version already rendered this URL,
 * else from the location's cache when another isolate did, else rendered now; `Cache-Status`
 * (RFC 9211) says which. Adds a content ETag (one per coding) and Last-Modified, and answers 304
 * when the request's validators match. `render` throws HTTPException(404) for what is not there.
 */
export async function send(c: AppContext, served: "feed" | "page" | "article" | "opml", render: () => Promise<Body>, paging?: Paging): Promise<Response> {
  const { body, from } = await findOrRender(c, bodyKey(c.var.manifest.head.version, workerVersion(c), c.req.url, paging), render);
  const lastModified = body.lastModified ? new Date(body.lastModified) : undefined;
  const coding = bodyCoding(c, body.bytes);
  const headers: Record<string, string> = {
    ...headersFor(served, body.type),
    ETag: representationEtag(body.etag, coding),
    ...(lastModified ? { "Last-Modified": lastModified.toUTCString() } : {}),
    "Cache-Status": from ? `feed-publisher; hit; detail=${from}` : "feed-publisher; fwd=miss",
  };
  if (notModified(c.req.raw.headers, body.etag, lastModified)) return c.body(null, 304, headers);
  // KV, the encoder and the Cache API never hand back a SharedArrayBuffer
  return c.body(body.bytes as Uint8Array<ArrayBuffer>, 200, coding ? { ...headers, "Content-Encoding": coding } : headers);
}
