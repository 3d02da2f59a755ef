/**
 * A rendered body, as it is sent and kept: its UTF-8 bytes, their media type and ETag, and the
 * newest item's date. The one shape the routes render to and both cache tiers keep.
 */
import type { MediaKind } from "../content-types.js";
import { bodyEtag } from "./conditional.js";

export interface Body {
  bytes: Uint8Array;
  type: MediaKind;
  /** Strong ETag of the bytes (the plain coding's). */
  etag: string;
  /** The latest date the body shows (RFC 3339): `Last-Modified`. */
  lastModified?: string;
}

const encoder = new TextEncoder();

/** A body from text (or the bytes a route already has), with its ETag. */
export async function makeBody(content: string | Uint8Array, type: MediaKind, lastModified?: string): Promise<Body> {
  const bytes = typeof content === "string" ? encoder.encode(content) : content;
  return { bytes, type, etag: await bodyEtag(bytes), ...(lastModified ? { lastModified } : {}) };
}

/**
 * The latest of the dates a body shows (a feed's updated, its items' `last_modified_at`), as its
 * Last-Modified: an edit that names its time is not answered 304 to a reader that sends only
 * If-Modified-Since. Compared as instants: the dates may carry different offsets.
 */
export function latestDate(dates: Iterable<string | undefined>): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const date of dates) {
    const ms = date ? Date.parse(date) : NaN;
    if (ms > latestMs) [latest, latestMs] = [date, ms];
  }
  return latest;
}

/** One tier where rendered bodies are kept, by the key `bodyKey` makes. */
export interface BodyCache {
  /** Said in the `Cache-Status` header when this tier answers. */
  readonly name: string;
  get(key: string): Promise<Body | undefined>;
  /** `defer` lets the request finish before slow work (the location's cache) is done. */
  put(key: string, body: Body, defer: (work: Promise<unknown>) => void): void;
}
