import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IANAZone } from "luxon";
import { localInstant, zoneOffset } from "../../site/zone.js";

/**
 * How Jekyll's Liquid holds a date: a Ruby `Time`, an instant shown at one UTC offset. Jekyll
 * makes every date of a page or of the site a local time of the site's zone (`TZ` is set from
 * `timezone:`); a string parsed by the `date` filter keeps the offset it names.
 *
 * A `Date` underneath, so Liquid's comparisons and `new Date(time)` see the instant; private
 * fields, so no template reads anything but what Liquid itself shows.
 */
export class RubyTime extends Date {
  /** The IANA zone of a local time; undefined for a time at a fixed offset. */
  readonly #zone: string | undefined;
  readonly #offsetMinutes: number;
  /** Ruby's `utc?`: parsed from `Z` or `UTC`; shown as `UTC` by `to_s` and `%Z`. */
  readonly #utc: boolean;
  /** Nanoseconds into the second, as written (a Date keeps milliseconds only). */
  readonly #nanos: number;

  private constructor(epochMs: number, offsetMinutes: number, zone: string | undefined, utc: boolean, nanos: number | undefined) {
    super(epochMs);
    this.#offsetMinutes = offsetMinutes;
    this.#zone = zone;
    this.#utc = utc;
    this.#nanos = nanos ?? (((epochMs % 1000) + 1000) % 1000) * 1_000_000;
  }

  /** Ruby's `localtime`: the instant in the site's zone. */
  static local(epochMs: number, zone: string, nanos?: number): RubyTime {
    return new RubyTime(epochMs, zoneOffset(zone, epochMs), zone, false, nanos);
  }

  static fixed(epochMs: number, offsetMinutes: number, utc = false, nanos?: number): RubyTime {
    return new RubyTime(epochMs, offsetMinutes, undefined, utc, nanos);
  }

