import { ARTICLE_PACK, articleChunk, type ArticleMeta } from "../kv/article-pack.js";
import { CATALOG_PACK, readCatalogRows } from "../kv/catalog-pack.js";
import { HOT_PACK, hotChunk, type HotMeta } from "../kv/hot-pack.js";
import { MANIFEST_KEY, packHash } from "../kv/keys.js";
import { articleDay, articlePackIndex, articlePeriod, hotPackIndex, hotStart, locateSealed } from "../kv/locate.js";
import { decodeManifest, overlayFeedInfos, readSection, type Manifest, type RunFeed, type SectionName, type SectionTypes, type StreamTable } from "../kv/manifest.js";
import { OPML_PACK, readOpmlPack } from "../kv/opml-pack.js";
import { ItemList, Pack, inflate, type PackHeader, type PackKind } from "../kv/pack.js";
import { RUN_PACK, runBlockChunk } from "../kv/run-pack.js";
import { WINDOW_PACK, windowItemsChunk, windowPackIndex, windowTextChunk, type WindowItem } from "../kv/window-pack.js";
import { matchesQuery } from "../filter/match.js";
import type { Query } from "../filter/query.js";
import { BudgetCache } from "./budget-cache.js";
import { parseFeedId, type FeedInfo, type PostRecord } from "../post.js";
import { own } from "../own.js";
import type { Site } from "../site.js";

/** Packs never change under a key, so KV's edge cache may keep them long. */
const PACK_CACHE_TTL = 86_400;
/** The manifest may be this stale at the edge; KV takes up to 60 s to propagate anyway. */
const MANIFEST_CACHE_TTL = 60;

/** A pack the manifest names that KV does not hold: the next publish writes it again. */
export class MissingPackError extends Error {}

let current: { header: string; manifest: Manifest; at: number } | undefined;

/**
 * The manifest of the version being served, or undefined when nothing has been published. Within
 * `maxAgeMs` of the last read, the isolate answers from memory: a cached feed then costs no KV
 * read at all, and a publish shows that much later (on top of KV's own propagation). A value that
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

/** Parsed sections, by content hash: a section that did not change since the last publish is not parsed again. */
const sections = new Map<string, unknown>();

function section<N extends SectionName>(manifest: Manifest, name: N): SectionTypes[N] {
  const key = `${name} ${manifest.head.sections[name]}`;
  let parsed = sections.get(key) as SectionTypes[N] | undefined;
  if (parsed === undefined) {
    parsed = readSection(manifest, name);
    sections.set(key, parsed);
    // two versions' worth of each section is plenty
    for (const old of sections.keys()) if (sections.size > 12) sections.delete(old);
  }
  return parsed;
}

/** Headers of packs read lately: a pack never changes under its key. */
const headers = new Map<string, { header: PackHeader; bodyStart: number }>();

async function readPackAt<M>(kv: KVNamespace, key: string | undefined, kind: PackKind): Promise<Pack<M>> {
  if (key === undefined) throw new Error(`the manifest names no ${kind} pack for this`);
  const value = await kv.get(key, { type: "arrayBuffer", cacheTtl: PACK_CACHE_TTL });
  if (!value) throw new MissingPackError(`pack ${key} named by the manifest is not in KV`);
  const pack = Pack.read<M>(new Uint8Array(value), { hash: packHash(key), kind }, headers.get(key) as { header: PackHeader<M>; bodyStart: number } | undefined);
  if (!headers.has(key)) {
    headers.set(key, pack.parsed);
    for (const old of headers.keys()) if (headers.size > 64) headers.delete(old);
  }
  return pack;
}

/**
 * Item lists read lately, by pack hash and chunk: a publish that adds a post changes the manifest,
 * not the packs, so the next version's first requests find their chunks already inflated and parsed.
 */
const itemLists = new BudgetCache<ItemList<unknown>>(8 * 1024 * 1024, (list) => list.byteLength);

