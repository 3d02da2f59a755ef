import { createHash } from "node:crypto";
import type { PostRecord } from "../../post.js";

/** The hash and UTF-8 size of a record's JSON as packs store it. */
export interface RecordHash {
  hash: string;
  bytes: number;
}

// Kept on the record itself (a symbol: JSON.stringify never sees it); records are never changed once built.
const HASH = Symbol("record hash");

/**
 * A record told apart by the hash of its JSON, worked out once per record object: a layout is
 * planned from these hashes alone, and a pack's bytes are made only when KV lacks it.
 */
export function recordHash(record: PostRecord): RecordHash {
  const holder = record as PostRecord & { [HASH]?: RecordHash };
  let known = holder[HASH];
  if (!known) {
    const json = JSON.stringify(record);
    known = { hash: createHash("sha256").update(json).digest("base64url").slice(0, 22), bytes: Buffer.byteLength(json) };
    Object.defineProperty(holder, HASH, { value: known, enumerable: false });
  }
  return known;
}

/** Tells a record its hash, made earlier (in a build thread, or a run before). */
export function rememberRecordHash(record: PostRecord, hash: RecordHash): void {
  if (!(record as { [HASH]?: RecordHash })[HASH]) Object.defineProperty(record, HASH, { value: hash, enumerable: false });
}

/** A short content hash (96 bits) of the parts, for pack names. */
export function contentHash(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 24);
}
