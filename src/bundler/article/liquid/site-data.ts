import { RubyTime } from "./ruby-time.js";

/** Plain data as Liquid reads it: dates as Ruby times in the site's zone, objects without prototypes, no functions. */
export function liquidData(value: unknown, zone: string, seen: Map<object, unknown>): unknown {
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") return undefined;
  if (value === null || typeof value !== "object" || value instanceof RubyTime) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : RubyTime.local(value.getTime(), zone);
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    seen.set(value, list);
    for (const item of value) list.push(liquidData(item, zone, seen));
    return list;
  }
  const record: Record<string, unknown> = Object.create(null);
  seen.set(value, record);
  for (const [key, item] of Object.entries(value)) record[key] = liquidData(item, zone, seen);
  return record;
}

/**
 * The site's data converted once per build, not per post: by the site object, and each of its
 * values by its own (so a site object made again for each post still shares `posts` and `data`).
 * The data must not change while a build uses it.
 */
const converted = new WeakMap<object, { zone: string; data: unknown }>();

function convertedOnce(value: object, zone: string, convert: () => unknown): unknown {
  const known = converted.get(value);
  if (known?.zone === zone) return known.data;
  const data = convert();
  converted.set(value, { zone, data });
  return data;
}

export function siteDataOf(site: Record<string, unknown>, zone: string): Record<string, unknown> {
  return convertedOnce(site, zone, () => {
    const data: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(site)) {
      data[key] = typeof value === "object" && value !== null && !(value instanceof Date) ? convertedOnce(value, zone, () => liquidData(value, zone, new Map())) : liquidData(value, zone, new Map());
    }
    return data;
  }) as Record<string, unknown>;
}
