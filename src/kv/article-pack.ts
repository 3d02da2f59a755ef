/**
 * An article pack: the articles of a period of days (`articlePeriod`), or the share of them whose
 * paths hash to it. A day's articles are split into groups by hash of the path, each an item list
 * keyed by permalink, so that an article request inflates one small group.
 */
import { articleDay, articleGroup } from "./locate.js";
import { encodeItems, encodePack, type Deflate, type ItemJson, type Pack } from "./pack.js";
import { own } from "../own.js";

export const ARTICLE_PACK = "articles" as const;

/** How many groups each day of the pack has. */
export interface ArticleMeta {
  groups: Record<string, number>;
}

/** The chunk of a day's group. */
function groupChunk(day: string, group: number): string {
  return `${day}#${group}`;
}

export function encodeArticlePack(hash: string, days: readonly { day: string; groups: readonly (readonly ItemJson[])[] }[], deflate: Deflate): Uint8Array {
  const meta: ArticleMeta = { groups: Object.fromEntries(days.map(({ day, groups }) => [day, groups.length])) };
  // a group the hash left empty has no chunk
  const chunks = days.flatMap(({ day, groups }) => groups.flatMap((items, group) => (items.length ? [[groupChunk(day, group), deflate(encodeItems(null, items))] as const] : [])));
  return encodePack({ hash, kind: ARTICLE_PACK, meta }, chunks);
}

/** The chunk of an article pack that holds the article at `path`, if its day is in the pack. */
export function articleChunk(pack: Pack<ArticleMeta>, path: string): string | undefined {
  const day = articleDay(path);
  const count = own(pack.header.meta?.groups ?? {}, day);
  return count ? groupChunk(day, articleGroup(path, count)) : undefined;
}
