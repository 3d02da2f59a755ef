import type { FeedInfo } from "../post.js";
import { ItemList, chunkBytes, encodePack, inflate, readPack, type PackHeader } from "./pack.js";

/** The layout this code writes and reads; part of every pack hash, so a change of format rewrites all. */
export const LAYOUT_FORMAT = 2;

/**
 * The one mutable KV value: which packs make up the version being served, and the posts newer
 * than the last compaction (the delta). A pack like the others (src/kv/pack.ts): its header's
 * `meta` is this head, its chunks the sections below. Written last by a deploy, so readers see
 * the old version whole or the new one whole.
 */
export interface ManifestHead {
  format: typeof LAYOUT_FORMAT;
  /** Hash of everything this version serves: the isolate's rendered bodies are kept per version. */
  version: string;
  /** Manifests written so far; the packs a deploy writes are named with the generation it makes. */
  generation: number;
  /** Items per feed page and per block. */
  pageSize: number;
  /** Epoch ms: posts dated after it are in the delta section, the rest in packs. */
  cut: number;
  /** The key the packs were laid out under (the bundler's: a hash of the posts up to the cut). */
  sealed: string;
  /** Hot packs: the newest items of every feed (`hotPackIndex`). */
  hot: string[];
  /** The pack holding every category and tag feed's FeedInfo, as of the cut. */
  directory: string;
  /** The pack holding `/opml.xml` as the deploy rendered it; absent in a manifest written before it was. */
  opml?: string;
  /** Packs no longer used, kept until `since` + the grace period so that readers of the old version finish. */
  retired: { key: string; since: string }[];
  /** Content hash of each section, so a reader parses a section once for as long as it stays the same. */
  sections: Record<SectionName, string>;
}

export type SectionName = "feeds" | "aliases" | "articles" | "delta" | "streams";

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
}

/**
 * `streams` section: what pages and OPML say of categories and tags without reading them. Made
 * whole on every deploy (the aliases hold only up to the cut).
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
  feeds: FeedTable;
  aliases: AliasTable;
  articles: ArticleTable;
  delta: ItemList<DeltaMeta>;
  streams: StreamTable;
}

/** A manifest as read: the head at once, sections when asked for. */
export interface Manifest {
  head: ManifestHead;
  bytes: Uint8Array;
  pack: { header: PackHeader<ManifestHead>; bodyStart: number };
}

const SECTIONS: readonly SectionName[] = ["feeds", "aliases", "articles", "delta", "streams"];
/** Sections a manifest of an earlier deploy of this format may lack, read as empty. */
const OPTIONAL: ReadonlySet<SectionName> = new Set(["streams"]);
const EMPTY_STREAMS = '{"categories":{},"same":{}}';

/** The manifest value: the head and the compressed sections. */
export function encodeManifest(head: ManifestHead, sections: Record<SectionName, Uint8Array>): Uint8Array {
  return encodePack(head.version, SECTIONS.map((name) => [name, sections[name]] as const), head);
}

/** Reads a manifest's head; anything that is not one (an older layout, a damaged value) throws. */
export function decodeManifest(bytes: Uint8Array): Manifest {
  const pack = readPack<ManifestHead>(bytes);
  const head = pack.header.meta;
  if (typeof head !== "object" || head === null || head.format !== LAYOUT_FORMAT) {
    throw new Error(`the manifest is not of layout format ${LAYOUT_FORMAT}`);
  }
  if (!Array.isArray(head.hot) || head.hot.length === 0 || typeof head.directory !== "string" || !(head.opml === undefined || typeof head.opml === "string") || typeof head.sections !== "object" || head.sections === null) {
    throw new Error("the manifest names no packs");
  }
  for (const name of SECTIONS) if (!pack.header.chunks[name] && !OPTIONAL.has(name)) throw new Error(`the manifest has no ${name} section`);
  return { head, bytes, pack };
}

/** One section, decompressed and parsed. */
export async function readSection<N extends SectionName>(manifest: Manifest, name: N): Promise<SectionTypes[N]> {
  const chunk = chunkBytes(manifest.bytes, manifest.pack, name);
  if (!chunk && name === "streams") return JSON.parse(EMPTY_STREAMS) as SectionTypes[N];
  const bytes = inflate(chunk!);
  if (name === "delta") return ItemList.decode<DeltaMeta>(bytes) as SectionTypes[N];
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as SectionTypes[N];
  } catch {
    throw new Error(`the manifest's ${name} section is not JSON`);
  }
}

/** Every pack key a manifest names as live (not retired). */
export async function liveKeys(manifest: Manifest): Promise<string[]> {
  const feeds = await readSection(manifest, "feeds");
  const articles = await readSection(manifest, "articles");
  return [
    ...manifest.head.hot,
    manifest.head.directory,
    ...(manifest.head.opml ? [manifest.head.opml] : []),
    ...Object.values(feeds).flatMap((feed) => feed.runs),
    ...Object.values(articles).flat(),
  ];
}
