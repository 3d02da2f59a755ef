/**
 * Cloudflare's cache of a location (the Cache API), shared by every isolate there: the first to
 * render a body of a version stores it, the others take it instead of reading KV and rendering
 * again. Keys carry the version, so nothing in it is ever stale, only unused. On `*.workers.dev`
 * it stores nothing, and outside workerd (the bench in Node) it may not exist: a failure counts
 * as a miss, and is logged.
 */
import type { MediaKind } from "../content-types.js";
import type { Body, BodyCache } from "./body.js";

/** How long a version's bodies may stay: past a day the version is long replaced. */
const KEEP_SECONDS = 86_400;

function logFailure(what: string, error: unknown): void {
  console.error(JSON.stringify({ level: "warn", message: `the location's cache failed to ${what}: ${error instanceof Error ? error.message : String(error)}` }));
}

export function locationCache(): BodyCache {
  const cache = () => (typeof caches === "undefined" ? undefined : caches.default);
  return {
    name: "location",
    async get(key) {
      try {
        const hit = await cache()?.match(key);
        if (!hit) return undefined;
        const lastModified = hit.headers.get("X-Last-Modified");
        return {
          bytes: new Uint8Array(await hit.arrayBuffer()),
          type: hit.headers.get("X-Media-Kind") as MediaKind,
          etag: hit.headers.get("ETag")!,
          ...(lastModified ? { lastModified } : {}),
        };
      } catch (error) {
        logFailure("read", error);
        return undefined;
      }
    },
    put(key, body, defer) {
      const store = cache();
      if (!store) return;
      const headers: Record<string, string> = {
        "Cache-Control": `public, max-age=${KEEP_SECONDS}`,
        "Content-Type": "text/plain; charset=utf-8",
        ETag: body.etag,
        "X-Media-Kind": body.type,
        ...(body.lastModified ? { "X-Last-Modified": body.lastModified } : {}),
      };
      defer(store.put(key, new Response(body.bytes as Uint8Array<ArrayBuffer>, { headers })).catch((error: unknown) => logFailure("store", error)));
    },
  };
}
