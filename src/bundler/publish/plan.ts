import { deflateRawSync } from "node:zlib";
import { MANIFEST_KEY, packHash, packKey } from "../../kv/keys.js";
import { LAYOUT_FORMAT, encodeManifest, type FeedTable, type Manifest, type ManifestHead, type SectionName } from "../../kv/manifest.js";
import { encodeItems } from "../../kv/pack.js";
import type { FeedInfo } from "../../post.js";
import { contentHash } from "../layout/digests.js";
import type { LayoutPlan } from "../layout/plan.js";

/** Longer than KV's 60 s propagation: a reader that still sees the old manifest finds its packs. */
export const GRACE_MS = 5 * 60 * 1000;

/** What KV holds, as far as a deploy needs to know: one read (the manifest) and one list. */
export interface KvState {
  /** The manifest, or null when KV holds none of this layout. */
  manifest: Manifest | null;
  /** Its head. */
  head: ManifestHead | null;
  /** Every pack the manifest names as live. */
  live: string[];
  /** Packs to retire that no manifest of this layout names: an older layout's, or those of a manifest that cannot be read. */
  stray: string[];
  /** Packs a killed deploy of the coming generation wrote: never named by a manifest, so no reader has them. */
  orphans: string[];
}

/** A value to write, made when it is written (a pack's bytes are made only when KV lacks it). */
export interface PlannedPut {
  key: string;
  make(): Uint8Array;
}

export interface PublishPlan {
  /** Packs missing from KV, then the manifest, last. Empty when KV already serves this version. */
  puts: PlannedPut[];
  /** Retired packs whose grace period is over, and orphans this version does not use. */
  deletes: string[];
  manifest: ManifestHead;
  /** Packs of this version already in KV, not sent again. */
  kept: number;
  /** Every feed of this version by id, as its readers are told of it. */
  feeds: ReadonlyMap<string, FeedInfo>;
}

function compress(text: string): Uint8Array {
  return deflateRawSync(text, { level: 9 });
}

/**
 * What a deploy must do to make KV serve `layout`: give each planned pack a key (the key it
 * already has in KV, else a new one of the coming generation), write the packs KV lacks, write the
 * manifest last, retire packs nothing uses any more and delete those retired for longer than the
 * grace period.
 */
export function planPublish(layout: LayoutPlan, state: KvState, now: number, graceMs = GRACE_MS): PublishPlan {
  const previous = state.head;
  const generation = (previous?.generation ?? 0) + 1;
  const existing = new Map<string, string>();
  for (const key of [...state.orphans, ...(previous?.retired.map((r) => r.key) ?? []), ...state.live]) {
    const hash = packHash(key);
    if (hash) existing.set(hash, key);
  }
  const keyOf = (hash: string) => existing.get(hash) ?? packKey(generation, hash);
  // every pack the version names; a layout reused from KV has no pack to make, all being there
  const named = [...layout.hot, layout.directory, layout.opml, ...Object.values(layout.feeds).flatMap((f) => f.runs), ...Object.values(layout.articles).flat()];
  const used = new Set(named.map(keyOf));
  const puts: PlannedPut[] = [];
  for (const hash of new Set(named)) {
    if (existing.has(hash)) continue;
    const pack = layout.packs.get(hash);
    if (!pack) throw new Error(`the layout names pack ${hash} but cannot make it`);
    puts.push({ key: keyOf(hash), make: () => pack.build() });
  }

  const feeds: FeedTable = Object.fromEntries(Object.entries(layout.feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(keyOf) }]));
  const articles = Object.fromEntries(Object.entries(layout.articles).map(([period, hashes]) => [period, hashes.map(keyOf)]));
  const texts: Record<SectionName, string> = {
    feeds: JSON.stringify(feeds),
    aliases: JSON.stringify(layout.aliases),
    articles: JSON.stringify(articles),
    delta: encodeItems(layout.delta.meta, layout.delta.items),
    streams: JSON.stringify(layout.streams),
  };
  const sections = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, contentHash([text])])) as Record<SectionName, string>;
  const hot = layout.hot.map(keyOf);
  const directory = keyOf(layout.directory);
  const opml = keyOf(layout.opml);
  const version = contentHash([String(LAYOUT_FORMAT), String(layout.pageSize), String(layout.cut), ...hot, directory, opml, ...Object.values(sections)]).slice(0, 16);

  const retired: ManifestHead["retired"] = [];
  const deletes: string[] = [];
  const since = new Date(now).toISOString();
  const retire = (key: string, when: string) => {
    if (used.has(key)) return;
    if (Date.parse(when) + graceMs <= now) deletes.push(key);
    else retired.push({ key, since: when });
  };
  for (const { key, since: when } of previous?.retired ?? []) retire(key, when);
  const seen = new Set(retired.map((r) => r.key).concat(deletes));
  for (const key of [...new Set([...state.live, ...state.stray])].sort()) if (!seen.has(key)) retire(key, since);
  for (const key of state.orphans) if (!used.has(key)) deletes.push(key);

  const unchanged = previous !== null && previous.version === version && JSON.stringify(previous.retired) === JSON.stringify(retired) && puts.length === 0;
  const head: ManifestHead = unchanged
    ? previous
    : { format: LAYOUT_FORMAT, version, generation, pageSize: layout.pageSize, cut: layout.cut, sealed: layout.sealedKey, hot, directory, opml, retired, sections };
  if (!unchanged) {
    puts.push({
      key: MANIFEST_KEY,
      make: () => encodeManifest(head, Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, compress(text)])) as Record<SectionName, Uint8Array>),
    });
  }
  return { puts, deletes, manifest: head, kept: used.size - puts.filter((p) => p.key !== MANIFEST_KEY).length, feeds: layout.infos };
}
