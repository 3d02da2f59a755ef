import { createHash } from "node:crypto";
import type { PostRecord } from "../../post.js";

/** The hash and UTF-8 size of a record's JSON as packs store it. */
export interface RecordDigest {
  digest: string;
  bytes: number;
}

// Kept on the record itself (a symbol: JSON.stringify never sees it); records are never changed once built.
const DIGEST = Symbol("digest");

/**
 * A record told apart by the hash of its JSON, worked out once per record object: a layout is
 * planned from these hashes alone, and a pack's bytes are made only when KV lacks it.
 */
export function digestOf(record: PostRecord): RecordDigest {
  const holder = record as PostRecord & { [DIGEST]?: RecordDigest };
  let known = holder[DIGEST];
  if (!known) {
    const json = JSON.stringify(record);
    known = { digest: createHash("sha256").update(json).digest("base64url").slice(0, 22), bytes: Buffer.byteLength(json) };
    Object.defineProperty(holder, DIGEST, { value: known, enumerable: false });
  }
  return known;
}

/** Tells a record its digest, made earlier (in a build thread, or a run before). */
export function rememberDigest(record: PostRecord, digest: RecordDigest): void {
  if (!(record as { [DIGEST]?: RecordDigest })[DIGEST]) Object.defineProperty(record, DIGEST, { value: digest, enumerable: false });
}

/** A short content hash (96 bits) of the parts, for pack names. */
export function contentHash(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 24);
}
