import { CATALOG_PACK, readCatalogSummaries } from "../../kv/catalog-pack.js";
import { MANIFEST_KEY, PACK_PREFIX, generationPrefix, packHash } from "../../kv/keys.js";
import { decodeManifest, liveKeys, readSection, type Manifest, type ManifestHead } from "../../kv/manifest.js";
import { Pack, PackError } from "../../kv/pack.js";
import type { SealedLayout } from "../layout/sealed.js";
import { feedSummary } from "../layout/sealed.js";
import type { KvStore } from "./kv-store.js";

/** What KV holds, as far as a publish needs to know: one read (the manifest) and one list. */
export interface KvState {
  /** The manifest, or null when KV holds none of this layout. */
  manifest: Manifest | null;
  /** Its head. */
  head: ManifestHead | null;
  /** Every pack the manifest names as live. */
  live: string[];
  /** Packs to retire that no manifest of this layout names: those of a manifest that cannot be read. */
  stray: string[];
  /** Packs a killed publish of the coming generation wrote: never named by a manifest, so no reader has them. */
  orphans: string[];
  /** Why the manifest KV holds could not be read, when it could not: the publish retires what it named and says so. */
  unreadable?: string;
}

/**
 * What the target KV holds: its manifest (one read) names every live and retired pack, and one
 * list finds the packs that a killed publish of the coming generation left behind. A manifest that
 * cannot be read (another layout's, or damaged) costs a list of every pack, all of them retired.
 */
export async function readKvState(store: KvStore): Promise<KvState> {
  const bytes = await store.getBytes(MANIFEST_KEY);
  if (bytes === null) return { manifest: null, head: null, live: [], stray: [], orphans: await store.listKeys(generationPrefix(1)) };
  let manifest: Manifest;
  try {
    manifest = decodeManifest(bytes);
  } catch (error) {
    // not a manifest of this layout: its packs are retired; anything else is a bug, and stops the publish
    if (!(error instanceof PackError)) throw error;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { manifest: null, head: null, live: [], stray: await store.listKeys(PACK_PREFIX), orphans: [], unreadable: `${error.message}${cause}` };
  }
  return { manifest, head: manifest.head, live: liveKeys(manifest), stray: [], orphans: await store.listKeys(generationPrefix(manifest.head.generation + 1)) };
}

/**
 * The sealed layout as KV holds it: the manifest's sections and the catalog pack (one more read),
 * packs named by hash. A publish whose posts up to the cut are unchanged uses it instead of laying
 * those posts out again. Undefined when the catalog is not in KV.
 */
export async function sealedLayoutInKv(store: KvStore, manifest: Manifest): Promise<SealedLayout | undefined> {
  const hash = (key: string) => packHash(key) ?? key;
  const bytes = await store.getBytes(manifest.head.catalog);
  if (!bytes) return undefined;
  const entries = readCatalogSummaries(Pack.read(bytes, { hash: hash(manifest.head.catalog), kind: CATALOG_PACK }));
  const feeds = readSection(manifest, "feeds");
  const articles = readSection(manifest, "articles");
  return {
    key: manifest.head.sealed,
    hot: manifest.head.hot.map(hash),
    catalog: hash(manifest.head.catalog),
    feeds: Object.fromEntries(Object.entries(feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(hash) }])),
    aliases: readSection(manifest, "aliases"),
    articles: Object.fromEntries(Object.entries(articles).map(([period, keys]) => [period, keys.map(hash)])),
    packs: new Map(),
    summaries: new Map(entries.map((entry) => [entry.info.id, feedSummary(entry)])),
  };
}
