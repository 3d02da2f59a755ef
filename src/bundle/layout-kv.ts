import { createHash } from "node:crypto";
import { escapeXml } from "../escape.js";
import { kvKeys } from "../kv-keys.js";
import {
  DIRECTORY_CHUNK,
  TARGET_ARTICLE_PACK_BYTES,
  TARGET_PACK_BYTES,
  articleChunkName,
  articleDay,
  articlePackIndex,
  feedBucket,
  feedChunkName,
  feedId,
  feedPackIndex,
  type FeedKind,
} from "../layout.js";
import { encodePack } from "../pack-format.js";
import type { FeedInfo, Manifest, PostRecord } from "../post.js";
import type { Site } from "../site.js";
import { PackShelf } from "./pack-shelf.js";
import { mergeSameArticles } from "./same-article.js";

/** Everything a version consists of: the packs to have in KV, and the manifest that names them. */
export interface KvLayout {
  manifest: Omit<Manifest, "retired">;
  /** Pack key → value. */
  packs: PackShelf;
}

function sha256(text: string | Uint8Array, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

interface Feed {
  info: FeedInfo;
  items: PostRecord[];
}

/** The main feed (an article published twice shown once) and one feed per category and per tag. */
/** Feed items carry at most this much HTML; a longer post gets its summary and a link, its page has it all. */
export const MAX_FEED_CONTENT = 200_000;

function forFeeds(record: PostRecord, site: Site): PostRecord {
  if (record.contentHtml.length <= MAX_FEED_CONTENT) return record;
  const link = `${site.url}${record.path}`;
  return { ...record, contentHtml: `<p>${escapeXml(record.summary)}</p><p><a href="${escapeXml(link)}">阅读全文 Read the whole article</a></p>` };
}

/** A category's most common tag (ties: the first seen), as its readable name. */
function labelOf(items: readonly PostRecord[]): { label?: string } {
  const counts = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  let label: string | undefined;
  for (const [tag, count] of counts) if (label === undefined || count > counts.get(label)!) label = tag;
  return label ? { label } : {};
}

function collectFeeds(all: readonly PostRecord[], pageSize: number, site: Site): Feed[] {
  const records = all.map((record) => forFeeds(record, site));
  const feeds = new Map<string, { kind: FeedKind; name: string; items: PostRecord[] }>();
  const add = (kind: FeedKind, name: string, record: PostRecord) => {
    const id = feedId(kind, name);
    const feed = feeds.get(id) ?? feeds.set(id, { kind, name, items: [] }).get(id)!;
    feed.items.push(record);
  };
  for (const record of mergeSameArticles(records)) add("main", "", record);
  for (const record of records) {
    for (const name of new Set(record.categories.map((c) => c.toLowerCase()))) add("category", record.categories.find((c) => c.toLowerCase() === name)!, record);
    for (const name of new Set(record.tags.map((t) => t.toLowerCase()))) add("tag", record.tags.find((t) => t.toLowerCase() === name)!, record);
  }
  if (!feeds.has("main")) feeds.set("main", { kind: "main", name: "", items: [] });
  return [...feeds.entries()].map(([id, { kind, name, items }]) => ({
    info: {
      id,
      kind,
      name,
      ...(kind === "category" ? labelOf(items) : {}),
      total: items.length,
      pages: Math.max(1, Math.ceil(items.length / pageSize)),
      updated: items[0]?.date ?? "1970-01-01T00:00:00Z",
    },
    items,
  }));
}

/**
 * A feed page's chunk: the JSON of a `FeedPage`, exactly as JSON.stringify writes it, put together
 * from each item's JSON made once (an item is on several feeds' pages and on its article page).
 */
function feedPage(feed: Feed, page: number, pageSize: number, json: JsonOf): string {
  const info = json(feed.info);
  const items = feed.items.slice((page - 1) * pageSize, page * pageSize).map(json).join(",");
  const hash = sha256(`[${info},${page},[${items}]]`, 16);
  return `{"feed":${info},"page":${page},"hash":"${hash}","items":[${items}]}`;
}

type JsonOf = (value: object) => string;

/** JSON.stringify, remembered per object for the length of one layout. */
function jsonMemo(): JsonOf {
  const made = new WeakMap<object, string>();
  return (value) => {
    let text = made.get(value);
    if (text === undefined) made.set(value, (text = JSON.stringify(value)));
    return text;
  };
}

/** Smallest power of two that spreads `bytes` into packs of about `target` bytes. */
function packCountFor(bytes: number, target = TARGET_PACK_BYTES): number {
  let count = 1;
  while (bytes / count > target) count *= 2;
  return count;
}

function sealPacks(groups: Map<string, string>[], packs: PackShelf): string[] {
  return groups.map((chunks) => {
    const value = encodePack([...chunks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // encoded once: hashed and shelved as these bytes
    const bytes = Buffer.from(value);
    const key = kvKeys.pack(sha256(bytes, 24));
    packs.set(key, value, bytes);
    return key;
  });
}

/**
 * Articles go in packs of consecutive permalink days, filled from the oldest day to about
 * TARGET_ARTICLE_PACK_BYTES, so a day's new posts usually rewrite just the newest packs. A day larger than
 * that is split by `articlePackIndex`.
 */
function packArticles(records: readonly PostRecord[], packs: PackShelf, json: JsonOf): Record<string, string[]> {
  const byDay = new Map<string, [name: string, json: string][]>();
  for (const record of records) {
    const day = articleDay(record.path);
    const posts = byDay.get(day) ?? byDay.set(day, []).get(day)!;
    posts.push([articleChunkName(record.path), json(record)]);
  }
  const articlePacks: Record<string, string[]> = {};
  let run: { days: string[]; chunks: Map<string, string>; bytes: number } = { days: [], chunks: new Map(), bytes: 0 };
  const seal = () => {
    if (!run.days.length) return;
    const [key] = sealPacks([run.chunks], packs);
    for (const day of run.days) articlePacks[day] = [key!];
    run = { days: [], chunks: new Map(), bytes: 0 };
  };
  for (const day of [...byDay.keys()].sort()) {
    const posts = byDay.get(day)!;
    const bytes = posts.reduce((sum, [, json]) => sum + Buffer.byteLength(json), 0);
    if (bytes > TARGET_ARTICLE_PACK_BYTES) {
      seal();
      const groups = Array.from({ length: packCountFor(bytes, TARGET_ARTICLE_PACK_BYTES) }, () => new Map<string, string>());
      for (const [name, json] of posts) groups[articlePackIndex(name.slice("post:".length), groups.length)]!.set(name, json);
      articlePacks[day] = sealPacks(groups, packs);
      continue;
    }
    if (run.bytes + bytes > TARGET_ARTICLE_PACK_BYTES) seal();
    run.days.push(day);
    for (const [name, json] of posts) run.chunks.set(name, json);
    run.bytes += bytes;
  }
  seal();
  return articlePacks;
}

/**
 * Lays out published posts (newest first) as packs and a manifest. Feed pages of one feed share a
 * pack per bucket of PAGES_PER_BUCKET pages, and each bucket's pack also holds the first page of the
 * next bucket, so that any window of up to `pageSize` items is in one pack. With `spillDir`, packs
 * wait on disk rather than in memory.
 */
export function layOutKv(records: readonly PostRecord[], site: Site, options: { spillDir?: string } = {}): KvLayout {
  const pageSize = site.itemsPerFeed;
  const packs = new PackShelf(options.spillDir);

  const feeds = collectFeeds(records, pageSize, site);
  const json = jsonMemo();
  // Pack count from the records' sizes, so that no page is made before its pack is.
  const recordBytes = new Map(records.map((r) => [r.path, Buffer.byteLength(json(r))]));
  const feedBytes = feeds.reduce((sum, feed) => sum + feed.items.reduce((s, r) => s + (recordBytes.get(r.path) ?? 0), 0), 0);
  recordBytes.clear();
  const packCount = packCountFor(feedBytes);
  // Which pages go in which pack (a bucket's first page also in the pack of the bucket before),
  // then one pack at a time: its pages made, sealed, let go.
  const placements: [feed: Feed, page: number][][] = Array.from({ length: packCount }, () => []);
  for (const feed of feeds) {
    for (let page = 1; page <= feed.info.pages; page++) {
      const bucket = feedBucket(page);
      placements[feedPackIndex(feed.info.id, bucket, packCount)]!.push([feed, page]);
      if (page > 1 && feedBucket(page - 1) === bucket - 1) placements[feedPackIndex(feed.info.id, bucket - 1, packCount)]!.push([feed, page]);
    }
  }
  const feedPacks = placements.map((group) => {
    const chunks = new Map(group.map(([feed, page]) => [feedChunkName(feed.info.id, page), feedPage(feed, page, pageSize, json)] as const));
    return sealPacks([chunks], packs)[0]!;
  });

  const articlePacks = packArticles(records, packs, json);

  const directory = feeds
    .map((feed) => feed.info)
    .filter((info) => info.kind !== "main")
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [directoryPack] = sealPacks([new Map([[DIRECTORY_CHUNK, JSON.stringify(directory)]])], packs);

  const version = sha256(JSON.stringify([pageSize, feedPacks, articlePacks, directoryPack]), 16);
  return { manifest: { version, total: records.length, pageSize, feedPacks, articlePacks, directoryPack: directoryPack! }, packs };
}
