import type { PostRecord } from "../../post.js";

/**
 * When a publish compacts: while the posts after the last cut stay within these, they ride in the
 * manifest and a publish writes the manifest alone. About 300 posts a day: two or three compactions.
 */
export const DELTA_LIMIT = { posts: 128, bytes: 512 * 1024 };

export interface DeltaLimits {
  /** The delta's most posts and bytes of JSON before a publish compacts. */
  limit: { posts: number; bytes: number };
  /** What a compaction leaves in the delta: posts of the last `ms`, at most `posts` of them. */
  keep: { ms: number; posts: number };
}

/**
 * What a compaction leaves in the delta: the last hour (at most 32 posts), so that a post that
 * arrives a little late, dated before the newest, still lands in the delta and not in a pack.
 */
export const DELTA_KEEP = { ms: 60 * 60 * 1000, posts: 32 };

/**
 * The cut of the next version (epoch ms: posts dated after it are in the delta), from records
 * newest first and the cut KV has now. The same cut while the delta fits; a new one when it does
 * not, or when there is no version yet.
 */
export function chooseCut(
  records: readonly PostRecord[],
  epochOf: (record: PostRecord) => number,
  bytesOf: (record: PostRecord) => number,
  previousCut: number | undefined,
  { limit, keep: kept }: DeltaLimits = { limit: DELTA_LIMIT, keep: DELTA_KEEP },
): number {
  if (previousCut !== undefined) {
    let posts = 0;
    let bytes = 0;
    while (posts < records.length && epochOf(records[posts]!) > previousCut) bytes += bytesOf(records[posts++]!);
    if (posts <= limit.posts && bytes <= limit.bytes) return previousCut;
  }
  if (!records.length) return 0;
  const newest = epochOf(records[0]!);
  let keep = 0;
  let bytes = 0;
  while (keep < records.length && keep < kept.posts) {
    const record = records[keep]!;
    if (epochOf(record) <= newest - kept.ms || bytes + bytesOf(record) > limit.bytes / 4) break;
    bytes += bytesOf(record);
    keep++;
  }
  // posts of one second stay together: everything dated at or before the cut is sealed
  return keep === records.length ? epochOf(records[keep - 1]!) - 1 : epochOf(records[keep]!);
}
