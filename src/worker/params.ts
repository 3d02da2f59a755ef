import { HTTPException } from "hono/http-exception";
import { isEmptyQuery, parseQuery, type Query } from "../filter/query.js";

/** `?page=`, `?limit=` and `?q=`: the only query parameters, with their bounds. */
export interface Paging {
  page: number;
  limit: number;
  /** The filter, when there is one (not empty), and its one spelling. */
  filter?: { query: Query; canonical: string };
}

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(raw)) throw new HTTPException(400, { message: `${name} must be a whole number from 1 to ${max}, not "${raw.slice(0, 40)}"` });
  const value = Number(raw);
  if (value < 1 || value > max) throw new HTTPException(400, { message: `${name} must be from 1 to ${max}, not ${value}` });
  return value;
}

/**
 * Reads `page` (1 or more, default 1), `limit` (1 to `pageSize`, default `pageSize`) and, where
 * `filtered`, `q` (see src/filter/query.ts); a bad one is a 400 with one line saying why.
 */
export function readPaging(query: (name: string) => string | undefined, pageSize: number, filtered = false): Paging {
  const paging: Paging = {
    page: positiveInteger("page", query("page"), 1, 999_999_999),
    limit: positiveInteger("limit", query("limit"), pageSize, pageSize),
  };
  const raw = filtered ? query("q") : undefined;
  if (raw === undefined) return paging;
  const parsed = parseQuery(raw);
  if (!parsed.ok) throw new HTTPException(400, { message: `q: ${parsed.reason}` });
  return isEmptyQuery(parsed.query) ? paging : { ...paging, filter: { query: parsed.query, canonical: parsed.canonical } };
}

/** A page's URL: the filter, `page` and a non-default `limit` as query parameters, page 1 without. */
export function pagedUrl(base: string, page: number, limit: number, pageSize: number, q?: string): string {
  const query = [q ? `q=${encodeURIComponent(q)}` : "", page > 1 ? `page=${page}` : "", limit !== pageSize ? `limit=${limit}` : ""].filter(Boolean).join("&");
  return query ? `${base}?${query}` : base;
}
