/**
 * Every KV key name. One mutable key, the manifest; every other value is a pack, named by the
 * hash of what it holds and by the generation (deploy number) that first wrote it. The
 * generation lets a deploy find, with one list, the packs a killed run of its own left behind.
 */
export const MANIFEST_KEY = "manifest";
export const PACK_PREFIX = "pack/";

const GENERATION_DIGITS = 8;

/** Keys written by the deploy that makes manifest generation `generation`: `pack/00000042-`. */
export function generationPrefix(generation: number): string {
  return `${PACK_PREFIX}${String(generation).padStart(GENERATION_DIGITS, "0")}-`;
}

/** `pack/<generation>-<hash>`. */
export function packKey(generation: number, hash: string): string {
  return `${generationPrefix(generation)}${hash}`;
}

/** The content hash a pack key names; undefined for a key of another shape (an older layout's). */
export function packHash(key: string): string | undefined {
  return /^pack\/\d{8}-([0-9a-f]+)$/.exec(key)?.[1];
}
