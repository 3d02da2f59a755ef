/**
 * A pack is one KV value holding named chunks, so that a publish writes a few values instead of
 * one per post or feed page. As bytes:
 *
 *   {"hash":"<content hash>","kind":"<pack kind>","chunks":{"<name>":[offset,length],…},"meta":…}\n<chunk><chunk>…
 *
 * Offsets count bytes after the newline. The header names the hash the pack was written for and
 * its kind, so a reader tells a stale or swapped value from the pack it asked for. A reader
 * decodes only the header and the chunk it wants: the CPU a request spends does not grow with the
 * pack. What each kind holds is its own module's (run-pack, hot-pack, article-pack, catalog-pack,
 * opml-pack, window-pack, manifest).
 *
 * Most chunks hold an item list (`encodeItems`), deflate-raw compressed (zlib at publish time,
 * fflate at the edge): a JSON line of metadata, a JSON line of `[length, key]` per item, then the
 * items' JSON back to back, parsed one at a time.
 */
import { inflateSync } from "fflate";
import { own } from "../own.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 0x0a;

export type PackKind = "manifest" | "run" | "hot" | "articles" | "catalog" | "opml" | "window";

export interface PackHeader<M = unknown> {
  hash: string;
  kind: PackKind;
  chunks: Record<string, [offset: number, length: number]>;
  meta?: M;
}

/** Compresses a chunk's text: the publish passes zlib's deflate-raw (the shared modules have no zlib). */
export type Deflate = (text: string) => Uint8Array;

/** UTF-8 length without encoding: UTF-16 code units of 1, 2 or 3 bytes, a surrogate pair 4. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** A pack of chunks (already compressed where they are), in the order given. */
export function encodePack(pack: { hash: string; kind: PackKind; meta?: unknown }, chunks: readonly (readonly [name: string, bytes: Uint8Array])[]): Uint8Array {
  const header: PackHeader = { hash: pack.hash, kind: pack.kind, chunks: {}, ...(pack.meta === undefined ? {} : { meta: pack.meta }) };
  let offset = 0;
  for (const [name, bytes] of chunks) {
    header.chunks[name] = [offset, bytes.byteLength];
    offset += bytes.byteLength;
  }
  // JSON.stringify never writes a raw newline, so the first one ends the header.
  const head = encoder.encode(`${JSON.stringify(header)}\n`);
  const out = new Uint8Array(head.byteLength + offset);
  out.set(head);
  let at = head.byteLength;
  for (const [, bytes] of chunks) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

/** A pack that is not what its reader asked for, or not a pack at all. */
export class PackError extends Error {}

/** A pack's header, read from the bytes before the first newline. */
export function readPackHeader<M = unknown>(bytes: Uint8Array): { header: PackHeader<M>; bodyStart: number } {
  const end = bytes.indexOf(NEWLINE);
  if (end < 0) throw new PackError("the value has no pack header");
  let header: PackHeader<M>;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(0, end))) as PackHeader<M>;
  } catch (cause) {
    throw new PackError("the pack header is not JSON", { cause });
  }
  if (typeof header !== "object" || header === null || typeof header.chunks !== "object" || header.chunks === null) {
    throw new PackError("the pack header names no chunks");
  }
  return { header, bodyStart: end + 1 };
}

/** A pack as read: its header at once, each chunk's bytes when asked for. */
export class Pack<M = unknown> {
  private constructor(
    readonly bytes: Uint8Array,
    readonly header: PackHeader<M>,
    private readonly bodyStart: number,
  ) {}

  /**
   * Reads a pack's header and checks it against what the reader expects. `known` is a header this
   * reader parsed before for the same key: a pack never changes under its key.
   */
  static read<M = unknown>(bytes: Uint8Array, expect: { hash?: string; kind: PackKind }, known?: { header: PackHeader<M>; bodyStart: number }): Pack<M> {
    const { header, bodyStart } = known ?? readPackHeader<M>(bytes);
    if (expect.hash !== undefined && header.hash !== expect.hash) throw new PackError(`pack holds ${String(header.hash)}, not ${expect.hash}`);
    if (header.kind !== expect.kind) throw new PackError(`pack is a ${String(header.kind)} pack, not a ${expect.kind} pack`);
    return new Pack(bytes, header, bodyStart);
  }

