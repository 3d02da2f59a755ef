/**
 * The directory pack's `listing` chunk: every category and tag feed up to the cut, as the edge
 * needs it for `/categories/`, and nothing else. Rows of
 * `[kind, name, label, total, pages, updated]` in the directory's order (by id), stored
 * uncompressed: at ~2,000 categories the full `directory` chunk (FeedInfos and each category's
 * tag counts, for the next deploy) took 10–40 ms of CPU to inflate, decode and parse after every
 * deploy, against a Free plan's 10 ms a request; this takes a native decode and parse of a third
 * of the bytes.
 */
import { feedId, type FeedInfo } from "../post.js";

type ListingRow = [kind: 0 | 1, name: string, label: string | null, total: number, pages: number, updated: string];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeListing(infos: readonly FeedInfo[]): Uint8Array {
  const rows: ListingRow[] = [];
  for (const info of infos) if (info.kind !== "main") rows.push([info.kind === "category" ? 0 : 1, info.name, info.label ?? null, info.total, info.pages, info.updated]);
  return encoder.encode(JSON.stringify(rows));
}

export function decodeListing(bytes: Uint8Array): FeedInfo[] {
  const rows = JSON.parse(decoder.decode(bytes)) as ListingRow[];
  return rows.map(([kind, name, label, total, pages, updated]) => {
    const feedKind = kind === 0 ? "category" : "tag";
    // the fields in the order the bundler writes them, so that a FeedInfo reads the same from here or the delta
    return { id: feedId(feedKind, name), kind: feedKind, name, ...(label === null ? {} : { label }), total, pages, updated };
  });
}
