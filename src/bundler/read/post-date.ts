import { DateTime } from "luxon";
import { zoneOffset } from "../site/zone.js";

export interface PostDate {
  /** RFC 3339 with the post's own offset, to the second: `2022-05-29T13:37:26+08:00`. */
  iso: string;
  epochMs: number;
  /** Calendar date in the site's time zone, as Jekyll uses it in permalinks. */
  year: string;
  month: string;
  day: string;
}

// Jekyll's own format first, then the other forms authors write.
const formats = [
  "yyyy-MM-dd HH:mm:ss ZZZ",
  "yyyy-MM-dd HH:mm:ss ZZ",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm ZZZ",
  "yyyy-MM-dd HH:mm ZZ",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd",
];

const jekyllFormat = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

const two = (n: number) => String(n).padStart(2, "0");

/**
 * The form nearly every post uses, `2022-05-29 13:37:26 +0800`, read with plain arithmetic: it
 * names its own offset, so only the site-zone calendar day needs a zone, and that is cached.
 */
function jekyllDate(text: string, timeZone: string): PostDate | undefined {
  const m = jekyllFormat.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i]));
  const offset = (m[7] === "-" ? -1 : 1) * (offsetHours! * 60 + offsetMinutes!);
  const wall = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  // Date.UTC rolls 2022-02-30 over to March: a date that does not come back unchanged is not a date
  if (year! < 1000 || wall.getUTCMonth() !== month! - 1 || wall.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59 || offsetMinutes! > 59) return undefined;
  const epochMs = wall.getTime() - offset * 60_000;
  const local = new Date(epochMs + zoneOffset(timeZone, epochMs) * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset === 0 ? "Z" : `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`}`;
  return { iso, epochMs, year: String(local.getUTCFullYear()), month: two(local.getUTCMonth() + 1), day: two(local.getUTCDate()) };
}

/**
 * Reads a front matter date. A date without an offset is a wall-clock time in the site's zone;
 * a date with one keeps it. Returns undefined for anything that is not a real date.
 */
export function parsePostDate(raw: string, timeZone: string): PostDate | undefined {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return undefined;
  const fast = jekyllDate(text, timeZone);
  if (fast) return fast;
  const options = { zone: timeZone, setZone: true };
  let parsed: DateTime | undefined;
  for (const format of formats) {
    const candidate = DateTime.fromFormat(text, format, options);
    if (candidate.isValid) {
      parsed = candidate;
      break;
    }
  }
  if (!parsed) {
    const iso = DateTime.fromISO(text, options);
    if (iso.isValid) parsed = iso;
  }
  if (!parsed) return undefined;
  const local = parsed.setZone(timeZone);
  return {
    iso: parsed.toISO({ suppressMilliseconds: true, includeOffset: true })!,
    epochMs: parsed.toMillis(),
    year: local.toFormat("yyyy"),
    month: local.toFormat("MM"),
    day: local.toFormat("dd"),
  };
}
