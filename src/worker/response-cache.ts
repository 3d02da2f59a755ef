import { BudgetCache } from "./budget-cache.js";

/**
 * Rendered bodies, kept in the isolate and keyed by the deployed version and the URL: a feed is
 * rendered once per version per isolate, not once per poll. The location's cache
 * (shared-cache.ts) shares renders between isolates where it stores anything; this works
 * everywhere, *.workers.dev included.
 */
export interface CachedBody {
  /** UTF-8, as sent. */
  body: Uint8Array;
  etag: string;
}

const MAX_BYTES = 24 * 1024 * 1024;
// a body over a quarter of the budget is not kept
const bodies = new BudgetCache<CachedBody>(MAX_BYTES, ({ body }) => body.byteLength, MAX_BYTES / 4);

export function cachedBody<T extends CachedBody>(key: string): T | undefined {
  return bodies.get(key) as T | undefined;
}

export function cacheBody(key: string, value: CachedBody): void {
  bodies.set(key, value);
}
