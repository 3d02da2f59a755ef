/**
 * A hot pack: the hot chunks of the feeds whose ids hash to it (`hotPackIndex`). A feed's hot
 * chunk is an item list of its last full block and the items after it, oldest first, whose
 * metadata is the feed's FeedInfo as of the cut. New posts change these, not the runs.
 */
import type { FeedInfo } from "../post.js";
import { encodeItems, encodePack, type Deflate, type ItemJson } from "./pack.js";

export const HOT_PACK = "hot" as const;

/** The chunk of a feed's hot items: the feed's id. */
export function hotChunk(feedId: string): string {
  return feedId;
}

/** A hot chunk's metadata. */
export type HotMeta = FeedInfo;

export function encodeHotPack(hash: string, feeds: readonly { id: string; info: HotMeta; items: readonly ItemJson[] }[], deflate: Deflate): Uint8Array {
  return encodePack({ hash, kind: HOT_PACK }, feeds.map(({ id, info, items }) => [hotChunk(id), deflate(encodeItems(info, items))] as const));
}
