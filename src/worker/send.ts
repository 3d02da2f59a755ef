import type { Context } from "hono";
import { contentType, type MediaKind } from "../content-types.js";
import type { Manifest } from "../kv/manifest.js";
import { bodyEtag, notModified } from "./conditional.js";
import type { Paging } from "./params.js";
import { cacheBody, cachedBody } from "./response-cache.js";

export type AppEnv = { Bindings: Cloudflare.Env; Variables: { manifest: Manifest } };
export type AppContext = Context<AppEnv>;

/** What a route renders; `send` adds validators, caching and the headers of its kind. */
export interface Rendered {
  body: string;
  type: MediaKind;
  /** Newest item's date (RFC 3339): `Last-Modified`. */
  lastModified?: string;
}

/** How long readers and caches may keep each kind of answer. Feeds change with every deploy; articles rarely. */
export const cacheControl = {
  feed: "public, max-age=300, stale-while-revalidate=3600",
  listing: "public, max-age=300, stale-while-revalidate=3600",
  article: "public, max-age=86400, stale-while-revalidate=604800",
  directory: "public, max-age=3600, stale-while-revalidate=86400",
  error: "no-store",
  notFound: "public, max-age=60",
} as const;

// Pages hold no script; these keep it that way even if a post slipped something through.
export const pageHeaders: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

function headersFor(kind: keyof typeof cacheControl, type: MediaKind): Record<string, string> {
  return {
    "Content-Type": contentType(type),
    "Cache-Control": cacheControl[kind],
    "X-Content-Type-Options": "nosniff",
    ...(type === "html" ? pageHeaders : { "Access-Control-Allow-Origin": "*" }),
  };
}

/** An HTML page with no validators: errors, 404s, the 503 before the first deploy. */
export function sendPage(c: AppContext, body: string, status: 404 | 500 | 503, kind: "error" | "notFound"): Response {
  return c.body(body, status, headersFor(kind, "html"));
}

/**
 * What a rendered body depends on: the origin (links are built on it), the path and, for a feed
 * or listing, the page and limit as read (`?page=1`, `?page=01` and none are one render). Anything
 * else in the query (a reader's utm_…) shares the same render, so a stream of made-up query
 * strings cannot make the isolate render again and again.
 */
export function cacheKey(requestUrl: string, paging?: Paging): string {
  const url = new URL(requestUrl);
  return paging ? `${url.origin}${url.pathname}?page=${paging.page}&limit=${paging.limit}` : `${url.origin}${url.pathname}`;
}

/**
 * Answers with a rendered body: from the isolate's cache when this version already rendered this
 * URL, else rendered now. Adds a content ETag and Last-Modified, and answers 304 when the
 * request's validators match. `render` throws HTTPException(404) for what is not there.
 */
export async function send(
  c: AppContext,
  kind: "feed" | "listing" | "article" | "directory",
  render: () => Promise<Rendered>,
  paging?: Paging,
): Promise<Response> {
  const key = `${c.var.manifest.head.version} ${cacheKey(c.req.url, paging)}`;
  let entry = cachedBody<Rendered & { etag: string }>(key);
  if (!entry) {
    const rendered = await render();
    entry = { ...rendered, etag: await bodyEtag(rendered.body) };
    cacheBody(key, entry);
  }
  const lastModified = entry.lastModified ? new Date(entry.lastModified) : undefined;
  const headers: Record<string, string> = {
    ...headersFor(kind, entry.type),
    ETag: entry.etag,
    ...(lastModified ? { "Last-Modified": lastModified.toUTCString() } : {}),
  };
  if (notModified(c.req.raw.headers, entry.etag, lastModified)) return c.body(null, 304, headers);
  return c.body(entry.body, 200, headers);
}
