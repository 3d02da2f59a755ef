import { deflateRawSync } from "node:zlib";
import {
  articleChunk,
  articleDay,
  articleGroup,
  articlePackIndex,
  articlePeriod,
  blockChunk,
  hotPackIndex,
  hotStart,
  runBlocks,
  runCount,
} from "../../kv/locate.js";
import { LAYOUT_FORMAT, type AliasTable } from "../../kv/manifest.js";
import { encodeListing } from "../../kv/listing.js";
import { encodeItems, encodePack } from "../../kv/pack.js";
import { by } from "../../compare.js";
import type { FeedInfo, PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { groupBy } from "../group-by.js";
import { contentHash, digestOf } from "./digests.js";
import { collectFeeds, summarizeFeed, type FeedList, type FeedSummary } from "./feed-lists.js";

/** A pack: its content hash, known without making it, and how to make it. */
export interface PlannedPack {
  hash: string;
  build(): Uint8Array;
}

/** The packs of the posts up to a cut, with what the manifest says of them (packs named by hash). */
export interface SealedLayout {
  /** Hash of the posts laid out and of the layout's settings: the same key, the same layout. */
  key: string;
  hot: string[];
  directory: string;
  /** Feeds with full blocks: FeedInfo and run packs. */
  feeds: Record<string, { info: FeedInfo; runs: string[] }>;
  aliases: AliasTable;
  /** Article period → packs. */
  articles: Record<string, string[]>;
  packs: Map<string, PlannedPack>;
  /** Every feed up to the cut, by id: what the delta's FeedInfos are added onto. */
  summaries: Map<string, FeedSummary>;
}

/** Hot packs are filled to about this much JSON before compression (about a third of that after). */
const HOT_PACK_BYTES = 3 * 1024 * 1024;
/** A period's articles are split into packs of at most this much JSON. */
const ARTICLE_PACK_BYTES = 16 * 1024 * 1024;
/** A day's articles in a pack go in groups of about this much JSON: the most an article request inflates. */
const ARTICLE_GROUP_BYTES = 48 * 1024;

const byId = by((item: { id: string }) => item.id);
const byPath = by((record: PostRecord) => record.path);
const byKey = by(([key]: [string, unknown]) => key);

function compress(text: string): Uint8Array {
  return deflateRawSync(text, { level: 6 });
}

/** A chunk of records: compressed JSON, keyed by permalink. */
function itemsChunk(meta: unknown, items: readonly PostRecord[]): Uint8Array {
  return compress(encodeItems(meta, items.map((record) => ({ key: record.path, json: JSON.stringify(record) }))));
}

function powerOfTwoFor(bytes: number, target: number): number {
  let count = 1;
  while (bytes / count > target) count *= 2;
  return count;
}

function sumBytes(records: readonly PostRecord[]): number {
  let bytes = 0;
  for (const record of records) bytes += digestOf(record).bytes;
  return bytes;
}

/** The key of the layout of these posts (newest first). */
export function sealedKey(records: readonly PostRecord[], site: Site): string {
  return contentHash([`${LAYOUT_FORMAT} ${site.itemsPerFeed} ${site.url}`, ...records.map((r) => digestOf(r).digest)]);
}

// The last layout made in this process: a run of deploys with the same sealed posts lays them out once.
let last: SealedLayout | undefined;

/**
 * Lays out the posts up to a cut (newest first) as packs: each feed's full blocks in runs and its
 * newest items in a hot pack, the articles by period, the directory. A pure function of the
 * records: the same posts give the same packs.
 */
export function layOutSealed(records: readonly PostRecord[], site: Site, epochOf: (record: PostRecord) => number, key = sealedKey(records, site)): SealedLayout {
  if (last?.key !== key) last = layOut(key, records, site, epochOf);
  return last;
}

/** The directory chunk: every feed's FeedInfo and, for a category, its tag counts (pairs, in the order first seen). */
export type DirectoryEntry = { info: FeedInfo; tags?: [tag: string, count: number][] };

export function directoryEntry({ info, tags }: FeedSummary): DirectoryEntry {
  return tags ? { info, tags: [...tags] } : { info };
}

export function feedSummary({ info, tags }: DirectoryEntry): FeedSummary {
  return tags ? { info, tags: new Map(tags) } : { info };
}

interface SealedFeed extends FeedSummary {
  list: FeedList;
}

function layOut(key: string, records: readonly PostRecord[], site: Site, epochOf: (record: PostRecord) => number): SealedLayout {
  const pageSize = site.itemsPerFeed;
  const packs = new Map<string, PlannedPack>();
  const addPack = (hash: string, build: () => Uint8Array) => {
    if (!packs.has(hash)) packs.set(hash, { hash, build });
    return hash;
  };
  const feeds: SealedFeed[] = collectFeeds(records, site, epochOf)
    .filter((list) => list.items.length || list.kind === "main")
    .map((list) => ({ list, ...summarizeFeed(list, list.items, pageSize) }));

  // A category or tag whose items are exactly another's is stored once, under the first.
  const aliases: AliasTable = {};
  const stored: SealedFeed[] = [];
  const bySignature = new Map<string, SealedFeed>();
  const order = (f: SealedFeed) => (f.list.kind === "main" ? 0 : f.list.kind === "category" ? 1 : 2);
  for (const feed of [...feeds].sort((a, b) => order(a) - order(b) || byId(a.list, b.list))) {
    const signature = feed.list.kind === "main" ? "" : feed.list.items.map((item) => digestOf(item).digest).join();
    const first = signature ? bySignature.get(signature) : undefined;
    if (first) aliases[feed.list.id] = [first.list.id, feed.info.name];
    else {
      if (signature) bySignature.set(signature, feed);
      stored.push(feed);
    }
  }

  // Runs: full blocks, oldest first, RUN_BLOCKS a pack. The rest of each feed: its hot chunk.
  const runFeeds: SealedLayout["feeds"] = {};
  const hotChunks: { id: string; info: FeedInfo; items: PostRecord[]; bytes: number }[] = [];
  for (const { list, info } of stored) {
    const total = list.items.length;
    const oldestFirst = [...list.items].reverse();
    const blockItems = (b: number) => oldestFirst.slice(b * pageSize, (b + 1) * pageSize);
    const runs: string[] = [];
    for (let run = 0; run < runCount(total, pageSize); run++) {
      const { first, end } = runBlocks(run, total, pageSize);
      const blocks = Array.from({ length: end - first }, (_, i) => first + i);
      const hash = contentHash([`${LAYOUT_FORMAT} run ${pageSize}`, ...blocks.flatMap((b) => [blockChunk(b), ...blockItems(b).map((r) => digestOf(r).digest)])]);
      runs.push(addPack(hash, () => encodePack(hash, blocks.map((b) => [blockChunk(b), itemsChunk(null, blockItems(b))] as const))));
    }
    if (runs.length) runFeeds[list.id] = { info, runs };
    const hot = oldestFirst.slice(hotStart(total, pageSize));
    hotChunks.push({ id: list.id, info, items: hot, bytes: sumBytes(hot) });
  }

  // Hot packs: every stored feed's hot chunk, spread by the hash of its id.
  const hotCount = powerOfTwoFor(hotChunks.reduce((sum, c) => sum + c.bytes, 0), HOT_PACK_BYTES);
  const hotGroups = Array.from({ length: hotCount }, () => [] as typeof hotChunks);
  for (const chunk of hotChunks) hotGroups[hotCount === 1 ? 0 : hotPackIndex(chunk.id, hotCount)]!.push(chunk);
  const hot = hotGroups.map((group, index) => {
    group.sort(byId);
    const hash = contentHash([`${LAYOUT_FORMAT} hot ${pageSize} ${index}/${hotCount}`, ...group.flatMap((c) => [JSON.stringify(c.info), ...c.items.map((r) => digestOf(r).digest)])]);
    return addPack(hash, () => encodePack(hash, group.map((c) => [c.id, itemsChunk(c.info, c.items)] as const)));
  });

  // Articles, by period of days; a day's articles in groups by hash of the path.
  const articles: SealedLayout["articles"] = {};
  const days = new Map(records.map((record) => [record, articleDay(record.path)]));
  const byPeriod = groupBy(records, (record) => articlePeriod(days.get(record)!));
  for (const [period, list] of [...byPeriod].sort(byKey)) {
    const count = powerOfTwoFor(sumBytes(list), ARTICLE_PACK_BYTES);
    const parts = Array.from({ length: count }, () => [] as PostRecord[]);
    for (const record of list) parts[count === 1 ? 0 : articlePackIndex(record.path, count)]!.push(record);
    articles[period] = parts.map((part, index) => {
      const groups: Record<string, number> = {};
      const chunks: { name: string; records: PostRecord[] }[] = [];
      for (const [day, dayRecords] of [...groupBy(part, (r) => days.get(r)!)].sort(byKey)) {
        const count = Math.max(1, Math.ceil(sumBytes(dayRecords) / ARTICLE_GROUP_BYTES));
        groups[day] = count;
        const split = count === 1 ? new Map([["0", dayRecords]]) : groupBy(dayRecords, (r) => String(articleGroup(r.path, count)));
        for (const [group, list] of [...split].sort(([a], [b]) => Number(a) - Number(b))) chunks.push({ name: articleChunk(day, Number(group)), records: list.sort(byPath) });
      }
      const hash = contentHash([`${LAYOUT_FORMAT} articles ${period} ${index}/${count}`, JSON.stringify(groups), ...chunks.flatMap((c) => [c.name, ...c.records.map((r) => digestOf(r).digest)])]);
      return addPack(hash, () => encodePack(hash, chunks.map((c) => [c.name, itemsChunk(null, c.records)] as const), { groups }));
    });
  }

  // The directory: every feed, with what a later deploy needs to add newer posts to its FeedInfo.
  // The edge reads only the listing (see src/kv/listing.ts); the next deploy, the directory chunk.
  const byInfoId = [...feeds].sort((a, b) => byId(a.info, b.info));
  const directoryJson = JSON.stringify(byInfoId.map(directoryEntry));
  const directory = contentHash([`${LAYOUT_FORMAT} directory listing`, directoryJson]);
  addPack(directory, () => encodePack(directory, [["directory", compress(directoryJson)], ["listing", encodeListing(byInfoId.map((feed) => feed.info))]]));

  const summaries = new Map(feeds.map(({ list, info, tags }) => [list.id, tags ? { info, tags } : { info }]));
  return { key, hot, directory, feeds: runFeeds, aliases, articles, packs, summaries };
}
