import type { StreamTable } from "../../kv/manifest.js";
import { overlayFeedInfos } from "../../kv/manifest.js";
import type { FeedInfo, PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { chooseCut, type DeltaLimits } from "./cut.js";
import { layOutDelta, type Delta } from "./delta.js";
import { opmlPack } from "./opml.js";
import { recordHash } from "./record-hashes.js";
import { layOutSealed, sealedKey, type PlannedPack, type SealedLayout } from "./sealed.js";
import type { FeedSummary } from "./feed-lists.js";
import { findStreams } from "./streams.js";

export type { PlannedPack, SealedLayout };

/**
 * A version as packs and manifest sections, packs named by content hash (the publish gives them
 * keys): the posts up to the cut in packs, the newer ones in the delta section.
 */
export interface VersionLayout extends Omit<SealedLayout, "key" | "summaries"> {
  /** The site's settings, as the manifest's `site` section carries them to the edge (its `itemsPerFeed` is the page size). */
  site: Site;
  cut: number;
  /** The key of the packs' layout: a later publish whose posts up to the cut are the same reuses it. */
  sealedKey: string;
  opml: string;
  /** The packs this layout can encode: all it names, unless it was read back from KV (then none). */
  packs: Map<string, PlannedPack>;
  delta: Delta;
  streams: StreamTable;
  /** Every feed of the version, main included, as its readers are told of it: what WebSub pings compare. */
  infos: Map<string, FeedInfo>;
}

export interface LayoutOptions {
  /** The cut the version in KV was made with; undefined for a first publish. */
  previousCut?: number;
  /** When to compact (tests make it small). */
  limits?: DeltaLimits;
  /** The sealed layout KV serves, when known without laying the posts out again: used if its key is this one's. */
  inKv?: SealedLayout;
  /** `splitAtCut` of the same records and options, when the caller has made it already. */
  split?: RecordsAtCut;
}

/** The cut of the next version and the records on each side of it. */
export interface RecordsAtCut {
  cut: number;
  /** Records [0, split) are after the cut (the delta), the rest up to it (sealed). */
  split: number;
  epochOf: (record: PostRecord) => number;
  sealedKey: string;
}

/** Chooses the cut of the next version for published records (newest first). */
export function splitAtCut(records: readonly PostRecord[], site: Site, options: LayoutOptions = {}): RecordsAtCut {
  const epochs = new Map(records.map((r) => [r, Date.parse(r.date)]));
  const epochOf = (r: PostRecord) => epochs.get(r) ?? Date.parse(r.date);
  const cut = chooseCut(records, epochOf, (r) => recordHash(r).bytes, options.previousCut, options.limits);
  let split = 0;
  while (split < records.length && epochOf(records[split]!) > cut) split++;
  return { cut, split, epochOf, sealedKey: sealedKey(records.slice(split), site) };
}

/** Every feed of a version by id: the sealed summaries' FeedInfos with the delta's newer ones over them. */
export function feedInfosById(summaries: ReadonlyMap<string, FeedSummary>, deltaInfos: Readonly<Record<string, FeedInfo>>): Map<string, FeedInfo> {
  return new Map(overlayFeedInfos([...summaries.values()].map((summary) => summary.info), deltaInfos).map((info) => [info.id, info]));
}

/** Lays out published records (newest first): a cut, the packs up to it, the delta after it, the streams and the OPML. */
export function layOutVersion(records: readonly PostRecord[], site: Site, options: LayoutOptions = {}): VersionLayout {
  const { cut, split, epochOf, sealedKey } = options.split ?? splitAtCut(records, site, options);
  const sealed = options.inKv?.key === sealedKey ? options.inKv : layOutSealed(records.slice(split), site, epochOf, sealedKey);
  const delta = layOutDelta(records.slice(0, split), site, epochOf, sealed.summaries);
  const streams = findStreams(sealed.summaries, sealed.aliases, delta.meta);
  const infos = feedInfosById(sealed.summaries, delta.meta.infos);
  const opml = opmlPack(site, infos.values(), streams);
  const { hot, windows, catalog, feeds, aliases, articles, packs } = sealed;
  return { site, cut, sealedKey, hot, windows, catalog, opml: opml.hash, feeds, aliases, articles, delta, streams, infos, packs: new Map(packs).set(opml.hash, opml) };
}
