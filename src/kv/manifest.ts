/**
 * The manifest: the one mutable KV value, naming the packs of the version being served and
 * holding the posts newer than the last compaction (the delta). A pack like the others: its
 * header's `meta` is the head, its chunks the sections below. Written last by a publish, so
 * readers see the old version whole or the new one whole.
 */
import { by } from "../compare.js";
import type { FeedInfo } from "../post.js";
import type { Site } from "../site.js";
import { ItemList, Pack, PackError, encodePack, inflate } from "./pack.js";

/** The layout this code writes and reads; part of every pack hash, so a change of format rewrites all. */
export const LAYOUT_FORMAT = 3;

export const MANIFEST_PACK = "manifest" as const;

/** A pack the version does not name, kept until no reader can hold a manifest that did (see the KV layout's rules). */
export interface RetiredPack {
  key: string;
  /** KV's clock (epoch seconds) at the first clock reading after a manifest listing it went live; absent until there is one. */
  since?: number;
}

export interface ManifestHead {
  format: typeof LAYOUT_FORMAT;
  /** Hash of everything this version serves: the isolate's rendered bodies are kept per version. */
  version: string;
  /** Higher than any generation before it; the packs a publish writes are named with the generation it makes. */
  generation: number;
  /** This manifest as written (version, generation, retired packs): the clock key names the manifest it was written after by it. */
  stamp: string;
  /** Items per feed page and per block. */
  pageSize: number;
  /** Epoch ms: posts dated after it are in the delta section, the rest in packs. */
  cut: number;
  /** The key the packs were laid out under (a hash of the posts up to the cut and the settings). */
  sealed: string;
  /** Hot packs: the newest items of every feed (`hotPackIndex`). */
  hot: string[];
  /** Window packs: what `?q=` filters search, the newest items of every feed (`windowPackIndex`). */
  windows: string[];
  /** The catalog pack: every category and tag feed as of the cut. */
  catalog: string;
  /** The OPML pack. */
  opml: string;
  retired: RetiredPack[];
  /** Content hash of each section, so a reader parses a section once for as long as it stays the same. */
  sections: Record<SectionName, string>;
}

export const SECTION_NAMES = ["site", "feeds", "aliases", "articles", "delta", "streams"] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** A feed with full blocks: its FeedInfo as of the cut and its run packs, oldest first. */
export interface RunFeed {
  info: FeedInfo;
  runs: string[];
}

/** `feeds` section: every feed with at least one full block, by id. */
export type FeedTable = Record<string, RunFeed>;

/**
 * `aliases` section: a feed whose items up to the cut are exactly another's is stored once, under
 * the first of them (categories before tags): id → [that feed's id, this feed's name].
 */
export type AliasTable = Record<string, [to: string, name: string]>;

/** `articles` section: article period (`articlePeriod`) → its packs. */
export type ArticleTable = Record<string, string[]>;

/**
 * `delta` section, an item list of the posts dated after the cut (and, for the feeds, their
 * merged or shortened forms): which items each feed lists, newest first; every touched feed's
 * whole FeedInfo; and which item is the article at each permalink.
 */
export interface DeltaMeta {
  feeds: Record<string, number[]>;
  infos: Record<string, FeedInfo>;
  articles: Record<string, number>;
  /** Each item's search text (src/bundler/layout/search-text.ts), by item. */
  texts: string[];
}

/** `site` section: the site's settings (`Site`), as its `_config.yml` gave them to the publish. */

/**
 * `streams` section: what pages and OPML say of categories and tags without reading them. Made
 * whole on every publish (the aliases hold only up to the cut).
 */
export interface StreamTable {
  /** Category id → its name as its feed writes it, and its label: an article page names it as its feed does. */
  categories: Record<string, { name: string; label?: string }>;
  /**
   * Feed id → the feed whose items are exactly its own, all of them (a tag that repeats its
   * category): one stream, which OPML lists once, under that feed.
   */
  same: Record<string, string>;
}

