import { DateTime, FixedOffsetZone } from "luxon";

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

/** The form nearly every post uses, `2022-05-29 13:37:26 +0800`, read without trying formats in turn. */
function jekyllDate(text: string): DateTime | undefined {
  const m = jekyllFormat.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = m.slice(1);
  const offset = (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const date = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) },
    { zone: FixedOffsetZone.instance(offset) },
  );
  return date.isValid ? date : undefined;
}

/**
 * Reads a front matter date. A date without an offset is a wall-clock time in the site's zone;
 * a date with one keeps it. Returns undefined for anything that is not a real date.
 */
export function parsePostDate(raw: string, timeZone: string): PostDate | undefined {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return undefined;
  const options = { zone: timeZone, setZone: true };
  let parsed: DateTime | undefined = jekyllDate(text);
  for (const format of parsed ? [] : formats) {
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
