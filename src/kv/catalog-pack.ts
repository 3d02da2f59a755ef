/**
 * The catalog pack: every category and tag feed as of the cut. Rewritten when a publish compacts.
 *
 * - `summaries`: each feed's FeedInfo and, for a category, its tag counts (pairs, in the order
 *   first seen), compressed JSON: what the next publish adds newer posts to.
 * - `rows`: what the edge shows on the categories page, rows of
 *   `[kind, name, label, total, pages, updated]`, stored uncompressed: at ~2,000 categories the
 *   summaries took 10–40 ms of CPU to inflate and parse after every publish, against the Free
 *   plan's 10 ms a request; the rows are a native parse of a third of the bytes.
 */
import { feedId, type FeedInfo } from "../post.js";
import { encodePack, inflate, PackError, type Deflate, type Pack } from "./pack.js";

export const CATALOG_PACK = "catalog" as const;

/** A feed as the next publish needs it: its FeedInfo, and a category's tag counts. */
export interface CatalogEntry {
  info: FeedInfo;
  tags?: [tag: string, count: number][];
}

type Row = [kind: 0 | 1, name: string, label: string | null, total: number, pages: number, updated: string];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `entries` in id order; the main feed among them has no row. */
export function encodeCatalogPack(hash: string, entries: readonly CatalogEntry[], deflate: Deflate): Uint8Array {
  const rows: Row[] = [];
  for (const { info } of entries) if (info.kind !== "main") rows.push([info.kind === "category" ? 0 : 1, info.name, info.label ?? null, info.total, info.pages, info.updated]);
  return encodePack({ hash, kind: CATALOG_PACK }, [
    ["summaries", deflate(JSON.stringify(entries))],
    ["rows", encoder.encode(JSON.stringify(rows))],
  ]);
}

function chunkOf(pack: Pack, name: string): Uint8Array {
  const bytes = pack.chunk(name);
  if (!bytes) throw new PackError(`the catalog pack has no ${name}`);
  return bytes;
}

/** Every category and tag as the edge shows them, in id order. */
export function readCatalogRows(pack: Pack): FeedInfo[] {
  const rows = JSON.parse(decoder.decode(chunkOf(pack, "rows"))) as Row[];
  return rows.map(([kind, name, label, total, pages, updated]) => {
    const feedKind = kind === 0 ? "category" : "tag";
    // the fields in the order the publish writes them, so that a FeedInfo reads the same from here or the delta
    return { id: feedId(feedKind, name), kind: feedKind, name, ...(label === null ? {} : { label }), total, pages, updated };
  });
}

/** Every feed's entry, as the publish wrote them. */
export function readCatalogSummaries(pack: Pack): CatalogEntry[] {
  try {
    return JSON.parse(decoder.decode(inflate(chunkOf(pack, "summaries")))) as CatalogEntry[];
  } catch (cause) {
    if (cause instanceof PackError) throw cause;
    throw new PackError("the catalog's summaries are not JSON", { cause });
  }
}