export interface SectionTypes {
  site: Site;
  feeds: FeedTable;
  aliases: AliasTable;
  articles: ArticleTable;
  delta: ItemList<DeltaMeta>;
  streams: StreamTable;
}

/** A manifest as read: the head at once, sections when asked for. */
export interface Manifest {
  head: ManifestHead;
  pack: Pack<ManifestHead>;
}

/** The packs a version names, whether as keys (a manifest) or as content hashes (a layout being planned). */
export interface NamedPacks {
  hot: readonly string[];
  windows: readonly string[];
  catalog: string;
  opml: string;
  feeds: Readonly<Record<string, { runs: readonly string[] }>>;
  articles: Readonly<Record<string, readonly string[]>>;
}

/** Every pack a version names: the one list that writing, keeping and retiring packs all go by. */
export function packsNamedBy(version: NamedPacks): string[] {
  return [...version.hot, ...version.windows, version.catalog, version.opml, ...Object.values(version.feeds).flatMap((feed) => feed.runs), ...Object.values(version.articles).flat()];
}

/** A value for each section. */
export function eachSection<T>(make: (name: SectionName) => T): Record<SectionName, T> {
  const sections = {} as Record<SectionName, T>;
  for (const name of SECTION_NAMES) sections[name] = make(name);
  return sections;
}

/** The manifest value: the head and the compressed sections. */
export function encodeManifest(head: ManifestHead, sections: Record<SectionName, Uint8Array>): Uint8Array {
  return encodePack({ hash: head.version, kind: MANIFEST_PACK, meta: head }, SECTION_NAMES.map((name) => [name, sections[name]] as const));
}

/** A manifest's head; a value that is not a manifest of this layout (another format, damaged) throws. */
export function decodeManifest(bytes: Uint8Array): Manifest {
  let pack: Pack<ManifestHead>;
  try {
    pack = Pack.read<ManifestHead>(bytes, { kind: MANIFEST_PACK });
  } catch (cause) {
    throw new PackError(`the manifest is not one of layout format ${LAYOUT_FORMAT}`, { cause });
  }
  const head = pack.header.meta;
  if (typeof head !== "object" || head === null || head.format !== LAYOUT_FORMAT) {
    throw new PackError(`the manifest is not one of layout format ${LAYOUT_FORMAT}`);
  }
  if (!Array.isArray(head.hot) || head.hot.length === 0 || !Array.isArray(head.windows) || head.windows.length === 0 || typeof head.catalog !== "string" || typeof head.opml !== "string" || typeof head.sections !== "object" || head.sections === null) {
    throw new PackError("the manifest names no packs");
  }
  for (const name of SECTION_NAMES) if (!pack.header.chunks[name]) throw new PackError(`the manifest has no ${name} section`);
  return { head, pack };
}

/** One section, decompressed and parsed. */
export function readSection<N extends SectionName>(manifest: Manifest, name: N): SectionTypes[N] {
  const bytes = inflate(manifest.pack.chunk(name)!);
  if (name === "delta") return ItemList.decode<DeltaMeta>(bytes) as SectionTypes[N];
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as SectionTypes[N];
  } catch (cause) {
    throw new PackError(`the manifest's ${name} section is not JSON`, { cause });
  }
}

/** Every pack a manifest names as live (not retired). */
export function liveKeys(manifest: Manifest): string[] {
  return packsNamedBy({ ...manifest.head, feeds: readSection(manifest, "feeds"), articles: readSection(manifest, "articles") });
}

/**
 * Every feed a version serves, by id: the FeedInfos as of the cut (`sealed`, in id order) with
 * the delta's newer ones laid over them, in id order.
 */
export function overlayFeedInfos(sealed: readonly FeedInfo[], delta: Readonly<Record<string, FeedInfo>>, at = new Map(sealed.map((info, index) => [info.id, index]))): FeedInfo[] {
  const feeds = sealed.slice();
  let added = false;
  for (const info of Object.values(delta)) {
    const index = at.get(info.id);
    if (index === undefined) {
      feeds.push(info);
      added = true;
    } else feeds[index] = info;
  }
  return added ? feeds.sort(by((info) => info.id)) : feeds;
}
