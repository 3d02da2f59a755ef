/**
 * Where every chunk lives: the arithmetic the bundler places chunks by and the Worker finds them
 * with. Pure functions of numbers and names, nothing else.
 *
 * Feeds. A feed's sealed items (those in packs, not in the manifest's delta) are counted from the
 * oldest: position 0 is the oldest item. Every `size` items (the page size) make a *block*, and a
 * block once full never changes, however many posts come after it. Blocks go in *runs* of
 * RUN_BLOCKS, one pack per run; a run also holds the block before its first, so a window of up to
 * `size` items that crosses the boundary is still in one pack. The last full block and the items
 * after it (fewer than a block) make the feed's *hot chunk*, in one of the manifest's hot packs:
 * a new post rewrites that, and a run only when a block fills.
 *
 * Articles. By permalink day, in packs of about a week (a quarter of a month), split by hash of
 * the path when large; inside a pack, a day's articles in a few groups, by hash of the path.
 */

/** Blocks per run: a run pack holds up to this many pages of one feed. */
export const RUN_BLOCKS = 32;

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text` (a lone surrogate as U+FFFD, as TextEncoder writes it): a stable spread of names, not for security. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, 0x01000193);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x800) {
      hash = Math.imul(hash ^ (0xc0 | (code >> 6)), 0x01000193);
    } else if (code < 0x10000) {
      hash = Math.imul(hash ^ (0xe0 | (code >> 12)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), 0x01000193);
    } else {
      hash = Math.imul(hash ^ (0xf0 | (code >> 18)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), 0x01000193);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), 0x01000193);
    }
    hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), 0x01000193);
  }
  return hash >>> 0;
}

/** The hot pack of a feed, of `count`. */
export function hotPackIndex(feedId: string, count: number): number {
  return fnv1a(feedId) % count;
}

/** Full blocks among `total` sealed items. */
export function blockCount(total: number, size: number): number {
  return Math.floor(total / size);
}

/** Position of the oldest item a feed's hot chunk holds: the start of its last full block (0 without one). */
export function hotStart(total: number, size: number): number {
  return Math.max(0, blockCount(total, size) - 1) * size;
}

export function runCount(total: number, size: number): number {
  return Math.ceil(blockCount(total, size) / RUN_BLOCKS);
}

/** The blocks run `run` holds, [first, end): its own and the one before it. */
export function runBlocks(run: number, total: number, size: number): { first: number; end: number } {
  return { first: Math.max(0, run * RUN_BLOCKS - 1), end: Math.min((run + 1) * RUN_BLOCKS, blockCount(total, size)) };
}

export type SealedPlace = { pack: "hot" } | { pack: "run"; run: number };

/**
 * Where the sealed items at positions [lo, hi) of a feed of `total` sealed items are, for
 * hi - lo ≤ size: all in the hot chunk, or all in one run (the run of the block holding hi - 1,
 * which also holds the block before).
 */
export function locateSealed(total: number, size: number, lo: number, hi: number): SealedPlace {
  if (lo >= hotStart(total, size)) return { pack: "hot" };
  return { pack: "run", run: Math.floor(Math.floor((hi - 1) / size) / RUN_BLOCKS) };
}

/** `YYYY/MM/DD` of a permalink (`/<categories>/YYYY/MM/DD/<slug>.html`); `undated` for one without. */
export function articleDay(path: string): string {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.html$/.exec(path);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : "undated";
}

/** The article pack a day belongs to: a quarter of its month (`2024/06/2` is the 9th to the 16th). */
export function articlePeriod(day: string): string {
  if (day === "undated") return day;
  return `${day.slice(0, 7)}/${Math.min(4, Math.ceil(Number(day.slice(8, 10)) / 8))}`;
}

/** Which of a period's `count` packs holds an article. */
export function articlePackIndex(path: string, count: number): number {
  return fnv1a(path) % count;
}

/** Which of a day's `groups` chunks holds an article (hashed apart from the pack index). */
export function articleGroup(path: string, groups: number): number {
  return fnv1a(`#${path}`) % groups;
}
