/**
 * Cloudflare's cache of a location (the Cache API), shared by every isolate there: the first to
 * render a feed of a version stores the body, the others take it instead of reading KV and
 * rendering again. Keyed by the deployed version, so nothing in it is ever stale, only unused.
 * On `*.workers.dev` it stores nothing, and outside workerd (the bench in Node) it may not exist:
 * every failure here counts as a miss.
 */
import type { Rendered, Sent } from "./send.js";

/** How long a version's bodies may stay: past a day the version is long replaced. */
const KEEP_SECONDS = 86_400;

function cache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : caches.default;
}

/** The cache's key for a render key (origin, path, paging): under a path of the site's own origin that no route answers. */
export function sharedKey(version: string, renderKey: string): string {
  const url = new URL(renderKey);
  return `${url.origin}/_render/${encodeURIComponent(version)}${url.pathname}${url.search}`;
}

export async function sharedBody(key: string): Promise<Sent | undefined> {
  try {
    const hit = await cache()?.match(key);
    if (!hit) return undefined;
    const lastModified = hit.headers.get("X-Last-Modified");
    return {
      body: new Uint8Array(await hit.arrayBuffer()),
      type: hit.headers.get("X-Media-Kind") as Rendered["type"],
      etag: hit.headers.get("ETag")!,
      ...(lastModified ? { lastModified } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Stores a render for the location's other isolates; `defer` keeps the request from waiting on it. */
export function shareBody(key: string, entry: Sent, defer: (work: Promise<unknown>) => void): void {
  const store = cache();
  if (!store) return;
  const headers: Record<string, string> = {
    "Cache-Control": `public, max-age=${KEEP_SECONDS}`,
    "Content-Type": "text/plain; charset=utf-8",
    ETag: entry.etag,
    "X-Media-Kind": entry.type,
    ...(entry.lastModified ? { "X-Last-Modified": entry.lastModified } : {}),
  };
  defer(store.put(key, new Response(entry.body, { headers })).catch(() => undefined));
}
