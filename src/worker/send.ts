import type { Context } from "hono";
import { parseAccept } from "hono/utils/accept";
import { contentType, type MediaKind } from "../content-types.js";
import type { Manifest } from "../kv/manifest.js";
import { bodyEtag, notModified, representationEtag } from "./conditional.js";
import type { Paging } from "./params.js";
import { cacheBody, cachedBody } from "./response-cache.js";
import { shareBody, sharedBody, sharedKey } from "./shared-cache.js";

export type AppEnv = { Bindings: Cloudflare.Env; Variables: { manifest: Manifest } };
export type AppContext = Context<AppEnv>;

/** What a route renders; `send` adds validators, caching and the headers of its kind. */
export interface Rendered {
  /** Text, or its UTF-8 bytes where the route has them already (OPML). */
  body: string | Uint8Array;
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
    Vary: "Accept-Encoding",
    ...(type === "html" ? pageHeaders : { "Access-Control-Allow-Origin": "*" }),
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

/** An HTML page with no validators: errors, 404s, the 503 before the first deploy. */
export function sendPage(c: AppContext, body: string, status: 404 | 500 | 503, kind: "error" | "notFound"): Response {
  const coding = bodyCoding(c, body);
  return c.body(body, status, { ...headersFor(kind, "html"), ...(coding ? { "Content-Encoding": coding } : {}) });
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

/** Work to finish after the answer (the runtime's waitUntil); where there is no runtime, it just runs. */
function defer(c: AppContext, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // Hono throws when called without an execution context (the bench in Node); the work still runs
  }
}

/** A rendered body as it is sent and kept: UTF-8 bytes, with their ETag. */
export type Sent = Omit<Rendered, "body"> & { body: Uint8Array; etag: string };

const encoder = new TextEncoder();

/**
 * Answers with a rendered body: from the isolate's cache when this version already rendered this
 * URL, else from the location's cache when another isolate did, else rendered now. Adds a
 * content ETag (one per coding) and Last-Modified, and answers 304 when the request's validators
 * match. `render` throws HTTPException(404) for what is not there.
 */
export async function send(
  c: AppContext,
  kind: "feed" | "listing" | "article" | "directory",
  render: () => Promise<Rendered>,
  paging?: Paging,
): Promise<Response> {
  const version = c.var.manifest.head.version;
  const renderKey = cacheKey(c.req.url, paging);
  const key = `${version} ${renderKey}`;
  let entry = cachedBody<Sent>(key);
  if (!entry) {
    const shared = sharedKey(version, renderKey);
    entry = await sharedBody(shared);
    if (!entry) {
      const rendered = await render();
      // kept as the bytes sent: a body served again is not encoded again
      const body = typeof rendered.body === "string" ? encoder.encode(rendered.body) : rendered.body;
      entry = { ...rendered, body, etag: await bodyEtag(body) };
      shareBody(shared, entry, (work) => defer(c, work));
    }
    cacheBody(key, entry);
  }
  const lastModified = entry.lastModified ? new Date(entry.lastModified) : undefined;
  const coding = bodyCoding(c, entry.body);
  const headers: Record<string, string> = {
    ...headersFor(kind, entry.type),
    ETag: representationEtag(entry.etag, coding),
    ...(lastModified ? { "Last-Modified": lastModified.toUTCString() } : {}),
  };
  if (notModified(c.req.raw.headers, entry.etag, lastModified)) return c.body(null, 304, headers);
  // KV, the encoder and the Cache API never hand back a SharedArrayBuffer
  return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, coding ? { ...headers, "Content-Encoding": coding } : headers);
}
