/**
 * A window pack: what a `?q=` filter searches, for the feeds whose ids hash to it
 * (`windowPackIndex`). A feed's window is its newest sealed items, up to the site's filter
 * window (items after the cut ride in the manifest's delta, with their text), in two chunks:
 *
 * - `<feed>#text`: a JSON array of each item's search text (folded title and article text), newest first;
 * - `<feed>#items`: an item list of the same items, newest first, each the post record without
 *   its content (a filtered feed carries summaries: the content of every window would double
 *   what KV holds).
 *
 * Rewritten when a publish compacts, as the hot packs are.
 */
import type { PostRecord } from "../post.js";
import { fnv1a } from "./locate.js";
import { encodeItems, encodePack, type Deflate } from "./pack.js";

export const WINDOW_PACK = "window" as const;

/** A post record as a filtered feed carries it: everything but the content. */
export type WindowItem = Omit<PostRecord, "contentHtml">;

export function windowTextChunk(feedId: string): string {
  return `${feedId}#text`;
}

export function windowItemsChunk(feedId: string): string {
  return `${feedId}#items`;
}

/** The window pack of a feed, of `count`. */
export function windowPackIndex(feedId: string, count: number): number {
  return fnv1a(`window ${feedId}`) % count;
}

export function encodeWindowPack(hash: string, feeds: readonly { id: string; items: readonly WindowItem[]; texts: readonly string[] }[], deflate: Deflate): Uint8Array {
  return encodePack(
    { hash, kind: WINDOW_PACK },
    feeds.flatMap(({ id, items, texts }) => [
      [windowTextChunk(id), deflate(JSON.stringify(texts))] as const,
      [windowItemsChunk(id), deflate(encodeItems(null, items.map((item) => ({ key: item.path, json: JSON.stringify(item) }))))] as const,
    ]),
  );
}
