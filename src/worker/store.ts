import { MANIFEST_KEY, packHash } from "../kv/keys.js";
import {
  articleChunk,
  articleDay,
  articleGroup,
  articlePackIndex,
  articlePeriod,
  blockChunk,
  hotPackIndex,
  hotStart,
  locateSealed,
} from "../kv/locate.js";
import { decodeManifest, readSection, type Manifest, type RunFeed, type SectionName, type SectionTypes, type StreamTable } from "../kv/manifest.js";
import { decodeListing } from "../kv/listing.js";
import { renderOpml } from "../opml.js";
import { ItemList, chunkBytes, inflate, readPack, type PackHeader } from "../kv/pack.js";
import { by } from "../compare.js";
import { BudgetCache } from "./budget-cache.js";
import { parseFeedId, type FeedInfo, type PostRecord } from "../post.js";
import { own } from "../own.js";

/** Packs never change under a key, so KV's edge cache may keep them long. */
const PACK_CACHE_TTL = 86_400;
/** The manifest may be this stale at the edge; KV takes up to 60 s to propagate anyway. */
const MANIFEST_CACHE_TTL = 60;

let current: { header: string; manifest: Manifest; at: number } | undefined;

/**
 * The manifest of the version being served, or undefined when nothing has been deployed. Within
 * `maxAgeMs` of the last read, the isolate answers from memory: a cached feed then costs no KV
 * read at all, and a deploy shows that much later (on top of KV's own propagation). A value that
 * is not a manifest of this layout throws: an error to log, not an empty site.
 */
export async function readManifest(kv: KVNamespace, maxAgeMs = 0): Promise<Manifest | undefined> {
  if (current && maxAgeMs > 0 && Date.now() - current.at < maxAgeMs) return current.manifest;
  const value = await kv.get(MANIFEST_KEY, { type: "arrayBuffer", cacheTtl: MANIFEST_CACHE_TTL });
  if (value === null) return undefined;
  const bytes = new Uint8Array(value);
  // the header names the version and every section's hash: the same header, the same manifest
  const end = bytes.indexOf(0x0a);
  const header = new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.byteLength : end));
  if (current?.header !== header) current = { header, manifest: decodeManifest(bytes), at: 0 };
  current.at = Date.now();
  return current.manifest;
}

/** Parsed sections, by content hash: a section that did not change since the last deploy is not parsed again. */
const sections = new Map<string, Promise<unknown>>();

function section<N extends SectionName>(manifest: Manifest, name: N): Promise<SectionTypes[N]> {
  const key = `${name} ${manifest.head.sections[name]}`;
  let parsed = sections.get(key);
  if (!parsed) {
    parsed = readSection(manifest, name);
    parsed.catch(() => sections.delete(key));
    sections.set(key, parsed);
    // two versions' worth of each section is plenty
    for (const old of sections.keys()) if (sections.size > 8) sections.delete(old);
  }
  return parsed as Promise<SectionTypes[N]>;
}

interface Pack {
  bytes: Uint8Array;
  header: PackHeader;
  bodyStart: number;
}

/** Headers of packs read lately: a pack never changes under its key. */
const headers = new Map<string, { header: PackHeader; bodyStart: number }>();

async function readPackAt(kv: KVNamespace, key: string | undefined): Promise<Pack> {
  if (key === undefined) throw new Error("the manifest names no pack for this chunk");
  const value = await kv.get(key, { type: "arrayBuffer", cacheTtl: PACK_CACHE_TTL });
  if (!value) throw new Error(`pack ${key} named by the manifest is not in KV`);
  const bytes = new Uint8Array(value);
  let read = headers.get(key);
  if (!read) {
    read = readPack(bytes, packHash(key));
    headers.set(key, read);
    for (const old of headers.keys()) if (headers.size > 64) headers.delete(old);
  }
  return { bytes, ...read };
}

/**
 * Item lists read lately, by pack key and chunk: a deploy that adds a post changes the manifest,
 * not the packs, so the next version's first requests find their chunks already inflated and parsed.
 */
const itemLists = new BudgetCache<ItemList<unknown>>(8 * 1024 * 1024, (list) => list.byteLength);

