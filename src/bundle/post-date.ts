import { DateTime } from "luxon";

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

/**
 * Reads a front matter date. A date without an offset is a wall-clock time in the site's zone;
 * a date with one keeps it. Returns undefined for anything that is not a real date.
 */
export function parsePostDate(raw: string, timeZone: string): PostDate | undefined {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return undefined;
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
