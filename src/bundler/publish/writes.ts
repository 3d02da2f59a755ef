import { deflateRawSync } from "node:zlib";
import { MANIFEST_KEY, packHash, packKey } from "../../kv/keys.js";
import { LAYOUT_FORMAT, eachSection, encodeManifest, packsNamedBy, type FeedTable, type ManifestHead, type SectionName } from "../../kv/manifest.js";
import { encodeItems } from "../../kv/pack.js";
import type { FeedInfo } from "../../post.js";
import { contentHash } from "../layout/record-hashes.js";
import type { VersionLayout } from "../layout/version.js";
import type { KvState } from "./kv-state.js";

/** Longer than KV's 60 s propagation: a reader that still sees the old manifest finds its packs. */
export const GRACE_MS = 5 * 60 * 1000;

/** A value to write, encoded when it is written (a pack's bytes are made only when KV lacks it). */
export interface PlannedWrite {
  key: string;
  encode(): Uint8Array;
}

/** What a publish writes and deletes to make KV serve a version. */
export interface WritePlan {
  /** Packs missing from KV, then the manifest, last. Empty when KV already serves this version. */
  puts: PlannedWrite[];
  /** Retired packs whose grace period is over, and orphans this version does not use. */
  deletes: string[];
  manifest: ManifestHead;
  /** Packs of this version already in KV, not sent again. */
  kept: number;
  /** Every feed of this version by id, as its readers are told of it. */
  feeds: ReadonlyMap<string, FeedInfo>;
}

const compress = (text: string) => deflateRawSync(text, { level: 9 });

/** Each pack hash's key: the key it has in KV, else a new one of the coming generation. */
function keysFor(state: KvState, generation: number): { keyOf(hash: string): string; inKv(hash: string): boolean } {
  const existing = new Map<string, string>();
  for (const key of [...state.orphans, ...(state.head?.retired.map((r) => r.key) ?? []), ...state.live]) {
    const hash = packHash(key);
    if (hash) existing.set(hash, key);
  }
  return { keyOf: (hash) => existing.get(hash) ?? packKey(generation, hash), inKv: (hash) => existing.has(hash) };
}

/** The manifest's sections as text, packs named by key. */
function sectionTexts(layout: VersionLayout, keyOf: (hash: string) => string): Record<SectionName, string> {
  const feeds: FeedTable = Object.fromEntries(Object.entries(layout.feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(keyOf) }]));
  const articles = Object.fromEntries(Object.entries(layout.articles).map(([period, hashes]) => [period, hashes.map(keyOf)]));
  return {
    feeds: JSON.stringify(feeds),
    aliases: JSON.stringify(layout.aliases),
    articles: JSON.stringify(articles),
    delta: encodeItems(layout.delta.meta, layout.delta.items),
    streams: JSON.stringify(layout.streams),
  };
}

/** Packs nothing uses any more: retired with the time, deleted once retired for longer than the grace period. */
function retire(state: KvState, used: ReadonlySet<string>, now: number, graceMs: number): { retired: ManifestHead["retired"]; deletes: string[] } {
  const retired: ManifestHead["retired"] = [];
  const deletes: string[] = [];
  const since = new Date(now).toISOString();
  const add = (key: string, when: string) => {
    if (used.has(key)) return;
    if (Date.parse(when) + graceMs <= now) deletes.push(key);
    else retired.push({ key, since: when });
  };
  for (const { key, since: when } of state.head?.retired ?? []) add(key, when);
  const seen = new Set(retired.map((r) => r.key).concat(deletes));
  for (const key of [...new Set([...state.live, ...state.stray])].sort()) if (!seen.has(key)) add(key, since);
  for (const key of state.orphans) if (!used.has(key)) deletes.push(key);
  return { retired, deletes };
}

/**
 * What a publish must do to make KV serve `layout`: give each planned pack a key, write the packs
 * KV lacks, write the manifest last, retire packs nothing uses any more and delete those retired
 * for longer than the grace period.
 */
export function planWrites(layout: VersionLayout, state: KvState, now: number, graceMs = GRACE_MS): WritePlan {
  const previous = state.head;
  const generation = (previous?.generation ?? 0) + 1;
  const { keyOf, inKv } = keysFor(state, generation);
  const named = packsNamedBy(layout);
  const used = new Set(named.map(keyOf));
  const puts: PlannedWrite[] = [];
  for (const hash of new Set(named)) {
    if (inKv(hash)) continue;
    const pack = layout.packs.get(hash);
    if (!pack) throw new Error(`the layout names pack ${hash} but cannot encode it`);
    puts.push({ key: keyOf(hash), encode: () => pack.encode() });
  }

  const texts = sectionTexts(layout, keyOf);
  const sections = eachSection((name) => contentHash([texts[name]]));
  const hot = layout.hot.map(keyOf);
  const catalog = keyOf(layout.catalog);
  const opml = keyOf(layout.opml);
  const version = contentHash([String(LAYOUT_FORMAT), String(layout.pageSize), String(layout.cut), ...hot, catalog, opml, ...Object.values(sections)]).slice(0, 16);
  const { retired, deletes } = retire(state, used, now, graceMs);

  const unchanged = previous !== null && previous.version === version && JSON.stringify(previous.retired) === JSON.stringify(retired) && puts.length === 0;
  const head: ManifestHead = unchanged
    ? previous
    : { format: LAYOUT_FORMAT, version, generation, pageSize: layout.pageSize, cut: layout.cut, sealed: layout.sealedKey, hot, catalog, opml, retired, sections };
  if (!unchanged) {
    puts.push({
      key: MANIFEST_KEY,
      encode: () => encodeManifest(head, eachSection((name) => compress(texts[name]))),
    });
  }
  return { puts, deletes, manifest: head, kept: used.size - puts.filter((p) => p.key !== MANIFEST_KEY).length, feeds: layout.infos };
}
