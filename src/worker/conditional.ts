/**
 * Conditional GET (RFC 9110 §13): strong ETags from the body's bytes, so the same content gives
 * the same ETag on every instance and after every publish; If-None-Match (weak comparison) first,
 * If-Modified-Since only without it.
 */

export async function bodyEtag(body: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", body);
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The fields of an HTTP-date in any of its three forms (RFC 9110 §5.6.7), as written. */
function httpDateFields(value: string): { year: number; month: string; day: string; time: string } | undefined {
  let m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/.exec(value);
  if (m) return { day: m[1]!, month: m[2]!, year: Number(m[3]), time: m[4]! };
  m = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/.exec(value);
  if (m) {
    // a two-digit year more than 50 years in the future is one of the past century
    const yy = Number(m[3]);
    return { day: m[1]!, month: m[2]!, year: 2000 + yy > new Date().getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy, time: m[4]! };
  }
  m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}:\d{2}:\d{2}) (\d{4})$/.exec(value);
  if (m) return { month: m[1]!, day: m[2]!.trim(), time: m[3]!, year: Number(m[4]) };
  return undefined;
}

/**
 * An HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms) as epoch ms; NaN for
 * anything else, which a recipient must ignore. `Date.parse` would take "1" or "2024".
 */
export function parseHttpDate(value: string): number {
  const fields = httpDateFields(value.trim());
  if (!fields) return NaN;
  const month = MONTHS.indexOf(fields.month);
  const day = Number(fields.day);
  const [h, min, sec] = fields.time.split(":").map(Number) as [number, number, number];
  if (month < 0 || h > 23 || min > 59 || sec > 60) return NaN;
  const time = Date.UTC(fields.year, month, day, h, min, Math.min(sec, 59));
  return new Date(time).getUTCDate() === day ? time : NaN;
}

/**
 * The ETag of one coding of a body: a gzip copy's bytes are not the plain copy's, so a cache
 * holding both (they differ by `Vary: Accept-Encoding`) must not take one for the other.
 */
export function representationEtag(etag: string, coding: "br" | "gzip" | undefined): string {
  return coding ? `${etag.slice(0, -1)}-${coding}"` : etag;
}

/** A tag as compared: weak or strong alike, any coding's suffix off (all codings hold the same content). */
function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, "").replace(/-(?:br|gzip)"$/, '"');
}

/** Whether a request's validators say its copy is current, so the answer is 304. */
export function notModified(headers: Headers, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    return ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince !== null && lastModified) {
    const since = parseHttpDate(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
