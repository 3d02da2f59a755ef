import { deflateRawSync } from "node:zlib";
import { encodeArticlePack } from "../../kv/article-pack.js";
import { encodeCatalogPack, type CatalogEntry } from "../../kv/catalog-pack.js";
import { encodeHotPack } from "../../kv/hot-pack.js";
import { articleDay, articleGroup, articlePackIndex, articlePeriod, hotPackIndex, hotStart, runBlocks, runCount } from "../../kv/locate.js";
import { LAYOUT_FORMAT, type AliasTable } from "../../kv/manifest.js";
import type { ItemJson } from "../../kv/pack.js";
import { encodeRunPack, runBlockChunk } from "../../kv/run-pack.js";
import { encodeWindowPack, windowPackIndex } from "../../kv/window-pack.js";
import { searchText } from "./search-text.js";
import { by } from "../../compare.js";
import type { FeedInfo, PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { groupBy } from "../group-by.js";
import { contentHash, recordHash } from "./record-hashes.js";
import { collectFeeds, summarizeFeed, type FeedList, type FeedSummary } from "./feed-lists.js";

/** A pack: its content hash, known without making it, and how to encode it when KV lacks it. */
export interface PlannedPack {
  hash: string;
  encode(): Uint8Array;
}

/** The packs of the posts up to a cut (sealed), with what the manifest says of them; packs named by hash. */
export interface SealedLayout {
  /** Hash of the posts laid out and of the layout's settings: the same key, the same layout. */
  key: string;
  hot: string[];
  windows: string[];
  catalog: string;
  /** Feeds with full blocks: FeedInfo and run packs. */
  feeds: Record<string, { info: FeedInfo; runs: string[] }>;
  aliases: AliasTable;
  /** Article period → packs. */
  articles: Record<string, string[]>;
  packs: Map<string, PlannedPack>;
  /** Every feed up to the cut, in id order: what the delta's FeedInfos are laid onto. */
  summaries: Map<string, FeedSummary>;
}

/** Hot and window packs are filled to about this much JSON before compression (about a third of that after). */
const HOT_PACK_BYTES = 3 * 1024 * 1024;
/** A period's articles are split into packs of at most this much JSON. */
const ARTICLE_PACK_BYTES = 16 * 1024 * 1024;
/** A day's articles in a pack go in groups of about this much JSON: the most an article request inflates. */
const ARTICLE_GROUP_BYTES = 48 * 1024;

const byId = by((item: { id: string }) => item.id);
const byPath = by((record: PostRecord) => record.path);
const byKey = by(([key]: [string, unknown]) => key);

const deflate = (text: string) => deflateRawSync(text, { level: 6 });
const asItems = (records: readonly PostRecord[]): ItemJson[] => records.map((record) => ({ key: record.path, json: JSON.stringify(record) }));
const hashesOf = (records: readonly PostRecord[]) => records.map((record) => recordHash(record).hash);

function powerOfTwoFor(bytes: number, target: number): number {
  let count = 1;
  while (bytes / count > target) count *= 2;
  return count;
}

function sumBytes(records: readonly PostRecord[]): number {
  let bytes = 0;
  for (const record of records) bytes += recordHash(record).bytes;
  return bytes;
}

/** The key of the layout of these posts (newest first). */
export function sealedKey(records: readonly PostRecord[], site: Site): string {
  return contentHash([`${LAYOUT_FORMAT} ${site.itemsPerFeed} ${site.filterWindow} ${site.url}`, ...hashesOf(records)]);
}

// The last layout made in this process: a run of publishes with the same sealed posts lays them out once.
let last: SealedLayout | undefined;

/**
 * Lays out the posts up to a cut (newest first) as packs: each feed's full blocks in runs and its
 * newest items in a hot pack, the articles by period, the catalog. A pure function of the
 * records: the same posts give the same packs.
 */
export function layOutSealed(records: readonly PostRecord[], site: Site, epochOf: (record: PostRecord) => number, key = sealedKey(records, site)): SealedLayout {
  if (last?.key !== key) last = layOut(key, records, site, epochOf);
  return last;
}

export function catalogEntry({ info, tags }: FeedSummary): CatalogEntry {
  return tags ? { info, tags: [...tags] } : { info };
}

export function feedSummary({ info, tags }: CatalogEntry): FeedSummary {
  return tags ? { info, tags: new Map(tags) } : { info };
}

interface SealedFeed extends FeedSummary {
  list: FeedList;
}

/** Packs by hash, each added once. */
class PackSet {
  readonly packs = new Map<string, PlannedPack>();
  add(hash: string, encode: () => Uint8Array): string {
    if (!this.packs.has(hash)) this.packs.set(hash, { hash, encode });
    return hash;
  }
}

function layOut(key: string, records: readonly PostRecord[], site: Site, epochOf: (record: PostRecord) => number): SealedLayout {
  const pageSize = site.itemsPerFeed;
  const packs = new PackSet();
  const feeds: SealedFeed[] = collectFeeds(records, site, epochOf)
    .filter((list) => list.items.length || list.kind === "main")
    .map((list) => ({ list, ...summarizeFeed(list, list.items, pageSize) }));
  const { stored, aliases } = storeOnce(feeds);
  const runFeeds: SealedLayout["feeds"] = {};
  for (const feed of stored) {
    const runs = layOutRuns(feed, pageSize, packs);
    if (runs.length) runFeeds[feed.list.id] = { info: feed.info, runs };
  }
  const inIdOrder = [...feeds].sort((a, b) => byId(a.info, b.info));
  const entries = inIdOrder.map(catalogEntry);
  const catalog = contentHash([`${LAYOUT_FORMAT} catalog`, JSON.stringify(entries)]);
  packs.add(catalog, () => encodeCatalogPack(catalog, entries, deflate));
  return {
    key,
    hot: layOutHotPacks(stored, pageSize, packs),
    windows: layOutWindows(stored, site.filterWindow, packs),
    catalog,
    feeds: runFeeds,
    aliases,
    articles: layOutArticles(records, packs),
    packs: packs.packs,
    summaries: new Map(inIdOrder.map(({ list, info, tags }) => [list.id, tags ? { info, tags } : { info }])),
  };
}

/** A category or tag whose items are exactly another's is stored once, under the first (the main feed, then categories, then tags). */
function storeOnce(feeds: readonly SealedFeed[]): { stored: SealedFeed[]; aliases: AliasTable } {
  const aliases: AliasTable = {};
  const stored: SealedFeed[] = [];
  const bySignature = new Map<string, SealedFeed>();
  const order = (f: SealedFeed) => (f.list.kind === "main" ? 0 : f.list.kind === "category" ? 1 : 2);
  for (const feed of [...feeds].sort((a, b) => order(a) - order(b) || byId(a.list, b.list))) {
    const signature = feed.list.kind === "main" ? "" : hashesOf(feed.list.items).join();
    const first = signature ? bySignature.get(signature) : undefined;
    if (first) aliases[feed.list.id] = [first.list.id, feed.info.name];
    else {
      if (signature) bySignature.set(signature, feed);
      stored.push(feed);
    }
  }
  return { stored, aliases };
}

/** A feed's full blocks, oldest first, RUN_BLOCKS to a run pack (each also holding the block before its first). */
function layOutRuns({ list }: SealedFeed, pageSize: number, packs: PackSet): string[] {
  const total = list.items.length;
  const oldestFirst = [...list.items].reverse();
  const blockItems = (b: number) => oldestFirst.slice(b * pageSize, (b + 1) * pageSize);
  const runs: string[] = [];
  for (let run = 0; run < runCount(total, pageSize); run++) {
    const { first, end } = runBlocks(run, total, pageSize);
    const blocks = Array.from({ length: end - first }, (_, i) => first + i);
    const hash = contentHash([`${LAYOUT_FORMAT} run ${pageSize}`, ...blocks.flatMap((b) => [runBlockChunk(b), ...hashesOf(blockItems(b))])]);
    runs.push(packs.add(hash, () => encodeRunPack(hash, blocks.map((block) => ({ block, items: asItems(blockItems(block)) })), deflate)));
  }
  return runs;
}

/** Every stored feed's hot chunk (its last full block and what follows), spread over hot packs by the hash of its id. */
function layOutHotPacks(stored: readonly SealedFeed[], pageSize: number, packs: PackSet): string[] {
  const chunks = stored.map(({ list, info }) => {
    const items = [...list.items].reverse().slice(hotStart(list.items.length, pageSize));
    return { id: list.id, info, items, bytes: sumBytes(items) };
  });
  const groups = groupFeeds(chunks, hotPackIndex);
  return groups.map((group, index) => {
    const hash = contentHash([`${LAYOUT_FORMAT} hot ${pageSize} ${index}/${groups.length}`, ...group.flatMap((c) => [JSON.stringify(c.info), ...hashesOf(c.items)])]);
    return packs.add(hash, () => encodeHotPack(hash, group.map(({ id, info, items }) => ({ id, info, items: asItems(items) })), deflate));
  });
}

/** Feeds' chunks in groups of about HOT_PACK_BYTES, a pack each, by the hash of their ids. */
function groupFeeds<T extends { id: string; bytes: number }>(chunks: readonly T[], packIndex: (id: string, count: number) => number): T[][] {
  const count = powerOfTwoFor(chunks.reduce((sum, c) => sum + c.bytes, 0), HOT_PACK_BYTES);
  const groups = Array.from({ length: count }, () => [] as T[]);
  for (const chunk of chunks) groups[count === 1 ? 0 : packIndex(chunk.id, count)]!.push(chunk);
  for (const group of groups) group.sort(byId);
  return groups;
}

/** Every stored feed's window (its newest `size` items, with their search text), spread over window packs by the hash of its id. */
function layOutWindows(stored: readonly SealedFeed[], size: number, packs: PackSet): string[] {
  const chunks = stored.map(({ list }) => {
    const items = list.items.slice(0, size);
    const texts = items.map(searchText);
    return { id: list.id, items, texts, bytes: sumBytes(items) / 2 + texts.reduce((sum, text) => sum + text.length * 3, 0) };
  });
  const groups = groupFeeds(chunks, windowPackIndex);
  return groups.map((group, index) => {
    const hash = contentHash([`${LAYOUT_FORMAT} window ${size} ${index}/${groups.length}`, ...group.flatMap((c) => [c.id, ...hashesOf(c.items)])]);
    return packs.add(hash, () => encodeWindowPack(hash, group.map(({ id, items, texts }) => ({ id, texts, items: items.map(({ contentHtml: _, ...item }) => item) })), deflate));
  });
}

/** Articles by period of days, split by hash of the path past ARTICLE_PACK_BYTES; a day's articles in groups by hash of the path. */
function layOutArticles(records: readonly PostRecord[], packs: PackSet): Record<string, string[]> {
  const articles: Record<string, string[]> = {};
  const days = new Map(records.map((record) => [record, articleDay(record.path)]));
  const byPeriod = groupBy(records, (record) => articlePeriod(days.get(record)!));
  for (const [period, list] of [...byPeriod].sort(byKey)) {
    const count = powerOfTwoFor(sumBytes(list), ARTICLE_PACK_BYTES);
    const parts = Array.from({ length: count }, () => [] as PostRecord[]);
    for (const record of list) parts[count === 1 ? 0 : articlePackIndex(record.path, count)]!.push(record);
    articles[period] = parts.map((part, index) => {
      const dayGroups = [...groupBy(part, (r) => days.get(r)!)].sort(byKey).map(([day, dayRecords]) => {
        const groupCount = Math.max(1, Math.ceil(sumBytes(dayRecords) / ARTICLE_GROUP_BYTES));
        const groups = Array.from({ length: groupCount }, () => [] as PostRecord[]);
        for (const record of dayRecords) groups[groupCount === 1 ? 0 : articleGroup(record.path, groupCount)]!.push(record);
        return { day, groups: groups.map((group) => group.sort(byPath)) };
      });
      const hash = contentHash([
        `${LAYOUT_FORMAT} articles ${period} ${index}/${count}`,
        ...dayGroups.flatMap(({ day, groups }) => [`${day} ${groups.length}`, ...groups.flatMap((group, g) => [String(g), ...hashesOf(group)])]),
      ]);
      return packs.add(hash, () => encodeArticlePack(hash, dayGroups.map(({ day, groups }) => ({ day, groups: groups.map(asItems) })), deflate));
    });
  }
  return articles;
}
