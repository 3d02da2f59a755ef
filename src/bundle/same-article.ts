import type { PostRecord } from "../post.js";

/** eastmoney's copy is `<id>.md`; the media source's copy of the same article is `NW<id>.md`. */
function isMediaCopy(record: PostRecord): boolean {
  return /\/NW[^/]*\.html$/.test(record.path);
}

/**
 * The archive often holds one article twice, under `emnews` and under its media source: same title,
 * same second. The main feeds show it once, as the eastmoney copy carrying both categories and
 * both tags. Records are newest first, and stay so.
 */
export function mergeSameArticles(records: readonly PostRecord[]): PostRecord[] {
  const groups = new Map<string, PostRecord[]>();
  for (const record of records) {
    const key = `${record.title}\u0000${Date.parse(record.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()].map((copies) => {
    const primary = copies.find((r) => !isMediaCopy(r)) ?? copies[0]!;
    const union = (pick: (r: PostRecord) => string[]) => [...new Set([primary, ...copies].flatMap(pick))];
    return copies.length === 1 ? primary : { ...primary, categories: union((r) => r.categories), tags: union((r) => r.tags) };
  });
}
