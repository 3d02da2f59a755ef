import { CATALOG_PACK, readCatalogSummaries } from "../../kv/catalog-pack.js";
import { CLOCK_KEY, CLOCK_TTL_SECONDS, MANIFEST_KEY, PACK_PREFIX, packGeneration, packHash, type ClockMeta } from "../../kv/keys.js";
import { decodeManifest, liveKeys, readSection, type Manifest, type ManifestHead } from "../../kv/manifest.js";
import { Pack, PackError } from "../../kv/pack.js";
import type { SealedLayout } from "../layout/sealed.js";
import { feedSummary } from "../layout/sealed.js";
import type { KvKey, KvStore } from "./kv-store.js";

/** A reading of KV's clock: when the clock key was written (epoch seconds, by KV), and after which manifest. */
export interface KvClock {
  at: number;
  stamp: string;
}

/** What KV holds, as far as a publish needs to know: one list of every key, and one read (the manifest). */
export interface KvState {
  /** The manifest, or null when KV holds none of this layout. */
  manifest: Manifest | null;
  /** Its head. */
  head: ManifestHead | null;
  /** Every pack the manifest names as live. */
  live: string[];
  /** Every pack key KV lists. */
  present: ReadonlySet<string>;
  /** The newest generation KV knows of, in the manifest or in a pack's key. */
  generation: number;
  /** The last reading of KV's clock, if the clock key has not expired. */
  clock?: KvClock;
  /** Why the manifest KV holds could not be read, when it could not: the publish retires every pack and says so. */
  unreadable?: string;
}

function clockOf(keys: readonly KvKey[]): KvClock | undefined {
  const key = keys.find((k) => k.name === CLOCK_KEY);
  const stamp = (key?.metadata as Partial<ClockMeta> | undefined)?.stamp;
  if (key?.expiration === undefined || typeof stamp !== "string") return undefined;
  return { at: key.expiration - CLOCK_TTL_SECONDS, stamp };
}

/**
 * What the target KV holds: one list of every key (the packs there are, and the clock) and the
 * manifest (one read), which names every live and retired pack. A manifest that cannot be read
 * (another layout's, or damaged) is as none: every pack listed is then an orphan, retired.
 */
export async function readKvState(store: KvStore): Promise<KvState> {
  const keys = await store.list("");
  const packs = keys.filter((k) => k.name.startsWith(PACK_PREFIX)).map((k) => k.name);
  const generation = Math.max(0, ...packs.map((key) => packGeneration(key)));
  const base = { present: new Set(packs), clock: clockOf(keys) };
  const bytes = await store.getBytes(MANIFEST_KEY);
  if (bytes === null) return { manifest: null, head: null, live: [], generation, ...base };
  let manifest: Manifest;
  try {
    manifest = decodeManifest(bytes);
  } catch (error) {
    // not a manifest of this layout: its packs are retired; anything else is a bug, and stops the publish
    if (!(error instanceof PackError)) throw error;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { manifest: null, head: null, live: [], generation, ...base, unreadable: `${error.message}${cause}` };
  }
  return { manifest, head: manifest.head, live: liveKeys(manifest), generation: Math.max(generation, manifest.head.generation), ...base };
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
    windows: manifest.head.windows.map(hash),
    catalog: hash(manifest.head.catalog),
    feeds: Object.fromEntries(Object.entries(feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(hash) }])),
    aliases: readSection(manifest, "aliases"),
    articles: Object.fromEntries(Object.entries(articles).map(([period, keys]) => [period, keys.map(hash)])),
    packs: new Map(),
    summaries: new Map(entries.map((entry) => [entry.info.id, feedSummary(entry)])),
  };
}
