import { deflateRawSync } from "node:zlib";
import { CLOCK_KEY, CLOCK_TTL_SECONDS, MANIFEST_KEY, packHash, packKey, type ClockMeta } from "../../kv/keys.js";
import { LAYOUT_FORMAT, eachSection, encodeManifest, packsNamedBy, type FeedTable, type ManifestHead, type SectionName } from "../../kv/manifest.js";
import { encodeItems } from "../../kv/pack.js";
import type { FeedInfo } from "../../post.js";
import { contentHash } from "../layout/record-hashes.js";
import type { VersionLayout } from "../layout/version.js";
import type { KvEntry } from "./kv-store.js";
import type { KvState } from "./kv-state.js";
import { retire } from "./retirement.js";

/** A value to write, encoded when it is written (a pack's bytes are made only when KV lacks it). */
export interface PlannedWrite {
  key: string;
  encode(): Uint8Array;
  /** KV's TTL and metadata for the value (the clock's). */
  extras?: Pick<KvEntry, "expirationTtl" | "metadata">;
}

/** What a publish writes and deletes to make KV serve a version. */
export interface WritePlan {
  /** Packs missing from KV, then the manifest, last. Empty when KV already serves this version. */
  puts: PlannedWrite[];
  /** The clock key, written after the manifest while any pack is retired: the reading the next publish times them by. */
  clock?: PlannedWrite;
  /** Retired packs whose grace period is over by KV's clock. */
  deletes: string[];
  manifest: ManifestHead;
  /** Packs of this version already in KV, not sent again. */
  kept: number;
  /** Packs the manifest KV served named, but KV no longer held: written again under new keys. */
  repaired: string[];
  /** Every feed of this version by id, as its readers are told of it. */
  feeds: ReadonlyMap<string, FeedInfo>;
}

/** The layout names a pack that KV lacks and that it cannot encode (it was read back from KV): lay the posts out again. */
export class UnencodablePackError extends Error {}

const compress = (text: string) => deflateRawSync(text, { level: 9 });

/**
 * Each pack hash's key: the key of a pack KV holds that the manifest names or that nothing
 * retired (an orphan), else a new one of the coming generation. A retired pack is never named
 * again, nor a new key spelled like one: another publish may be deleting it.
 */
function keysFor(state: KvState, generation: number): { keyOf(hash: string): string; inKv(hash: string): boolean } {
  const retired = new Set(state.head?.retired.map((r) => r.key));
  const existing = new Map<string, string>();
  const offer = (key: string) => {
    const hash = packHash(key);
    if (hash && !existing.has(hash) && state.present.has(key) && !retired.has(key)) existing.set(hash, key);
  };
  for (const key of state.live) offer(key);
  for (const key of state.present) offer(key);
  const fresh = (hash: string) => (retired.has(packKey(generation, hash)) ? packKey(state.generation + 1, hash) : packKey(generation, hash));
  return { keyOf: (hash) => existing.get(hash) ?? fresh(hash), inKv: (hash) => existing.has(hash) };
}

/** The manifest's sections as text, packs named by key. */
function sectionTexts(layout: VersionLayout, keyOf: (hash: string) => string): Record<SectionName, string> {
  const feeds: FeedTable = Object.fromEntries(Object.entries(layout.feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(keyOf) }]));
  const articles = Object.fromEntries(Object.entries(layout.articles).map(([period, hashes]) => [period, hashes.map(keyOf)]));
  return {
    site: JSON.stringify(layout.site),
    feeds: JSON.stringify(feeds),
    aliases: JSON.stringify(layout.aliases),
    articles: JSON.stringify(articles),
    delta: encodeItems(layout.delta.meta, layout.delta.items),
    streams: JSON.stringify(layout.streams),
  };
}

/** Packs the version names that KV must be sent: those it lacks. */
function packsToWrite(layout: VersionLayout, named: readonly string[], keys: ReturnType<typeof keysFor>): PlannedWrite[] {
  const puts: PlannedWrite[] = [];
  for (const hash of new Set(named)) {
    if (keys.inKv(hash)) continue;
    const pack = layout.packs.get(hash);
    if (!pack) throw new UnencodablePackError(`the layout names pack ${hash}, which KV lacks, and cannot encode it`);
    puts.push({ key: keys.keyOf(hash), encode: () => pack.encode() });
  }
  return puts;
}

/**
 * What a publish must do to make KV serve `layout`: give each planned pack a key, write the packs
 * KV lacks (a pack the served manifest names but KV lost included), write the manifest last, then
 * the clock while packs wait to go, and delete the retired packs whose grace is over by KV's clock.
 */
export function planWrites(layout: VersionLayout, state: KvState): WritePlan {
  const previous = state.head;
  const generation = (previous?.generation ?? 0) + 1;
  const keys = keysFor(state, generation);
  const named = packsNamedBy(layout);
  const used = new Set(named.map(keys.keyOf));
  const puts = packsToWrite(layout, named, keys);

  const texts = sectionTexts(layout, keys.keyOf);
  const sections = eachSection((name) => contentHash([texts[name]]));
  const hot = layout.hot.map(keys.keyOf);
  const windows = layout.windows.map(keys.keyOf);
  const catalog = keys.keyOf(layout.catalog);
  const opml = keys.keyOf(layout.opml);
  const version = contentHash([String(LAYOUT_FORMAT), String(layout.site.itemsPerFeed), String(layout.cut), ...hot, ...windows, catalog, opml, ...Object.values(sections)]).slice(0, 16);
  const { retired, deletes } = retire({ retired: previous?.retired ?? [], stamp: previous?.stamp, clock: state.clock, present: state.present, used });

  const unchanged = previous !== null && previous.version === version && JSON.stringify(previous.retired) === JSON.stringify(retired) && puts.length === 0;
  const stamp = contentHash([version, String(generation), JSON.stringify(retired)]);
  const head: ManifestHead = unchanged
    ? previous
    : { format: LAYOUT_FORMAT, version, generation, stamp, pageSize: layout.site.itemsPerFeed, cut: layout.cut, sealed: layout.sealedKey, hot, windows, catalog, opml, retired, sections };
  if (!unchanged) puts.push({ key: MANIFEST_KEY, encode: () => encodeManifest(head, eachSection((name) => compress(texts[name]))) });
  const meta: ClockMeta = { stamp: head.stamp };
  const clock: PlannedWrite | undefined = head.retired.length
    ? { key: CLOCK_KEY, encode: () => new TextEncoder().encode(head.stamp), extras: { expirationTtl: CLOCK_TTL_SECONDS, metadata: meta } }
    : undefined;
  const repaired = state.live.filter((key) => !state.present.has(key));
  return { puts, ...(clock ? { clock } : {}), deletes, manifest: head, kept: used.size - puts.filter((p) => p.key !== MANIFEST_KEY).length, repaired, feeds: layout.infos };
}
