/**
 * Every KV key name. Two mutable keys: the manifest, and the clock; every other value is a pack,
 * named by the hash of what it holds and by the generation (publish number) that first wrote it.
 */
export const MANIFEST_KEY = "manifest";
export const PACK_PREFIX = "pack/";

/**
 * A small key written with a TTL right after a manifest: KV reports its expiration in a list, so
 * `expiration - CLOCK_TTL_SECONDS` is KV's own clock at the moment it was written, after that
 * manifest went live. Retired packs are timed and deleted by this clock, never by a publishing
 * machine's (see the KV layout's rules). A week: it outlives any pause between publishes that
 * has packs waiting to go, and cleans itself up after.
 */
export const CLOCK_KEY = "clock";
export const CLOCK_TTL_SECONDS = 7 * 86_400;

/** What the clock key's metadata says: which manifest it was written after (its `stamp`). */
export interface ClockMeta {
  stamp: string;
}

const GENERATION_DIGITS = 8;

/** `pack/<generation>-<hash>`. */
export function packKey(generation: number, hash: string): string {
  return `${PACK_PREFIX}${String(generation).padStart(GENERATION_DIGITS, "0")}-${hash}`;
}

/** The generation a pack key names; 0 for a key of another shape. */
export function packGeneration(key: string): number {
  return Number(/^pack\/(\d{8})-/.exec(key)?.[1] ?? 0);
}

/** The content hash a pack key names; undefined for a key of another shape (another layout's). */
export function packHash(key: string): string | undefined {
  return /^pack\/\d{8}-([0-9a-f]+)$/.exec(key)?.[1];
}
