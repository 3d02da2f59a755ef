import type { AliasTable, DeltaMeta, StreamTable } from "../../kv/manifest.js";
import type { ItemJson } from "../../kv/pack.js";
import { parseFeedId, type FeedInfo, type PostRecord } from "../../post.js";
import { compareText } from "../../compare.js";
import type { Site } from "../../site.js";
import { chooseCut, type DeltaLimits } from "./cut.js";
import { digestOf } from "./digests.js";
import { collectFeeds, summarizeFeed } from "./feed-lists.js";
import { opmlPack } from "./opml-pack.js";
import { layOutSealed, sealedKey, type PlannedPack, type SealedLayout } from "./sealed-layout.js";
import { own } from "../../own.js";

export type { PlannedPack, SealedLayout };

/**
 * A version as packs and manifest sections, packs named by content hash (the deploy gives them
 * keys): the posts up to the cut in packs, the newer ones in the delta section.
 */
export interface LayoutPlan extends Omit<SealedLayout, "key" | "summaries"> {
  pageSize: number;
  cut: number;
  /** The key of the packs' layout: a later deploy whose posts up to the cut are the same reuses it. */
  sealedKey: string;
  /** The OPML pack (`opmlPack`). */
  opml: string;
  delta: { meta: DeltaMeta; items: ItemJson[] };
  streams: StreamTable;
  /** Every feed of the version, main included, as its readers are told of it: what WebSub pings compare. */
  infos: Map<string, FeedInfo>;
}

export interface PlanOptions {
  /** The cut the version in KV was made with; undefined for a first deploy. */
  previousCut?: number;
  /** When to compact (tests make it small). */
  limits?: DeltaLimits;
  /** The layout KV serves, when known without laying the posts out again: used if its key is this plan's. */
  inKv?: SealedLayout;
  /** `planCut` of the same records and options, when the caller has made it already. */
  planned?: CutPlan;
}

/** The cut of the next version and what lies up to it: the records after it, and the key of the rest. */
export interface CutPlan {
  cut: number;
  split: number;
  epochOf: (record: PostRecord) => number;
  sealedKey: string;
}

/** Chooses the cut of the next version. */
export function planCut(records: readonly PostRecord[], site: Site, options: PlanOptions = {}): CutPlan {
  const epochs = new Map(records.map((r) => [r, Date.parse(r.date)]));
  const epochOf = (r: PostRecord) => epochs.get(r) ?? Date.parse(r.date);
  const cut = chooseCut(records, epochOf, (r) => digestOf(r).bytes, options.previousCut, options.limits);
  let split = 0;
  while (split < records.length && epochOf(records[split]!) > cut) split++;
  return { cut, split, epochOf, sealedKey: sealedKey(records.slice(split), site) };
}

/** Lays out published records (newest first): a cut, the packs up to it, the delta after it. */
export function planLayout(records: readonly PostRecord[], site: Site, options: PlanOptions = {}): LayoutPlan {
  const pageSize = site.itemsPerFeed;
  const { cut, split, epochOf, sealedKey } = options.planned ?? planCut(records, site, options);
  const sealed = options.inKv?.key === sealedKey ? options.inKv : layOutSealed(records.slice(split), site, epochOf, sealedKey);

  // The delta: posts after the cut, each JSON once; every feed they touch, whole.
  const items: ItemJson[] = [];
  const index = new Map<PostRecord, number>();
  const itemIndex = (record: PostRecord) => {
    let at = index.get(record);
    if (at === undefined) index.set(record, (at = items.push({ key: "", json: JSON.stringify(record) }) - 1));
    return at;
  };
  const meta: DeltaMeta = { feeds: {}, infos: {}, articles: {} };
  for (const list of collectFeeds(records.slice(0, split), site, epochOf)) {
    if (!list.items.length && list.kind !== "main") continue;
    meta.infos[list.id] = summarizeFeed(list, list.items, pageSize, sealed.summaries.get(list.id)).info;
    if (list.items.length) meta.feeds[list.id] = list.items.map(itemIndex);
  }
  for (const record of records.slice(0, split)) meta.articles[record.path] = itemIndex(record);

  const { hot, directory, feeds, aliases, articles, packs } = sealed;
  const streams = planStreams(sealed.summaries, aliases, meta);
  const infos = new Map([...sealed.summaries].map(([id, { info }]) => [id, info]));
  for (const [id, info] of Object.entries(meta.infos)) infos.set(id, info);
  const opml = opmlPack(infos.values(), streams);
  return { pageSize, cut, sealedKey, hot, directory, opml: opml.hash, feeds, aliases, articles, delta: { meta, items }, streams, infos, packs: new Map(packs).set(opml.hash, opml) };
}

const kindOrder = (id: string) => (parseFeedId(id).kind === "category" ? 0 : 1);

/**
 * Every category's name and label, and which feeds repeat another whole: equal up to the cut (the sealed
 * aliases) and after it (the same delta items), or, for feeds that begin after the cut, equal
 * delta lists. Categories come before tags, so a tag is named after the category it repeats.
 */
export function planStreams(sealed: ReadonlyMap<string, { info: FeedInfo }>, aliases: AliasTable, delta: DeltaMeta): StreamTable {
  const categories: StreamTable["categories"] = {};
  const name = ({ name, label }: FeedInfo) => (label === undefined ? { name } : { name, label });
  for (const [id, { info }] of sealed) if (info.kind === "category" && !Object.hasOwn(delta.infos, id)) categories[id] = name(info);
  for (const [id, info] of Object.entries(delta.infos)) if (info.kind === "category") categories[id] = name(info);

  const listOf = (id: string) => own(delta.feeds, id)?.join() ?? "";
  const same: Record<string, string> = {};
  for (const [id, [to]] of Object.entries(aliases)) if (listOf(id) === listOf(to)) same[id] = to;
  const firstWith = new Map<string, string>();
  const fresh = Object.keys(delta.feeds).filter((id) => id !== "main" && !sealed.has(id));
  for (const id of fresh.sort((a, b) => kindOrder(a) - kindOrder(b) || compareText(a, b))) {
    const first = firstWith.get(listOf(id));
    if (first) same[id] = first;
    else firstWith.set(listOf(id), id);
  }
  return { categories: sortKeys(categories), same: sortKeys(same) };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
