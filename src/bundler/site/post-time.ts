import { parsePostDate } from "../read/post-date.js";
import { localInstant, zoneOffset } from "./zone.js";

/** When a post was written, as Jekyll reads it: an instant, shown in the site's zone. */
export interface PostTime {
  epochMs: number;
  /** The site's IANA zone, in which Jekyll takes every date part of a permalink. */
  timeZone: string;
  /** Where the date came from, for messages. */
  source: "front matter" | "file name";
}

/** Psych's timestamp (an unquoted YAML scalar it turns into a Time). */
const yamlTimestamp = /^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?(?:\s*(Z|[-+]\d{1,2}(?::?\d\d)?))?$/;
/** Psych's date (an unquoted scalar it turns into a Date). */
const yamlDate = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;

/**
 * The `date:` line's value exactly as written in the front matter, quotes included, or
 * undefined without one. Jekyll's reading depends on the quotes (see `postTime`), which a parsed
 * front matter no longer shows.
 */
export function dateScalar(frontMatterYaml: string): string | undefined {
  return frontMatterScalar(frontMatterYaml, "date");
}

/** A top-level key's value exactly as written in the front matter (quotes kept, comment cut), or undefined for none or null. */
export function frontMatterScalar(frontMatterYaml: string, key: string): string | undefined {
  const value = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, "m").exec(frontMatterYaml)?.[1];
  if (value === undefined || value === "" || value === "~" || /^null$/i.test(value)) return undefined;
  return value.replace(/[ \t]+#.*$/, "");
}

/** An unquoted Psych timestamp: without an offset it is UTC (Psych's rule), not the site's zone. */
function readYamlTimestamp(text: string): number | undefined {
  const m = yamlTimestamp.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as [number, number, number, number, number, number];
  // Ruby's Time.utc refuses these (Jekyll stops: "Invalid date"); a day past the month's end it rolls over
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const millis = Math.floor(Number(`0.${m[7] ?? "0"}`) * 1000);
  const zone = m[8];
  let offset = 0;
  if (zone && zone !== "Z") {
    const [, sign, hours, minutes] = /^([-+])(\d{1,2}):?(\d\d)?$/.exec(zone)!;
    offset = (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return Number.isNaN(utc) ? undefined : utc - offset * 60_000;
}

/**
 * A date from a post's file name (`2020-1-5`, `20-01-05`), at midnight in the site's zone, as
 * Ruby's Time.parse reads it: a two-digit year is 19xx from 69 on, else 20xx; a day past the
 * month's end rolls into the next month (Feb 30 is March 1); a month past 12 or a day past 31 is
 * no date (Jekyll then stops the whole build).
 */
export function fileNameTime(date: string, timeZone: string): PostTime | undefined {
  const m = /^(\d{2,4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year >= 69 ? 1900 : 2000;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  // setUTCFullYear rolls a day past the month's end over (and takes years below 100 as written); localInstant finds that midnight in the zone
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  return { epochMs: localInstant(wall.getTime(), timeZone), timeZone, source: "file name" };
}

/**
 * A post's time as Jekyll 4.3 gives it. With a front matter `date:` (`written`, as `dateScalar`
 * returns it): an unquoted `2020-01-05 10:00:00` without an offset is a YAML timestamp, which
 * Jekyll's YAML reader takes as UTC; every other form without an offset (quoted, no seconds,
 * date only) is read by Time.parse in the site's zone; an offset is always kept. Without one,
 * the date in the file name, at midnight in the site's zone. Undefined for a date that is not one
 * (Jekyll stops the build there).
 */
export function postTime(written: string | undefined, fileDate: string | undefined, timeZone: string): PostTime | undefined {
  if (written === undefined) return fileDate === undefined ? undefined : fileNameTime(fileDate, timeZone);
  const quoted = /^(["'])(.*)\1$/.exec(written);
  const text = quoted ? quoted[2]! : written;
  if (!quoted) {
    const timestamp = readYamlTimestamp(text);
    if (timestamp !== undefined) return { epochMs: timestamp, timeZone, source: "front matter" };
    if (yamlDate.test(text)) {
      const midnight = fileNameTime(text, timeZone);
      return midnight && { ...midnight, source: "front matter" };
    }
  }
  const parsed = parsePostDate(text, timeZone) ?? parsePostDate(rolledOver(text), timeZone);
  return parsed ? { epochMs: parsed.epochMs, timeZone, source: "front matter" } : undefined;
}

/** `2024-02-31 10:00` as Ruby's Time.parse reads it: a day past the month's end (up to 31) rolls into the next month. */
function rolledOver(text: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(text);
  if (!m) return text;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return text;
  const real = new Date(Date.UTC(year, month - 1, day));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(real.getUTCFullYear()).padStart(4, "0")}-${pad(real.getUTCMonth() + 1)}-${pad(real.getUTCDate())}${text.slice(m[0].length)}`;
}

/** A post's time as the site's zone shows it: its calendar fields, as Ruby's strftime reads them. */
export interface SiteTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC. */
  offset: number;
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  /** Day of the year, from 1. */
  ordinal: number;
  /** ISO 8601 week-numbering year and week. */
  weekYear: number;
  weekNumber: number;
}

/** The time in the site's zone, for date parts and for display (`2020-01-05T10:00:00+08:00`, as Jekyll's date_to_xmlschema writes it). */
export function siteTime(time: PostTime): SiteTime {
  let local = siteTimes.get(time);
  if (!local) siteTimes.set(time, (local = fieldsAt(time.epochMs, zoneOffset(time.timeZone, time.epochMs))));
  return local;
}

// a post's time is shown twice (its date, its URL): the zone's arithmetic is done once
const siteTimes = new WeakMap<PostTime, SiteTime>();

const DAY_MS = 86_400_000;

/** Calendar fields of an instant at an offset, by Date's UTC arithmetic: a luxon DateTime a post cost more than the rest of its address. */
function fieldsAt(epochMs: number, offset: number): SiteTime {
  const wall = new Date(epochMs + offset * 60_000);
  const year = wall.getUTCFullYear();
  const dayStart = Date.UTC(year, wall.getUTCMonth(), wall.getUTCDate());
  const yearStart = new Date(0).setUTCFullYear(year, 0, 1);
  const ordinal = Math.round((dayStart - yearStart) / DAY_MS) + 1;
  const weekday = wall.getUTCDay() || 7;
  // ISO 8601: the week holding the year's first Thursday is week 1
  let weekYear = year;
  let weekNumber = Math.floor((ordinal - weekday + 10) / 7);
  if (weekNumber < 1) {
    weekYear = year - 1;
    weekNumber = isoWeeksIn(weekYear);
  } else if (weekNumber > isoWeeksIn(year)) {
    weekYear = year + 1;
    weekNumber = 1;
  }
  return { year, month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), offset, weekday, ordinal, weekYear, weekNumber };
}

/** 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52. */
function isoWeeksIn(year: number): number {
  const jan1 = new Date(new Date(0).setUTCFullYear(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function xmlSchema(time: PostTime): string {
  const t = siteTime(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const offset = Math.abs(t.offset);
  // Ruby's Time#xmlschema on a local time: `+00:00` in UTC too, never `Z`
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.offset < 0 ? "-" : "+"}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}