  /** The same instant in the site's zone, as Jekyll's date filters show it. */
  localIn(zone: string): RubyTime {
    return new RubyTime(this.getTime(), zoneOffset(zone, this.getTime()), zone, false, this.#nanos);
  }

  get offsetMinutes(): number {
    return this.#offsetMinutes;
  }

  get nanos(): number {
    return this.#nanos;
  }

  /** The wall clock at the time's offset, read with the UTC getters. */
  wall(): Date {
    return new Date(this.getTime() + this.#offsetMinutes * 60_000);
  }

  /** `%Z`: the zone's abbreviation as tzdata has it (as Ruby shows it), Intl's where this machine has no tzdata. */
  zoneAbbreviation(): string {
    if (this.#utc) return "UTC";
    if (!this.#zone) return "";
    const names = posixZoneNames(this.#zone);
    const name = names?.find(([, offset]) => offset === this.#offsetMinutes)?.[0];
    if (name !== undefined) return name;
    return new Intl.DateTimeFormat("en-US", { timeZone: this.#zone, timeZoneName: "short" }).formatToParts(this).find((part) => part.type === "timeZoneName")?.value ?? "";
  }

  /** Ruby's `Time#to_s`, what `{{ page.date }}` shows: `2020-03-08 01:30:00 -0500`. */
  override toString(): string {
    return strftime(this, this.#utc ? "%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%d %H:%M:%S %z");
  }

  /** Ruby's `Time#to_json` is its `to_s`, quoted. */
  override toJSON(): string {
    return this.toString();
  }

  /** Ruby's `Time#inspect`: `to_s` with the fraction of a second when there is one. */
  inspect(): string {
    if (this.#nanos === 0) return this.toString();
    const fraction = String(this.#nanos).padStart(9, "0").replace(/0+$/, "");
    return strftime(this, `%Y-%m-%d %H:%M:%S.${fraction} ${this.#utc ? "UTC" : "%z"}`);
  }
}

const posixNames = new Map<string, [string, number][] | undefined>();

/**
 * The abbreviations of a zone's present rule and their offsets (`EST5EDT,M3.2.0,M11.1.0` gives
 * EST −300 and EDT −240), from the POSIX TZ string that ends its tzdata file: Ruby's `%Z` reads
 * the same data, and Intl has names like "GMT+8" where tzdata says "CST".
 */
function posixZoneNames(zone: string): [string, number][] | undefined {
  if (posixNames.has(zone)) return posixNames.get(zone);
  let names: [string, number][] | undefined;
  if (/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
    try {
      const data = readFileSync(join(process.env.TZDIR ?? "/usr/share/zoneinfo", zone)).toString("latin1");
      const footer = data.startsWith("TZif") ? data.slice(data.lastIndexOf("\n", data.length - 2) + 1).trim() : "";
      const rule = /^(<[^>]+>|[A-Za-z]{3,})([+-]?\d{1,2}(?::\d{2})?)(?:(<[^>]+>|[A-Za-z]{3,})([+-]?\d{1,2}(?::\d{2})?)?)?(?:,|$)/.exec(footer);
      if (rule) {
        const minutesEast = (text: string) => {
          const [hours, minutes = "0"] = text.replace(/^[+-]/, "").split(":");
          return (text.startsWith("-") ? 1 : -1) * (Number(hours) * 60 + Number(minutes));
        };
        const plain = (name: string) => name.replace(/^<|>$/g, "");
        const standard = minutesEast(rule[2]!);
        names = [[plain(rule[1]!), standard]];
        if (rule[3]) names.push([plain(rule[3]), rule[4] ? minutesEast(rule[4]) : standard + 60]);
      }
    } catch {
      names = undefined;
    }
  }
  posixNames.set(zone, names);
  return names;
}

const knownZones = new Map<string, boolean>();

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) knownZones.set(zone, (known = IANAZone.isValidZone(zone)));
  return known;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** The zone names Ruby's `Time.parse` reads most often, in minutes east of UTC. */
const ZONE_NAMES: Record<string, number> = { ut: 0, gmt: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?`;
const ZONE = String.raw`(?:\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,4}))?`;
const WEEKDAY = String.raw`(?:[A-Za-z]{3,9}\.?,?\s+)?`;
/** year, month, day in the order each form writes them, then time and zone. */
const FORMS: { pattern: RegExp; order: [number, number, number] }[] = [
  { pattern: new RegExp(String.raw`^${WEEKDAY}(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}${ZONE}$`, "i"), order: [1, 2, 3] },
  { pattern: new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})${TIME}${ZONE}$`, "i"), order: [3, 2, 1] },
  { pattern: new RegExp(String.raw`^${WEEKDAY}([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}$`, "i"), order: [3, 1, 2] },
];

function monthNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = MONTHS.indexOf(text.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** Minutes east of UTC for a zone as written, `utc` for Ruby's UTC times; undefined for the site's zone. */
function writtenZone(text: string | undefined): { offset: number; utc: boolean } | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  if (lower === "z" || lower === "utc") return { offset: 0, utc: true };
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (offset) return { offset: (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)), utc: false };
  const named = ZONE_NAMES[lower];
  return named === undefined ? undefined : { offset: named, utc: false };
}

/**
 * Ruby's `Time.parse` for the forms dates are written in (ISO 8601 and Jekyll's own, `2020/07/04`,
 * `4 July 2020`, `July 4, 2020`, RFC 2822), with Liquid's rule that a string of digits is seconds
 * since 1970. A time without an offset is a wall-clock time in `zone`; days past a month's end
 * roll over as Ruby rolls them (2020-02-30 is 1 March). Anything else is not a date: undefined.
 */
export function parseRubyTime(input: string, zone: string): RubyTime | undefined {
  const text = input.trim();
  if (/^\d+$/.test(text)) return RubyTime.local(Number(text) * 1000, zone);
  for (const { pattern, order } of FORMS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const year = Number(m[order[0]]);
    const month = monthNumber(m[order[1]]!);
    const day = Number(m[order[2]]);
    const [hour, minute, second] = [m[4], m[5], m[6]].map((part) => Number(part ?? 0)) as [number, number, number];
    const nanos = Number((m[7] ?? "").padEnd(9, "0").slice(0, 9));
    const millisecond = Math.floor(nanos / 1_000_000);
    if (month === undefined || month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
    const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
    const written = m[8] === undefined ? undefined : writtenZone(m[8]);
    if (m[8] !== undefined && !written && !/^[A-Za-z]+$/.test(m[8])) return undefined;
    if (!written) return RubyTime.local(localInstant(wallMs, zone), zone, nanos);
    const epochMs = wallMs - written.offset * 60_000;
    // an offset that is the site zone's own at that instant makes a local time (`%Z` shows its name)
    if (!written.utc && written.offset === zoneOffset(zone, epochMs)) return RubyTime.local(epochMs, zone, nanos);
    return RubyTime.fixed(epochMs, written.offset, written.utc, nanos);
  }
  return undefined;
}

/**
 * Liquid's `Utils.to_date`: what the `date` filters accept. Times stay as they are; a JS Date
 * (from the caller's data) is a local time; numbers are seconds since 1970; `now`/`today` the
 * present moment; strings as `parseRubyTime` reads them.
 */
export function toRubyTime(value: unknown, zone: string, now: () => number): RubyTime | undefined {
  if (value instanceof RubyTime) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : RubyTime.local(value.getTime(), zone);
  if (typeof value === "number" && Number.isFinite(value)) return RubyTime.local(Math.trunc(value) * 1000, zone);
  if (typeof value !== "string" || value === "") return undefined;
  const lower = value.toLowerCase();
  if (lower === "now" || lower === "today") return RubyTime.local(now(), zone);
  return parseRubyTime(value, zone);
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Day of the year, 1-based, of a wall clock read with the UTC getters. */
function dayOfYear(wall: Date): number {
  return Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week-numbering year and week. */
function isoWeek(wall: Date): { year: number; week: number } {
  const thursday = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 3 - ((wall.getUTCDay() + 6) % 7)));
  const year = thursday.getUTCFullYear();
  return { year, week: Math.floor((dayOfYear(thursday) - 1) / 7) + 1 };
}

function offsetText(minutes: number, colons: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
  const rest = String(Math.abs(minutes) % 60).padStart(2, "0");
  return colons === 0 ? `${sign}${hours}${rest}` : colons === 1 ? `${sign}${hours}:${rest}` : `${sign}${hours}:${rest}:00`;
}

const COMPOSITES: Record<string, string> = {
  c: "%a %b %e %H:%M:%S %Y", D: "%m/%d/%y", x: "%m/%d/%y", F: "%Y-%m-%d", T: "%H:%M:%S", X: "%H:%M:%S", R: "%H:%M", r: "%I:%M:%S %p", v: "%e-%^b-%4Y",
};

/** One conversion: its text, and how it pads by default (width and character), or undefined when Ruby has no such conversion. */
function convert(time: RubyTime, wall: Date, conversion: string, width: number | undefined, colons: number): { text: string; width: number; pad: string } | undefined {
  const number = (value: number, digits: number, pad = "0") => ({ text: String(value), width: digits, pad });
  const word = (text: string) => ({ text, width: 0, pad: " " });
  const hour = wall.getUTCHours();
  switch (conversion) {
    case "Y": return number(wall.getUTCFullYear(), 4);
    case "C": return number(Math.floor(wall.getUTCFullYear() / 100), 2);
    case "y": return number(wall.getUTCFullYear() % 100, 2);
    case "m": return number(wall.getUTCMonth() + 1, 2);
    case "B": return word(MONTH_NAMES[wall.getUTCMonth()]!);
    case "b": case "h": return word(MONTH_NAMES[wall.getUTCMonth()]!.slice(0, 3));
    case "d": return number(wall.getUTCDate(), 2);
    case "e": return number(wall.getUTCDate(), 2, " ");
    case "j": return number(dayOfYear(wall), 3);
    case "H": return number(hour, 2);
    case "k": return number(hour, 2, " ");
    case "I": return number(hour % 12 || 12, 2);
    case "l": return number(hour % 12 || 12, 2, " ");
    case "P": return word(hour < 12 ? "am" : "pm");
    case "p": return word(hour < 12 ? "AM" : "PM");
    case "M": return number(wall.getUTCMinutes(), 2);
    case "S": return number(wall.getUTCSeconds(), 2);
    case "L": case "N": {
      // fractions of a second: as many digits as the width asks (3 for %L, 9 for %N)
      const digits = width ?? (conversion === "L" ? 3 : 9);
      return { text: String(time.nanos).padStart(9, "0").padEnd(digits, "0").slice(0, digits), width: 0, pad: "0" };
    }
    case "z": return { text: offsetText(time.offsetMinutes, colons), width: 0, pad: "0" };
    case "Z": return word(time.zoneAbbreviation());
    case "A": return word(DAY_NAMES[wall.getUTCDay()]!);
    case "a": return word(DAY_NAMES[wall.getUTCDay()]!.slice(0, 3));
    case "u": return number(wall.getUTCDay() || 7, 1);
    case "w": return number(wall.getUTCDay(), 1);
    case "U": return number(Math.floor((dayOfYear(wall) - 1 - wall.getUTCDay() + 7) / 7), 2);
    case "W": return number(Math.floor((dayOfYear(wall) - 1 - ((wall.getUTCDay() + 6) % 7) + 7) / 7), 2);
    case "G": return number(isoWeek(wall).year, 4);
    case "g": return number(isoWeek(wall).year % 100, 2);
    case "V": return number(isoWeek(wall).week, 2);
    case "s": return number(Math.floor(time.getTime() / 1000), 1);
    case "n": return word("\n");
    case "t": return word("\t");
    case "%": return word("%");
    default: {
      const composite = COMPOSITES[conversion];
      return composite === undefined ? undefined : word(strftime(time, composite));
    }
  }
}

/**
 * Ruby's `Time#strftime`, which Liquid's `date` filter is: the conversions, the flags `-` (no
 * padding), `_` (spaces), `0` (zeros), `^` (upper case), `#` (change case) and widths; an
 * unknown conversion is written as it stands. Hand-written because liquidjs formats in the
 * process's own zone (its %c, %x and %Z are the platform's, not Ruby's), and a post must come
 * out the same on every machine.
 */
export function strftime(time: RubyTime, format: string): string {
  const wall = time.wall();
  return format.replace(/%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])/g, (whole, flags: string, widthText: string, colons: string, conversion: string) => {
    if (colons && conversion !== "z") return whole;
    const width = widthText ? Number(widthText) : undefined;
    const converted = convert(time, wall, conversion, width, colons.length);
    if (!converted) return whole;
    let { text } = converted;
    if (flags.includes("^") || (flags.includes("#") && conversion !== "p")) text = text.toUpperCase();
    else if (flags.includes("#")) text = text.toLowerCase();
    // the width of %L and %N is their number of digits, not padding
    if (flags.includes("-") || conversion === "L" || conversion === "N") return text;
    const pad = flags.includes("_") ? " " : flags.includes("0") ? "0" : converted.pad;
    const target = width ?? converted.width;
    if (pad === "0" && /^[+-]/.test(text)) return text[0]! + text.slice(1).padStart(target - 1, "0");
    return text.padStart(target, pad);
  });
}
