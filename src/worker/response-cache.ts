/**
 * Rendered bodies, kept in the isolate and keyed by the deployed version and the URL: a feed is
 * rendered once per version per isolate, not once per poll. The Cache API would do the same
 * across isolates, but on *.workers.dev it stores nothing; this works everywhere.
 */
export interface CachedBody {
  body: string;
  etag: string;
}

const MAX_BYTES = 24 * 1024 * 1024;
const entries = new Map<string, CachedBody>();
let bytes = 0;

export function cachedBody<T extends CachedBody>(key: string): T | undefined {
  const hit = entries.get(key);
  if (hit) {
    // most recently used goes last
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit as T | undefined;
}

export function cacheBody(key: string, value: CachedBody): void {
  if (value.body.length * 2 > MAX_BYTES / 4) return;
  const old = entries.get(key);
  if (old) {
    entries.delete(key);
    bytes -= old.body.length * 2;
  }
  entries.set(key, value);
  bytes += value.body.length * 2;
  for (const [oldest, { body }] of entries) {
    if (bytes <= MAX_BYTES) break;
    entries.delete(oldest);
    bytes -= body.length * 2;
  }
}