/** A pack's chunk decoded once and kept in `cache` by pack hash and chunk name; undefined when the pack has no such chunk. */
function cachedChunk<T>(cache: BudgetCache<T>, pack: Pack, name: string, decode: (bytes: Uint8Array) => T): T | undefined {
  const key = `${pack.header.hash} ${name}`;
  const known = cache.get(key);
  if (known) return known;
  const bytes = pack.chunk(name);
  if (!bytes) return undefined;
  const value = decode(bytes);
  cache.set(key, value);
  return value;
}

function readItems<M>(pack: Pack, name: string): ItemList<M> | undefined {
  return cachedChunk(itemLists, pack, name, (bytes) => ItemList.inflate(bytes)) as ItemList<M> | undefined;
}

/** A run of a feed's items, newest first: one page at a given page size. */
export interface FeedWindow<Item = PostRecord> {
  feed: FeedInfo;
  /** 1-based page at this window's size. */
  page: number;
  limit: number;
  /** Pages of the whole feed at this size. */
  pages: number;
  items: Item[];
}

/** A page of a filtered feed: its items without their content; its FeedInfo counts the matches, `searched` says among how many of the newest items. */
export interface FilteredWindow extends FeedWindow<WindowItem> {
  searched: number;
}

/** What readers are told of a feed stored as another (same items): its own id and name. */
function asAlias(info: FeedInfo, id: string, name: string): FeedInfo {
  const { kind } = parseFeedId(id);
  const { label, ...rest } = info;
  return { ...rest, id, kind, name, ...(kind === "category" && label !== undefined ? { label } : {}) };
}

/** A feed's hot chunk: its FeedInfo as of the cut, then its newest sealed items, oldest first. */
async function readHot(kv: KVNamespace, manifest: Manifest, id: string): Promise<ItemList<HotMeta> | undefined> {
  const { hot } = manifest.head;
  return readItems<HotMeta>(await readPackAt(kv, hot[hotPackIndex(id, hot.length)], HOT_PACK), hotChunk(id));
}

/** Where a feed's sealed items are: the feed they are stored under, its runs, and how many there are. */
interface SealedFeed {
  id: string;
  runFeed: RunFeed | undefined;
  total: number;
  /** Its hot chunk, when already read. */
  hot?: ItemList<HotMeta>;
}

/** Sealed items at positions [lo, hi) of a feed (hi - lo ≤ the page size), newest first; a missing chunk throws. */
async function readSealed(kv: KVNamespace, manifest: Manifest, feed: SealedFeed, lo: number, hi: number): Promise<PostRecord[]> {
  const size = manifest.head.pageSize;
  const { id, total } = feed;
  const place = locateSealed(total, size, lo, hi);
  const items: PostRecord[] = [];
  if (place.pack === "hot") {
    const chunk = feed.hot ?? (await readHot(kv, manifest, id));
    const start = hotStart(total, size);
    if (!chunk || chunk.size !== total - start) throw new Error(`the hot chunk of ${id} does not hold its ${total - start} newest items`);
    for (let at = hi - 1; at >= lo; at--) items.push(chunk.item(at - start));
    return items;
  }
  const pack = await readPackAt(kv, feed.runFeed?.runs[place.run], RUN_PACK);
  for (let block = Math.floor((hi - 1) / size); block >= Math.floor(lo / size); block--) {
    const chunk = readItems(pack, runBlockChunk(block));
    if (!chunk || chunk.size !== size) throw new Error(`run ${place.run} of ${id} does not hold block ${block}`);
    for (let at = Math.min(hi, (block + 1) * size) - 1; at >= Math.max(lo, block * size); at--) items.push(chunk.item(at - block * size));
  }
  return items;
}

/** A feed's FeedInfo as readers are told of it, and where its sealed items are; undefined for a feed the version does not have. */
async function findFeed(kv: KVNamespace, manifest: Manifest, id: string): Promise<{ info: FeedInfo; fresh: number[]; sealed: SealedFeed } | undefined> {
  const delta = section(manifest, "delta");
  const fresh = own(delta.meta.feeds, id) ?? [];
  const [stored, aliasName] = own(section(manifest, "aliases"), id) ?? [id, undefined];
  const runFeed = own(section(manifest, "feeds"), stored);
  let info = own(delta.meta.infos, id);
  let hot: ItemList<HotMeta> | undefined;
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
  return { info, fresh, sealed: { id: stored, runFeed, total: info.total - fresh.length, ...(hot ? { hot } : {}) } };
}

