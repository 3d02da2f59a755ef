import { kvKeys } from "../kv-keys.js";
import {
  DIRECTORY_CHUNK,
  articleChunkName,
  articleDay,
  articlePackIndex,
  feedBucket,
  feedChunkName,
  feedPackIndex,
} from "../layout.js";
import { CorruptPackError, readChunk } from "../pack-format.js";
import type { FeedInfo, FeedPage, Manifest, PostRecord } from "../post.js";

/** Packs never change under a key, so KV's edge cache may keep them long. */
const PACK_CACHE_TTL = 86_400;
/** The manifest may be this stale at the edge; KV takes up to 60 s to propagate anyway. */
const MANIFEST_CACHE_TTL = 60;

let parsedManifest: { text: string; manifest: Manifest; at: number } | undefined;

/**
 * The manifest of the version being served, or undefined when nothing has been deployed. Within
 * `maxAgeMs` of the last read, the isolate answers from memory: a cached feed then costs no KV
 * read at all, and a deploy shows that much later (on top of KV's own propagation).
 */
export async function readManifest(kv: KVNamespace, maxAgeMs = 0): Promise<Manifest | undefined> {
  if (parsedManifest && maxAgeMs > 0 && Date.now() - parsedManifest.at < maxAgeMs) return parsedManifest.manifest;
  const text = await kv.get(kvKeys.manifest, { type: "text", cacheTtl: MANIFEST_CACHE_TTL });
  if (text === null) return undefined;
  // Parsing is the cost, not the read: reuse the parse while the text is the same.
  if (parsedManifest?.text !== text) {
    try {
      parsedManifest = { text, manifest: JSON.parse(text) as Manifest, at: Date.now() };
    } catch {
      throw new CorruptPackError("the manifest in KV is not JSON");
    }
  }
  parsedManifest.at = Date.now();
  return parsedManifest.manifest;
}

export class MissingPackError extends Error {}

async function readPack(kv: KVNamespace, key: string): Promise<ArrayBuffer> {
  const pack = await kv.get(key, { type: "arrayBuffer", cacheTtl: PACK_CACHE_TTL });
  if (!pack) throw new MissingPackError(`pack ${key} named by the manifest is not in KV`);
  return pack;
}

/** A run of a feed's items, newest first: one page at a given page size. */
export interface FeedWindow {
  feed: FeedInfo;
  /** 1-based page at this window's size. */
  page: number;
  limit: number;
  /** Pages of the whole feed at this size. */
  pages: number;
  items: PostRecord[];
}

/**
 * Page `page` of feed `id` at `limit` items a page (1 ≤ limit ≤ manifest.pageSize). Every such window
 * lies in one pack, so this is one KV read. Undefined for an unknown feed or a page past the end.
 */
export async function readFeedWindow(kv: KVNamespace, manifest: Manifest, id: string, page: number, limit: number): Promise<FeedWindow | undefined> {
  const size = manifest.pageSize;
  const start = (page - 1) * limit;
  const first = Math.floor(start / size) + 1;
  const pack = await readPack(kv, manifest.feedPacks[feedPackIndex(id, feedBucket(first), manifest.feedPacks.length)]!);
  const head = readChunk<FeedPage>(pack, feedChunkName(id, first));
  if (!head) return undefined;
  const { feed } = head;
  const pages = Math.max(1, Math.ceil(feed.total / limit));
  if (page > pages) return undefined;
  let items = head.items;
  const end = Math.min(start + limit, feed.total);
  const last = end > 0 ? Math.floor((end - 1) / size) + 1 : first;
  if (last !== first) items = items.concat(readChunk<FeedPage>(pack, feedChunkName(id, last))?.items ?? []);
  const offset = start - (first - 1) * size;
  return { feed, page, limit, pages, items: items.slice(offset, offset + limit) };
}

/** The article at a canonical permalink path: one KV read. */
export async function readArticle(kv: KVNamespace, manifest: Manifest, path: string): Promise<PostRecord | undefined> {
  const packs = manifest.articlePacks[articleDay(path)];
  if (!packs?.length) return undefined;
  const pack = await readPack(kv, packs[articlePackIndex(path, packs.length)]!);
  return readChunk<PostRecord>(pack, articleChunkName(path));
}

let directory: { pack: string; feeds: FeedInfo[] } | undefined;

/** Every category and tag feed; kept in the isolate while the version lasts (old-link redirects read it on every miss). */
export async function readDirectory(kv: KVNamespace, manifest: Manifest): Promise<FeedInfo[]> {
  if (directory?.pack !== manifest.directoryPack) {
    const feeds = readChunk<FeedInfo[]>(await readPack(kv, manifest.directoryPack), DIRECTORY_CHUNK) ?? [];
    directory = { pack: manifest.directoryPack, feeds };
  }
  return directory.feeds;
}
