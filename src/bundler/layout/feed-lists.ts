import { stringsFor } from "../../strings.js";
import { escapeXml } from "../../escape.js";
import { NO_DATE, feedId, parseFeedId, type FeedInfo, type FeedKind, type PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { mergeSameArticles } from "../records/same-article.js";

/** Feed items carry at most this much HTML; a longer post gets its summary and a link, its page has it all. */
export const MAX_FEED_CONTENT = 200_000;

/** A record as feeds carry it: whole, or for a very long post its summary and a link. */
export function forFeeds(record: PostRecord, site: Site): PostRecord {
  if (record.contentHtml.length <= MAX_FEED_CONTENT) return record;
  const link = `${site.url}${site.baseurl}${record.path}`;
  return { ...record, contentHtml: `<p>${escapeXml(record.summary)}</p><p><a href="${escapeXml(link)}">${escapeXml(stringsFor(site.language).readWhole)}</a></p>` };
}

/** One feed's items, newest first, as its feed documents list them. */
export interface FeedList {
  id: string;
  kind: FeedKind;
  items: PostRecord[];
}

/**
 * The main feed (an article published twice shown once) and one feed per category and per tag,
 * from records newest first. The main feed is always there, even empty.
 */
export function collectFeeds(records: readonly PostRecord[], site: Site, epochOf?: (record: PostRecord) => number): FeedList[] {
  const forms = new Map<PostRecord, PostRecord>();
  const feedForm = (record: PostRecord) => {
    const form = forFeeds(record, site);
    if (form !== record) forms.set(record, form);
    return form;
  };
  const main: FeedList = { id: "main", kind: "main", items: mergeSameArticles(records, epochOf).map(feedForm) };
  const feeds = new Map<string, FeedList>();
  const add = (kind: FeedKind, name: string, record: PostRecord) => {
    const id = feedId(kind, name);
    let feed = feeds.get(id);
    if (!feed) feeds.set(id, (feed = { id, kind, items: [] }));
    feed.items.push(record);
  };
  const names = (list: string[]) => (list.length === 1 ? [list[0]!.toLowerCase()] : new Set(list.map((name) => name.toLowerCase())));
  for (const record of records) {
    const form = forms.get(record) ?? feedForm(record);
    for (const name of names(record.categories)) add("category", name, form);
    for (const name of names(record.tags)) add("tag", name, form);
  }
  return [main, ...feeds.values()];
}

/** How often each tag appears among items (newest first), in the order first seen. */
export function tagCounts(items: readonly PostRecord[], older?: ReadonlyMap<string, number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  for (const [tag, count] of older ?? []) counts.set(tag, (counts.get(tag) ?? 0) + count);
  return counts;
}

/**
 * A category's most common tag (ties: the first seen), as its readable name, when more than half of
 * its `total` posts carry it: the archive's `emnews` is its `东财滚动新闻` posts, but a blog's
 * `notes` is not `Ruby` because one of its posts is tagged so. `name` is the category's, lowercased.
 */
function mostCommon(counts: ReadonlyMap<string, number>, total: number, name: string): { label?: string } {
  let label: string | undefined;
  for (const [tag, count] of counts) if (label === undefined || count > counts.get(label)!) label = tag;
  // a category tagged with its own name (`markup`, tagged `Markup`) says nothing more under it
  return label && counts.get(label)! * 2 > total && label.toLowerCase() !== name ? { label } : {};
}

/** The name a feed's newest item writes it with (`Emnews` and `emnews` are one feed). */
function nameOf(kind: FeedKind, id: string, newest: PostRecord): string {
  if (kind === "main") return "";
  const lower = id.slice(kind.length + 1);
  return (kind === "category" ? newest.categories : newest.tags).find((name) => name.toLowerCase() === lower) ?? lower;
}

/** A feed's FeedInfo and, for a category, its tag counts (for its label, and for adding newer items). */
export interface FeedSummary {
  info: FeedInfo;
  tags?: Map<string, number>;
}

/**
 * What readers are told of a feed holding `items` (newest first), followed by the items `older`
 * summarizes: the same as summarizing all of them at once.
 */
export function summarizeFeed(feed: Pick<FeedList, "id" | "kind">, items: readonly PostRecord[], pageSize: number, older?: FeedSummary): FeedSummary {
  const tags = feed.kind === "category" ? tagCounts(items, older?.tags) : undefined;
  const total = items.length + (older?.info.total ?? 0);
  const info: FeedInfo = {
    id: feed.id,
    kind: feed.kind,
    name: items[0] ? nameOf(feed.kind, feed.id, items[0]) : (older?.info.name ?? ""),
    ...(tags ? mostCommon(tags, total, parseFeedId(feed.id).name) : {}),
    total,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    updated: items[0]?.date ?? older?.info.updated ?? NO_DATE,
  };
  return tags ? { info, tags } : { info };
}