/**
 * Page `page` of feed `id` at `limit` items a page (1 ≤ limit ≤ the page size): the posts after the
 * cut from the manifest, the rest from one pack. Undefined for an unknown feed or a page past the
 * end; a pack or chunk the layout says must be there and is not throws.
 */
export async function readFeedWindow(kv: KVNamespace, manifest: Manifest, id: string, page: number, limit: number): Promise<FeedWindow | undefined> {
  const feed = await findFeed(kv, manifest, id);
  if (!feed) return undefined;
  const { info, fresh, sealed } = feed;
  const pages = Math.max(1, Math.ceil(info.total / limit));
  if (page > pages) return undefined;
  const start = (page - 1) * limit;
  const end = Math.min(start + limit, info.total);
  const delta = section(manifest, "delta");
  const items: PostRecord[] = [];
  for (let at = start; at < Math.min(end, fresh.length); at++) items.push(delta.item<PostRecord>(fresh[at]!));
  if (end > fresh.length) {
    const hi = sealed.total - (Math.max(start, fresh.length) - fresh.length);
    const lo = sealed.total - (end - fresh.length);
    items.push(...(await readSealed(kv, manifest, sealed, lo, hi)));
  }
  return { feed: info, page, limit, pages, items };
}

/** Search texts of feeds' windows read lately, by pack hash and chunk: JSON arrays, parsed once. */
const windowTexts = new BudgetCache<string[]>(16 * 1024 * 1024, (texts) => texts.reduce((sum, text) => sum + 2 * text.length, 0));

function readWindowTexts(pack: Pack, id: string): string[] | undefined {
  return cachedChunk(windowTexts, pack, windowTextChunk(id), (bytes) => JSON.parse(new TextDecoder().decode(inflate(bytes))) as string[]);
}

/** A post as a filtered feed carries it: without its content (see window-pack.ts). */
function withoutContent(record: PostRecord): WindowItem {
  const { contentHtml: _, ...item } = record;
  return item;
}

/**
 * Page `page` of the items of feed `id` that `query` matches, among the feed's newest
 * `filterWindow` items, newest first: the manifest's delta, then the feed's window pack (one read).
 * Undefined for an unknown feed or a page past the end; a feed with no match has one empty page.
 */
export async function readFilteredWindow(kv: KVNamespace, manifest: Manifest, id: string, query: Query, page: number, limit: number): Promise<FilteredWindow | undefined> {
  const feed = await findFeed(kv, manifest, id);
  if (!feed) return undefined;
  const delta = section(manifest, "delta");
  const size = readSite(manifest).filterWindow;
  const matches: (() => WindowItem)[] = [];
  const fresh = feed.fresh.slice(0, size);
  for (const at of fresh) if (matchesQuery(query, delta.meta.texts[at] ?? "")) matches.push(() => withoutContent(delta.item<PostRecord>(at)));
  const room = Math.min(size - fresh.length, feed.sealed.total);
  if (room > 0) {
    const { windows } = manifest.head;
    const pack = await readPackAt(kv, windows[windowPackIndex(feed.sealed.id, windows.length)], WINDOW_PACK);
    const texts = readWindowTexts(pack, feed.sealed.id);
    if (!texts || texts.length < room) throw new Error(`the window of ${feed.sealed.id} does not hold its ${room} newest items`);
    // the window's items are decoded only when a match is shown, and then once
    let items: ItemList<unknown> | undefined;
    const windowItems = () => {
      items ??= readItems(pack, windowItemsChunk(feed.sealed.id));
      if (!items) throw new Error(`the window of ${feed.sealed.id} has no items`);
      return items;
    };
    for (let at = 0; at < room; at++) {
      if (matchesQuery(query, texts[at]!)) matches.push(() => windowItems().item<WindowItem>(at));
    }
  }
  const pages = Math.max(1, Math.ceil(matches.length / limit));
  if (page > pages) return undefined;
  const items = matches.slice((page - 1) * limit, page * limit).map((item) => item());
  // the filtered feed's updated is its newest match's: a publish that adds posts it does not match leaves it byte for byte
  const updated = (page === 1 ? items[0] : matches[0]?.())?.date ?? feed.info.updated;
  return { feed: { ...feed.info, total: matches.length, pages, updated }, page, limit, pages, items, searched: fresh.length + Math.max(0, room) };
}