async function readItems<M>(pack: Pack, name: string): Promise<ItemList<M> | undefined> {
  const key = `${pack.header.hash} ${name}`;
  const known = itemLists.get(key);
  if (known) return known as ItemList<M>;
  const bytes = chunkBytes(pack.bytes, pack, name);
  if (!bytes) return undefined;
  const list = ItemList.decode<M>(inflate(bytes));
  itemLists.set(key, list);
  return list;
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

/** What readers are told of a feed stored as another (same items): its own id and name. */
function asAlias(info: FeedInfo, id: string, name: string): FeedInfo {
  const { kind } = parseFeedId(id);
  const { label, ...rest } = info;
  return { ...rest, id, kind, name, ...(kind === "category" && label !== undefined ? { label } : {}) };
}

/** A feed's hot chunk: its FeedInfo as of the cut, then its newest sealed items, oldest first. */
async function readHot(kv: KVNamespace, manifest: Manifest, id: string): Promise<ItemList<FeedInfo> | undefined> {
  const { hot } = manifest.head;
  return readItems<FeedInfo>(await readPackAt(kv, hot[hotPackIndex(id, hot.length)]), id);
}

/** Sealed items at positions [lo, hi) of a feed of `total` sealed items, newest first; a missing chunk throws. */
async function readSealed(
  kv: KVNamespace,
  manifest: Manifest,
  id: string,
  runFeed: RunFeed | undefined,
  total: number,
  lo: number,
  hi: number,
  hot?: ItemList<FeedInfo>,
): Promise<PostRecord[]> {
  const size = manifest.head.pageSize;
  const place = locateSealed(total, size, lo, hi);
  const items: PostRecord[] = [];
  if (place.pack === "hot") {
    const chunk = hot ?? (await readHot(kv, manifest, id));
    const start = hotStart(total, size);
    if (!chunk || chunk.size !== total - start) throw new Error(`the hot chunk of ${id} does not hold its ${total - start} newest items`);
    for (let at = hi - 1; at >= lo; at--) items.push(chunk.item(at - start));
    return items;
  }
  const pack = await readPackAt(kv, runFeed?.runs[place.run]);
  for (let block = Math.floor((hi - 1) / size); block >= Math.floor(lo / size); block--) {
    const chunk = await readItems(pack, blockChunk(block));
    if (!chunk || chunk.size !== size) throw new Error(`run ${place.run} of ${id} does not hold block ${block}`);
    for (let at = Math.min(hi, (block + 1) * size) - 1; at >= Math.max(lo, block * size); at--) items.push(chunk.item(at - block * size));
  }
  return items;
}

/**
 * Page `page` of feed `id` at `limit` items a page (1 ≤ limit ≤ the page size): the posts after the
 * cut from the manifest, the rest from one pack. Undefined for an unknown feed or a page past the
 * end; a pack or chunk the layout says must be there and is not throws.
 */
export async function readFeedWindow(kv: KVNamespace, manifest: Manifest, id: string, page: number, limit: number): Promise<FeedWindow | undefined> {
  const [delta, aliases, feeds] = await Promise.all([section(manifest, "delta"), section(manifest, "aliases"), section(manifest, "feeds")]);
  const fresh = own(delta.meta.feeds, id) ?? [];
  const [stored, aliasName] = own(aliases, id) ?? [id, undefined];
  const runFeed = own(feeds, stored);
  let info = own(delta.meta.infos, id);
  let hot: ItemList<FeedInfo> | undefined;
  if (!info) {
    // untouched since the cut: the packs know it whole
    let sealed = runFeed?.info;
    if (!sealed) {
      hot = await readHot(kv, manifest, stored);
      if (!hot) {
        if (aliasName !== undefined) throw new Error(`${id} is stored as ${stored}, which has no hot chunk`);
        return undefined;
      }
      sealed = hot.meta;
    }
    info = aliasName === undefined ? sealed : asAlias(sealed, id, aliasName);
  }
  const sealedTotal = info.total - fresh.length;
  const pages = Math.max(1, Math.ceil(info.total / limit));
  if (page > pages) return undefined;
  const start = (page - 1) * limit;
  const end = Math.min(start + limit, info.total);
  const items: PostRecord[] = [];
  for (let at = start; at < Math.min(end, fresh.length); at++) items.push(delta.item<PostRecord>(fresh[at]!));
  if (end > fresh.length) {
    const hi = sealedTotal - (Math.max(start, fresh.length) - fresh.length);
    const lo = sealedTotal - (end - fresh.length);
    items.push(...(await readSealed(kv, manifest, stored, runFeed, sealedTotal, lo, hi, hot)));
  }
  return { feed: info, page, limit, pages, items };
}

/** The article at a canonical permalink path: from the manifest when newer than the cut, else one pack. */
export async function readArticle(kv: KVNamespace, manifest: Manifest, path: string): Promise<PostRecord | undefined> {
  const delta = await section(manifest, "delta");
  if (Object.hasOwn(delta.meta.articles, path)) return delta.item<PostRecord>(delta.meta.articles[path]!);
  const articles = await section(manifest, "articles");
  const day = articleDay(path);
  const period = articlePeriod(day);
  const keys = own(articles, period) ?? [];
  if (!keys.length) return undefined;
  const pack = await readPackAt(kv, keys[articlePackIndex(path, keys.length)]);
  const groups = (pack.header.meta as { groups?: Record<string, number> } | undefined)?.groups;
  const count = (groups ? own(groups, day) : undefined) ?? 0;
  if (!count) return undefined;
  const chunk = await readItems(pack, articleChunk(day, articleGroup(path, count)));
  const at = chunk?.indexOf(path) ?? -1;
  return at < 0 ? undefined : chunk!.item<PostRecord>(at);
}

/** Whether a feed exists, from the manifest or its hot pack: without the directory, which only `/categories/` reads. */
export async function feedExists(kv: KVNamespace, manifest: Manifest, id: string): Promise<boolean> {
  const [delta, aliases, feeds] = await Promise.all([section(manifest, "delta"), section(manifest, "aliases"), section(manifest, "feeds")]);
  if (Object.hasOwn(delta.meta.infos, id) || Object.hasOwn(aliases, id) || Object.hasOwn(feeds, id)) return true;
  return (await readHot(kv, manifest, id)) !== undefined;
}

let directory: { version: string; feeds: FeedInfo[] } | undefined;

/** The categories and tags up to the cut; from the full directory chunk in a pack written before the listing chunk. */
function sealedListing(pack: Pack): FeedInfo[] {
  const listing = chunkBytes(pack.bytes, pack, "listing");
  if (listing) return decodeListing(listing);
  const bytes = chunkBytes(pack.bytes, pack, "directory");
  if (!bytes) throw new Error("the directory pack has no directory");
  const entries = JSON.parse(new TextDecoder().decode(inflate(bytes))) as { info: FeedInfo }[];
  return entries.map(({ info }) => info).filter((info) => info.kind !== "main");
}

/**
 * The directory pack's feeds, in id order, with where each id is. Kept by pack key, not version:
 * the pack changes only when a deploy compacts (two or three times a day), so the deploys between
 * cost an isolate the delta alone, not decoding every feed again (3–5 ms at ~2,000 categories).
 */
let sealed: { key: string; feeds: FeedInfo[]; at: Map<string, number> } | undefined;

async function sealedDirectory(kv: KVNamespace, key: string): Promise<{ feeds: FeedInfo[]; at: Map<string, number> }> {
  if (sealed?.key !== key) {
    const feeds = sealedListing(await readPackAt(kv, key));
    sealed = { key, feeds, at: new Map(feeds.map((info, index) => [info.id, index])) };
  }
  return sealed;
}

/**
 * Every category and tag feed: the directory pack (as of the cut) with the manifest's newer
 * FeedInfos over it, kept in the isolate while the version lasts.
 */
export async function readDirectory(kv: KVNamespace, manifest: Manifest): Promise<FeedInfo[]> {
  if (directory?.version !== manifest.head.version) {
    const [{ feeds: sealedFeeds, at }, delta] = await Promise.all([sealedDirectory(kv, manifest.head.directory), section(manifest, "delta")]);
    const feeds = sealedFeeds.slice();
    let added = false;
    for (const info of Object.values(delta.meta.infos)) {
      if (info.kind === "main") continue;
      const index = at.get(info.id);
      if (index === undefined) {
        feeds.push(info);
        added = true;
      } else feeds[index] = info;
    }
    directory = { version: manifest.head.version, feeds: added ? feeds.sort(by((info) => info.id)) : feeds };
  }
  return directory.feeds;
}

/** The manifest's streams section: category names and labels, and which feeds repeat another whole. */
export function readStreams(manifest: Manifest): Promise<StreamTable> {
  return section(manifest, "streams");
}

/** `/opml.xml` as the deploy rendered it, UTF-8 (`opmlFor` puts the origin in); for a manifest from before it did, rendered here. */
export async function readOpml(kv: KVNamespace, manifest: Manifest): Promise<Uint8Array> {
  if (manifest.head.opml === undefined) {
    const [directory, streams] = await Promise.all([readDirectory(kv, manifest), readStreams(manifest)]);
    return new TextEncoder().encode(renderOpml(directory, streams.same));
  }
  const pack = await readPackAt(kv, manifest.head.opml);
  const bytes = chunkBytes(pack.bytes, pack, "opml");
  if (!bytes) throw new Error("the OPML pack has no OPML");
  return bytes;
}
