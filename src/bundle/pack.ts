import { createHash } from "node:crypto";
import { kvKeys } from "../kv-keys.js";
import type { FeedIndex, PostRecord } from "../post.js";
import type { Site } from "../site.js";
import { mergeSameArticles } from "./same-article.js";

/** One key/value pair in wrangler's bulk format (`wrangler kv bulk put`). */
export interface KvEntry {
  key: string;
  value: string;
}

/**
 * The KV entries for a set of published posts (newest first): one per post, plus the feed index,
 * where an article published twice (eastmoney and its media source) is one item.
 */
export function packKvEntries(records: readonly PostRecord[], site: Site): KvEntry[] {
  const posts = records.map((record) => ({ key: kvKeys.post(record.path), value: JSON.stringify(record) }));
  const items = mergeSameArticles(records).slice(0, site.itemsPerFeed);
  const version = createHash("sha256")
    .update(JSON.stringify(site))
    .update(JSON.stringify(items))
    .update(String(records.length))
    .digest("hex")
    .slice(0, 16);
  const index: FeedIndex = { version, total: records.length, updated: items[0]?.date ?? "1970-01-01T00:00:00Z", items };
  return [...posts, { key: kvKeys.index, value: JSON.stringify(index) }];
}