  /** What a reader may keep to read this pack's header again without parsing it. */
  get parsed(): { header: PackHeader<M>; bodyStart: number } {
    return { header: this.header, bodyStart: this.bodyStart };
  }

  /** The raw (compressed, where the kind compresses it) bytes of one chunk; undefined when the pack has none of that name. */
  chunk(name: string): Uint8Array | undefined {
    const place = own(this.header.chunks, name);
    if (!place) return undefined;
    const [offset, length] = place;
    const start = this.bodyStart + offset;
    if (!(offset >= 0 && length >= 0 && start + length <= this.bytes.byteLength)) throw new PackError(`chunk ${name} runs past the end of the pack`);
    return this.bytes.subarray(start, start + length);
  }
}

/**
 * Decompresses a chunk; a chunk that is not deflate-raw is a corrupt pack. fflate, not
 * DecompressionStream: a chunk is small, and a stream costs more to set up than the inflating.
 */
export function inflate(bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes);
  } catch (cause) {
    throw new PackError("a chunk does not decompress", { cause });
  }
}

/** One item of an item list: a key (a permalink, where the list is looked up by it) and its JSON. */
export interface ItemJson {
  key: string;
  json: string;
}

/** An item list as text, before compression: metadata, index, items. */
export function encodeItems(meta: unknown, items: readonly ItemJson[]): string {
  const index = items.map((item) => [utf8Length(item.json), item.key]);
  return `${JSON.stringify(meta ?? null)}\n${JSON.stringify(index)}\n${items.map((item) => item.json).join("")}`;
}

/** An item list, decompressed: its metadata and index read at once, each item parsed when asked for. */
export class ItemList<M = unknown> {
  private constructor(
    readonly meta: M,
    private readonly index: [number, string][],
    private readonly starts: number[],
    private readonly body: Uint8Array,
  ) {}

  static decode<M>(bytes: Uint8Array): ItemList<M> {
    const first = bytes.indexOf(NEWLINE);
    const second = first < 0 ? -1 : bytes.indexOf(NEWLINE, first + 1);
    if (second < 0) throw new PackError("an item list has no index");
    try {
      const meta = JSON.parse(decoder.decode(bytes.subarray(0, first))) as M;
      const index = JSON.parse(decoder.decode(bytes.subarray(first + 1, second))) as [number, string][];
      const body = bytes.subarray(second + 1);
      const starts: number[] = [];
      let at = 0;
      for (const [length] of index) {
        starts.push(at);
        at += length;
      }
      if (at !== body.byteLength) throw new Error("its lengths do not add up");
      return new ItemList(meta, index, starts, body);
    } catch (cause) {
      throw new PackError("an item list's index is not valid", { cause });
    }
  }

  /** A compressed chunk's item list. */
  static inflate<M>(bytes: Uint8Array): ItemList<M> {
    return ItemList.decode<M>(inflate(bytes));
  }

  get size(): number {
    return this.index.length;
  }

  key(i: number): string {
    return this.index[i]![1];
  }

  indexOf(key: string): number {
    return this.index.findIndex((entry) => entry[1] === key);
  }

  /** Bytes this list holds, decompressed. */
  get byteLength(): number {
    return this.body.byteLength;
  }

  /** Item `i`, parsed once: callers treat items as read-only. */
  item<T>(i: number): T {
    if (this.parsed[i] !== undefined) return this.parsed[i] as T;
    const start = this.starts[i]!;
    try {
      return (this.parsed[i] = JSON.parse(decoder.decode(this.body.subarray(start, start + this.index[i]![0])))) as T;
    } catch (cause) {
      throw new PackError(`item ${i} of an item list is not JSON`, { cause });
    }
  }

  private readonly parsed: unknown[] = [];
}
