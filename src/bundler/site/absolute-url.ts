// Jekyll's `absolute_url` and `relative_url` filters end in Addressable's `URI#normalize`, whose
// rules (NFKC on each path segment, its own dot-segment removal, `//` kept) WHATWG's URL does not
// share; jekyll-feed's Atom ids go through it, so it is written out here.

const utf8 = new TextEncoder();
const PCHAR = "A-Za-z0-9\\-._~!$&'()*+,;=:@";
const RESERVED_AND_UNRESERVED = "A-Za-z0-9\\-._~!$&'()*+,;=:/?#[\\]@";
const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/** Each byte kept as its character when that is ASCII and `keep` takes it, else `%XX`. */
export function encodeBytes(bytes: Uint8Array, keep: RegExp): string {
  return Array.from(bytes, (byte) => (byte < 0x80 && keep.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : hex(byte))).join("");
}

/** Every valid `%XX` to its byte, everything else to its UTF-8 bytes (Addressable's `unencode`). */
function unencode(component: string): Uint8Array {
  const bytes: number[] = [];
  for (const part of component.split(/(%[0-9A-Fa-f]{2})/)) {
    if (/^%[0-9A-Fa-f]{2}$/.test(part)) bytes.push(parseInt(part.slice(1), 16));
    else bytes.push(...utf8.encode(part));
  }
  return new Uint8Array(bytes);
}

/**
 * Addressable's `normalize_component`: decoded, NFKC-normalized, then every byte outside
 * `allowed` encoded. Bytes that are not UTF-8 fail NFKC in Ruby, and Addressable then encodes
 * without normalizing, keeping every reserved character.
 */
function normalizeComponent(component: string, allowed: string): string {
  const bytes = unencode(component);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return encodeBytes(bytes, new RegExp(`^[${RESERVED_AND_UNRESERVED}]$`));
  }
  return encodeBytes(utf8.encode(text.normalize("NFKC")), new RegExp(`^[${allowed}]$`));
}

/** A character no URL holds, standing in for an escaped `+` while a query pair is normalized. */
const PLUS = "\uE000";

/** A query's `key=value`: normalized, but an escaped `+` stays escaped (it is not the `+` that means a space). */
function normalizeQueryPair(pair: string): string {
  return normalizeComponent(pair.replace(/%2B/gi, PLUS), `${PCHAR}/?`).replaceAll("%EE%80%80", "%2B");
}

/** Addressable's `URI.normalize_path` (RFC 3986 5.2.4, and its own rule for leading `/..`). */
function removeDotSegments(path: string): string {
  let result = path;
  for (;;) {
    let next = result.replace(/\/\.\/|\/\.$/g, "/");
    if (next === result) {
      const pair = /\/([^/]*)\/\.\.\/|\/([^/]*)\/\.\.$/.exec(result);
      const parent = pair?.[1];
      const current = pair?.[2];
      if (pair && ((parent !== "." && parent !== "..") || (current !== "." && current !== ".."))) {
        const esc = (s: string | undefined) => (s ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        next = result.replace(new RegExp(`/${esc(parent)}/\\.\\./|(/${esc(current)}/\\.\\.$)`, "g"), "/");
      }
    }
    if (next === result) next = result.replace(/^\.\.?\/?/, "");
    if (next === result) next = result.replace(/^\/\.\.?\/|^(\/\.\.?)+\/?$/, "/");
    if (next === result) return result;
    result = next;
  }
}

const plainPath = new RegExp(`^[${PCHAR}/]*$`);
const normalizedOrigins = new Map<string, string>();

/** Scheme and host lowercased, an IDN host in punycode, a default port dropped (WHATWG's URL does all three as Addressable does). */
function normalizeOrigin(whole: string, scheme: string, authority: string): string {
  const parsed = new URL(`${scheme.toLowerCase()}://${authority}`);
  const head = `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ""}@` : ""}${parsed.host}`;
  normalizedOrigins.set(whole, head);
  return head;
}

/**
 * `Addressable::URI.parse(url).normalize.to_s` for the URLs Jekyll builds: scheme and host
 * lowercased (an IDN host in punycode), a default port dropped, each path segment normalized,
 * dot segments removed, `//` kept, an empty query or fragment dropped.
 */
export function normalizeUrl(url: string): string {
  const origin = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
  let head = "";
  let rest = url;
  if (origin) {
    head = normalizedOrigins.get(origin[0]) ?? normalizeOrigin(origin[0], origin[1]!, origin[2]!);
    rest = url.slice(origin[0].length);
  }
  // the common case, an ASCII path with nothing to decode, encode or remove, comes out as it went in
  if (plainPath.test(rest) && !/(?:^|\/)\.\.?(?:\/|$)/.test(rest) && !(rest === "" && origin)) return head + rest;
  const hash = rest.indexOf("#");
  const fragment = hash >= 0 ? rest.slice(hash + 1) : undefined;
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const query = question >= 0 ? rest.slice(question + 1) : undefined;
  if (question >= 0) rest = rest.slice(0, question);
  // Addressable strips the path (not the query or fragment) of Ruby's white space and NUL at both ends
  rest = rest.replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, "");
  let path = removeDotSegments(rest.split("/").map((segment) => normalizeComponent(segment, PCHAR)).join("/"));
  if (path === "" && origin && /^(?:https?|s?ftp)$/i.test(origin[1]!)) path = "/";
  const tail = `${query ? `?${query.split("&").map(normalizeQueryPair).join("&")}` : ""}${fragment ? `#${normalizeComponent(fragment, `${PCHAR}/?`)}` : ""}`;
  return head + path + tail;
}

/** The `baseurl` as Jekyll's `relative_url` puts it in front: "" or `/blog` (a trailing `/` cut, a leading one added). */
export function baseurlPrefix(baseurl: string): string {
  const cut = baseurl.replace(/\/$/, "");
  return cut === "" || cut.startsWith("/") ? cut : `/${cut}`;
}

/** Jekyll's `relative_url`: the `baseurl` in front of a site path, normalized. Where a post is served from the site's host. */
export function relativeUrl(baseurl: string, path: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return path;
  const input = path === "" || path.startsWith("/") ? path : `/${path}`;
  return normalizeUrl(baseurlPrefix(baseurl) + input);
}

/**
 * Jekyll's `absolute_url`: the site's `url` as written, then `relativeUrl`; without a `url`, the
 * relative URL alone. jekyll-feed writes a post's Atom `<id>` as `absoluteUrl(…, post.id)`, its
 * link as `absoluteUrl(…, post.url)` and the feed's own `<id>` as `absoluteUrl(…, "/feed.xml")`.
 */
export function absoluteUrl(site: { url: string; baseurl: string }, path: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return path;
  const relative = relativeUrl(site.baseurl, path);
  return site.url === "" ? relative : normalizeUrl(site.url + relative);
}

/** Jekyll's `uri_escape`: Addressable's `normalize_component`, which leaves reserved characters (`/?#[]` …) as they are. */
export function uriEscape(input: string): string {
  return normalizeComponent(input, RESERVED_AND_UNRESERVED);
}
