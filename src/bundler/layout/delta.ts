import type { DeltaMeta } from "../../kv/manifest.js";
import type { ItemJson } from "../../kv/pack.js";
import type { PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { collectFeeds, summarizeFeed, type FeedSummary } from "./feed-lists.js";
import { searchText } from "./search-text.js";

export interface Delta {
  meta: DeltaMeta;
  items: ItemJson[];
}

/**
 * The delta: the posts after the cut (newest first), each post's JSON once, with which items each
 * feed lists and every feed they touch, whole (its FeedInfo laid onto what the packs hold of it).
 */
export function layOutDelta(records: readonly PostRecord[], site: Site, epochOf: (record: PostRecord) => number, sealed: ReadonlyMap<string, FeedSummary>): Delta {
  const items: ItemJson[] = [];
  const meta: DeltaMeta = { feeds: {}, infos: {}, articles: {}, texts: [] };
  const index = new Map<PostRecord, number>();
  const itemIndex = (record: PostRecord) => {
    let at = index.get(record);
    if (at === undefined) {
      index.set(record, (at = items.push({ key: "", json: JSON.stringify(record) }) - 1));
      meta.texts.push(searchText(record));
    }
    return at;
  };
  for (const list of collectFeeds(records, site, epochOf)) {
    if (!list.items.length && list.kind !== "main") continue;
    meta.infos[list.id] = summarizeFeed(list, list.items, site.itemsPerFeed, sealed.get(list.id)).info;
    if (list.items.length) meta.feeds[list.id] = list.items.map(itemIndex);
  }
  for (const record of records) meta.articles[record.path] = itemIndex(record);
  return { meta, items };
}