/** The article at a canonical permalink path: from the manifest when newer than the cut, else one pack. */
export async function readArticle(kv: KVNamespace, manifest: Manifest, path: string): Promise<PostRecord | undefined> {
  const delta = section(manifest, "delta");
  const inDelta = own(delta.meta.articles, path);
  if (inDelta !== undefined) return delta.item<PostRecord>(inDelta);
  const keys = own(section(manifest, "articles"), articlePeriod(articleDay(path))) ?? [];
  if (!keys.length) return undefined;
  const pack = await readPackAt<ArticleMeta>(kv, keys[articlePackIndex(path, keys.length)], ARTICLE_PACK);
  const chunk = articleChunk(pack, path);
  const list = chunk === undefined ? undefined : readItems(pack, chunk);
  const at = list?.indexOf(path) ?? -1;
  return at < 0 ? undefined : list!.item<PostRecord>(at);
}

/** Whether a feed exists, from the manifest or its hot pack: without the catalog, which only the categories page reads. */
export async function feedExists(kv: KVNamespace, manifest: Manifest, id: string): Promise<boolean> {
  const delta = section(manifest, "delta");
  if (Object.hasOwn(delta.meta.infos, id) || Object.hasOwn(section(manifest, "aliases"), id) || Object.hasOwn(section(manifest, "feeds"), id)) return true;
  return (await readHot(kv, manifest, id)) !== undefined;
}

/**
 * The catalog's categories and tags, with where each id is. Kept by pack key, not version: the
 * pack changes only when a publish compacts (two or three times a day), so the publishes between
 * cost an isolate the delta alone, not decoding every feed again (3–5 ms at ~2,000 categories).
 */
let catalogRows: { key: string; feeds: FeedInfo[]; at: Map<string, number> } | undefined;
let catalog: { version: string; feeds: FeedInfo[] } | undefined;

/** Every category and tag feed: the catalog (as of the cut) with the manifest's newer FeedInfos over it, kept while the version lasts. */
export async function readCatalog(kv: KVNamespace, manifest: Manifest): Promise<FeedInfo[]> {
  if (catalog?.version !== manifest.head.version) {
    const key = manifest.head.catalog;
    if (catalogRows?.key !== key) {
      const feeds = readCatalogRows(await readPackAt(kv, key, CATALOG_PACK));
      catalogRows = { key, feeds, at: new Map(feeds.map((info, index) => [info.id, index])) };
    }
    const { main: _, ...newer } = section(manifest, "delta").meta.infos;
    catalog = { version: manifest.head.version, feeds: overlayFeedInfos(catalogRows.feeds, newer, catalogRows.at) };
  }
  return catalog.feeds;
}

/** The site's settings, as its `_config.yml` gave them to the publish. */
export function readSite(manifest: Manifest): Site {
  return section(manifest, "site");
}

/** The manifest's streams section: category names and labels, and which feeds repeat another whole. */
export function readStreams(manifest: Manifest): StreamTable {
  return section(manifest, "streams");
}

/** `/opml.xml` as the publish rendered it, UTF-8 (`opmlFor` puts the origin in). */
export async function readOpml(kv: KVNamespace, manifest: Manifest): Promise<Uint8Array> {
  return readOpmlPack(await readPackAt(kv, manifest.head.opml, OPML_PACK));
}
