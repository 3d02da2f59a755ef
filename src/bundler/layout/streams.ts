import { compareText } from "../../compare.js";
import type { AliasTable, DeltaMeta, StreamTable } from "../../kv/manifest.js";
import { own } from "../../own.js";
import { parseFeedId, type FeedInfo } from "../../post.js";

const kindOrder = (id: string) => (parseFeedId(id).kind === "category" ? 0 : 1);

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

/**
 * Every category's name and label, and which feeds repeat another whole: equal up to the cut (the
 * sealed aliases) and after it (the same delta items), or, for feeds that begin after the cut,
 * equal delta lists. Categories come before tags, so a tag is named after the category it repeats.
 */
export function findStreams(sealed: ReadonlyMap<string, { info: FeedInfo }>, aliases: AliasTable, delta: DeltaMeta): StreamTable {
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
