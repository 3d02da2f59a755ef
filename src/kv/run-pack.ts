/**
 * A run pack: RUN_BLOCKS full blocks of one feed (and the block before its first, see locate.ts),
 * each an item list of exactly a page of records, oldest first. A run once complete is never
 * written again.
 */
import { encodeItems, encodePack, type Deflate, type ItemJson } from "./pack.js";

export const RUN_PACK = "run" as const;

/** The chunk of block `block` (counted from a feed's oldest item). */
export function runBlockChunk(block: number): string {
  return `b${block}`;
}

export function encodeRunPack(hash: string, blocks: readonly { block: number; items: readonly ItemJson[] }[], deflate: Deflate): Uint8Array {
  return encodePack({ hash, kind: RUN_PACK }, blocks.map(({ block, items }) => [runBlockChunk(block), deflate(encodeItems(null, items))] as const));
}
