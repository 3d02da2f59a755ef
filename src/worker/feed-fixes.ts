import { escapeXml } from "../escape.js";

/**
 * Small repairs at the boundary of `feed@6` (pinned to 6.0.0), each for one way its output falls
 * short of what readers and validators accept; each has a test named after the gap it closes, and
 * a row in docs/posts.md ("What each item carries"). A repair that rewrites feed@6's output is told how many places it must
 * find: if feed@6 ever writes otherwise, it throws (the request is a logged 500) rather than
 * serve a half-repaired feed.
 */

/** `text` with each match of the global `pattern` replaced, which must match exactly `expected` times. */
export function rewrite(text: string, pattern: RegExp, replace: (match: string, ...groups: string[]) => string, expected: number, what: string): string {
  let found = 0;
  const out = text.replace(pattern, (match: string, ...groups: string[]) => {
    found++;
    return replace(match, ...groups);
  });
  if (found !== expected) throw new Error(`feed@6 wrote something else than the repair of ${what} expects: ${found} places, not ${expected}`);
  return out;
}

/** feed@6 splits only the first `]]>` of a CDATA section; in HTML, `]]&gt;` reads the same. */
export function defuseCdataEnd(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

/**
 * RSS has no way to say "this title is text", and readers treat it either way. The RSS Advisory
 * Board's answer, which feedvalidator checks: `&` and `<` as hexadecimal references (and `>`, for
 * symmetry and for readers that choke on it).
 */
export function escapeRssText(text: string): string {
  return text.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;").replace(/>/g, "&#x3E;");
}

/**
 * A stand-in for a plain-text field, swapped for the escaped text after serialization. It is made
 * of control characters that `stripNonXml` removes from every input, so it cannot collide.
 */
export function placeholder(index: number): string {
  return `\u0001${index}\u0001`;
}

/**
 * A stand-in for an attribute's plain text: feed@6 escapes only `&` and `"` in attributes, so a
 * category named `<b>` would make an Atom document that no parser reads. Filled by `fillAttributes`.
 */
export function attributePlaceholder(index: number): string {
  return `\u0003${index}\u0003`;
}

/** Each attribute stand-in (`expected` in all) replaced by its text, escaped for a double-quoted attribute. */
export function fillAttributes(xml: string, texts: readonly string[], expected: number): string {
  return rewrite(xml, /\u0003(\d+)\u0003/g, (_, i) => escapeXml(texts[Number(i)]!), expected, "attributes");
}

/**
 * feed@6 wraps titles and summaries in CDATA, and in Atom marks them `type="html"` without
 * escaping `<`: "Using <video>" then shows as "Using". Each placeholder becomes escaped plain text,
 * and an Atom `type="html"` becomes `type="text"`.
 */
export function fillPlaceholders(xml: string, texts: readonly string[], expected: number, escape = escapeXml): string {
  return rewrite(
    xml,
    /<([a-z:]+)( type="html")?><!\[CDATA\[\u0001(\d+)\u0001\]\]><\/\1>/g,
    (_, tag, typed, i) => `<${tag}${typed ? ' type="text"' : ""}>${escape(texts[Number(i)!] ?? "")}</${tag}>`,
    expected,
    "plain-text titles and summaries",
  );
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 3339 with offset to RFC 822 with the same offset: `Sun, 29 May 2022 13:37:26 +0800`. */
export function rfc822(rfc3339: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (!m) throw new Error(`not an RFC 3339 date: ${rfc3339}`);
  const [, year, month, day, time, zone] = m as unknown as [string, string, string, string, string, string];
  const weekday = weekdays[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
  const offset = zone === "Z" ? "+0000" : zone.replace(":", "");
  return `${weekday}, ${day} ${months[Number(month) - 1]} ${year} ${time} ${offset}`;
}

/**
 * A stand-in for a date. feed@6 writes every date in UTC, and its serializer walks each string it
 * is given a character at a time; it gets an object whose `toISOString` and `toUTCString` give a
 * short marker instead (of control characters, removed from every input), and `fillDates` writes
 * the date in the post's own offset where the marker is.
 */
export function dateStandIn(index: number): Date {
  const marker = `\u0002${index}\u0002`;
  return { toISOString: () => marker, toUTCString: () => marker } as unknown as Date;
}

/** Each date stand-in (`expected` in all) replaced by its date, as written (`dates[index]`). */
export function fillDates(text: string, dates: readonly string[], expected: number): string {
  return rewrite(text, /\u0002(\d+)\u0002/g, (_, i) => dates[Number(i)]!, expected, "dates");
}
