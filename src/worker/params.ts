import { HTTPException } from "hono/http-exception";

/** `?page=` and `?limit=`: the only query parameters, with their bounds. */
export interface Paging {
  page: number;
  limit: number;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(raw)) throw new HTTPException(400, { message: `${name} must be a whole number from 1 to ${max}, not "${raw.slice(0, 40)}"` });
  const value = Number(raw);
  if (value < 1 || value > max) throw new HTTPException(400, { message: `${name} must be from 1 to ${max}, not ${value}` });
  return value;
}

/** Reads `page` (1 or more, default 1) and `limit` (1 to `pageSize`, default `pageSize`); a bad one is a 400. */
export function readPaging(query: (name: string) => string | undefined, pageSize: number): Paging {
  return {
    page: positiveInteger("page", query("page"), 1, 999_999_999),
    limit: positiveInteger("limit", query("limit"), pageSize, pageSize),
  };
}

/** A page's URL: `page` and a non-default `limit` as query parameters, page 1 without. */
export function pagedUrl(base: string, page: number, limit: number, pageSize: number): string {
  const query = [page > 1 ? `page=${page}` : "", limit !== pageSize ? `limit=${limit}` : ""].filter(Boolean).join("&");
  return query ? `${base}?${query}` : base;
}
