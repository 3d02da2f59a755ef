/**
 * URLs as Jekyll's `relative_url`, `absolute_url` and `uri_escape` make them: each goes through
 * Ruby's Addressable `normalize`, which percent-encodes what a part of a URL may not hold, decodes
 * escapes of what it may, upper-cases the rest, applies NFKC and removes dot segments. Hand-written:
 * WHATWG `URL` normalizes differently (it leaves `%41` and `[` alone, and needs a base).
 */

const UNRESERVED = "A-Za-z0-9\\-._~";
const SEGMENT = new RegExp(`[${UNRESERVED}!$&'()*+,;=:@]`);
const QUERY = new RegExp(`[${UNRESERVED}!$'()*+,/:=?@]`);
const FRAGMENT = new RegExp(`[${UNRESERVED}!$&'()*+,;=:@/?]`);
const URI = new RegExp(`[${UNRESERVED}:/?#\\[\\]@!$&'()*+,;=]`);

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function percentEncode(char: string): string {
  return Array.from(encoder.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/**
 * One part of a URL, normalized: decoded, NFKC (Addressable's), then each character written as is when `allowed`
 * matches it and percent-encoded otherwise. `keep` names characters whose escapes stay escapes
 * (a query's `%2B` is not its `+`). Bytes that are not UTF-8 stay as they were escaped.
 */
export function normalizeComponent(text: string, allowed: RegExp, keep = ""): string {
  let out = "";
  let decoded = "";
  const flush = () => {
    for (const char of decoded.normalize("NFKC")) out += char.length === 1 && allowed.test(char) ? char : percentEncode(char);
    decoded = "";
  };
  for (let i = 0; i < text.length; ) {
    const run = /^(?:%[0-9A-Fa-f]{2})+/.exec(text.slice(i, i + 3 * 64));
    if (run) {
      const bytes = Uint8Array.from(run[0].slice(1).split("%"), (hex) => parseInt(hex, 16));
      let chars: string | undefined;
      try {
        chars = decoder.decode(bytes);
      } catch {
        chars = undefined;
      }
      if (chars === undefined) {
        flush();
        out += run[0].toUpperCase();
      } else {
        for (const char of chars) {
          if (keep.includes(char)) {
            flush();
            out += percentEncode(char);
          } else decoded += char;
        }
      }
      i += run[0].length;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      decoded += char;
      i += char.length;
    }
  }
  flush();
  return out;
}

/** RFC 3986 `remove_dot_segments`, for a path that starts at the root. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/").slice(1);
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      out.pop();
      if (last) out.push("");
    } else out.push(segment);
  });
  return `/${out.join("/")}`;
}

/** A reference without scheme or host, normalized as Addressable does: path, query, fragment. */
export function normalizeReference(reference: string): string {
  const hash = reference.indexOf("#");
  const fragment = hash < 0 ? "" : reference.slice(hash + 1);
  const beforeHash = hash < 0 ? reference : reference.slice(0, hash);
  const mark = beforeHash.indexOf("?");
  const query = mark < 0 ? "" : beforeHash.slice(mark + 1);
  // Addressable strips the path of Ruby's white space (and NUL) at both ends, not the query or fragment
  let path = (mark < 0 ? beforeHash : beforeHash.slice(0, mark)).replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, "");
  path = path.split("/").map((segment) => normalizeComponent(segment, SEGMENT)).join("/");
  if (path.startsWith("/")) path = removeDotSegments(path);
  const normalizedQuery = query.split("&").map((pair) => normalizeComponent(pair, QUERY, "+")).join("&");
  return `${path}${normalizedQuery ? `?${normalizedQuery}` : ""}${fragment ? `#${normalizeComponent(fragment, FRAGMENT)}` : ""}`;
}

/** Whether Addressable calls the URL absolute: it has a scheme. */
export function hasScheme(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url);
}

/** Jekyll's `relative_url`: the site's `baseurl` (without its trailing `/`) and the input, each with a leading `/`. */
export function relativeUrl(input: string, baseurl: string): string {
  if (hasScheme(input)) return input;
  const withSlash = (part: string) => (part === "" || part.startsWith("/") ? part : `/${part}`);
  const joined = withSlash(baseurl.replace(/\/$/, "")) + withSlash(input);
  // a leading `//` names a host: Addressable leaves its path as it is
  return joined.startsWith("//") ? joined : normalizeReference(joined);
}

/** Jekyll's `absolute_url`: `site.url` and `relative_url`, the origin lower-cased and without its default port. */
export function absoluteUrl(input: string, siteUrl: string, baseurl: string): string {
  if (hasScheme(input)) return input;
  const relative = relativeUrl(input, baseurl);
  if (siteUrl === "") return relative;
  let origin: URL;
  try {
    origin = new URL(siteUrl + relative);
  } catch {
    return siteUrl + relative;
  }
  const rest = (siteUrl + relative).replace(/^[^:]+:\/\/[^/?#]*/, "");
  return `${origin.protocol}//${origin.host}${normalizeReference(rest)}`;
}

/** Jekyll's `uri_escape`: Addressable's `normalize_component`, which leaves reserved characters (`/?#[]` …) as they are. */
export function uriEscape(input: string): string {
  return normalizeComponent(input, URI);
}
