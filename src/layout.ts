/**
 * Where things live in KV: the arithmetic that the bundler uses to place chunks in packs and the
 * Worker uses to find them again. Change it and every pack is rewritten on the next deploy.
 */

/** Feed pages per bucket: the pages of one feed that share a pack. */
export const PAGES_PER_BUCKET = 8;

/** FNV-1a, 32 bit: a stable spread of names over packs (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export type FeedKind = "main" | "category" | "tag";

/** `main`, `category/<name>`, `tag/<name>`: names lowercased, as Jekyll lowercases categories in URLs. */
export function feedId(kind: FeedKind, name = ""): string {
  return kind === "main" ? "main" : `${kind}/${name.toLowerCase()}`;
}

export function feedChunkName(id: string, page: number): string {
  return `feed:${id}#${page}`;
}

/** Pages 1–8 are bucket 0, 9–16 bucket 1, … */
export function feedBucket(page: number): number {
  return Math.floor((page - 1) / PAGES_PER_BUCKET);
}

export function feedPackIndex(id: string, bucket: number, packCount: number): number {
  return fnv1a(`${id}#${bucket}`) % packCount;
}

/**
 * `YYYY/MM/DD` of a permalink (`/<categories>/YYYY/MM/DD/<slug>.html`), which picks its article
 * pack; `undated` for a post's own `permalink:` without one.
 */
export function articleDay(path: string): string {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.html$/.exec(path);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : "undated";
}

export function articlePackIndex(path: string, packCount: number): number {
  return fnv1a(path) % packCount;
}

export function articleChunkName(path: string): string {
  return `post:${path}`;
}

export const DIRECTORY_CHUNK = "directory";

/** Feed packs are filled to about this size: large enough that a deploy writes few keys, small enough to read fast. */
export const TARGET_PACK_BYTES = 4 * 1024 * 1024;
/** Article packs are smaller: an article request reads one, and its header lists every post in it. */
export const TARGET_ARTICLE_PACK_BYTES = 1024 * 1024;
