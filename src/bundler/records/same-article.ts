import type { PostRecord } from "../../post.js";
import { groupBy } from "../group-by.js";

/** eastmoney's copy is `<id>.md`; the media source's copy of the same article is `NW<id>.md`. */
function isMediaCopy(record: PostRecord): boolean {
  return /\/NW[^/]*\.html$/.test(record.path);
}

/**
 * The archive often holds one article twice, under `emnews` and under its media source: same title,
 * same second. The main feeds show it once, as the eastmoney copy carrying both categories and
 * both tags. Records are newest first, so copies of one article sit side by side; they stay in order.
 */
export function mergeSameArticles(records: readonly PostRecord[], epochOf = (r: PostRecord) => Date.parse(r.date)): PostRecord[] {
  const merged: PostRecord[] = [];
  for (let start = 0; start < records.length; ) {
    const epoch = epochOf(records[start]!);
    let end = start + 1;
    while (end < records.length && epochOf(records[end]!) === epoch) end++;
    if (end - start === 1) merged.push(records[start]!);
    else {
      for (const copies of groupBy(records.slice(start, end), (record) => record.title).values()) merged.push(mergeCopies(copies));
    }
    start = end;
  }
  return merged;
}

function mergeCopies(copies: PostRecord[]): PostRecord {
  const primary = copies.find((r) => !isMediaCopy(r)) ?? copies[0]!;
  if (copies.length === 1) return primary;
  const union = (pick: (r: PostRecord) => string[]) => [...new Set([primary, ...copies].flatMap(pick))];
  return { ...primary, categories: union((r) => r.categories), tags: union((r) => r.tags) };
}
