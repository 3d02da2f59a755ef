import { escapeXml } from "./escape.js";
import { feedTitle } from "./feed-names.js";
import { feedPagePath } from "./paths.js";
import type { FeedInfo } from "./post.js";
import type { Site } from "./site.js";
import { stringsFor } from "./strings.js";

/**
 * Where the request's origin goes in a rendered OPML document. U+0000 is the one mark no text in
 * it can hold (escapeXml strips it from titles, and paths percent-encode it), and in UTF-8 the
 * byte 0 is that character and nothing else.
 */
const ORIGIN = "\u0000";

/**
 * OPML 2.0: one subscription per stream (Atom), in three outlines: the site, its categories, its
 * tags. A feed that repeats another whole (a tag that is its category's, `same`) is left out: a
 * reader importing both would show each story twice, and one that files an id under one feed would
 * leave the other empty. Made by the publish for every origin at once (`opmlFor` puts one in), and
 * with no `dateModified`: the bytes change only when the list does, so a reader's conditional GET
 * gets a 304 across publishes that only add posts. Written by hand: a dozen lines of one fixed
 * shape, escaped by the same function as the feeds.
 *
 * `feeds`: the categories and tags, in id order (a main feed among them is ignored).
 */
export function renderOpml(site: Pick<Site, "title" | "author" | "baseurl" | "language">, feeds: readonly FeedInfo[], same: Readonly<Record<string, string>>): string {
  const strings = stringsFor(site.language);
  const outline = (info: Pick<FeedInfo, "kind" | "name" | "label">) => {
    const title = escapeXml(feedTitle(site, info.kind, info.name, info.label));
    // one path per feed: its Atom feed is the page's path and `atom.xml`
    const page = ORIGIN + escapeXml(site.baseurl + feedPagePath(info.kind, info.name));
    return `      <outline type="rss" text="${title}" title="${title}" xmlUrl="${page}atom.xml" htmlUrl="${page}"/>`;
  };
  const group = (text: string, list: readonly Pick<FeedInfo, "kind" | "name" | "label">[]) =>
    list.length ? `    <outline text="${text}">\n${list.map(outline).join("\n")}\n    </outline>\n` : "";
  const distinct = feeds.filter((info) => !Object.hasOwn(same, info.id));
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(site.title)}</title>${site.author ? `\n    <ownerName>${escapeXml(site.author.name)}</ownerName>` : ""}
  </head>
  <body>
${group(strings.opmlSite, [{ kind: "main", name: "" }])}${group(strings.opmlCategories, distinct.filter((info) => info.kind === "category"))}${group(strings.opmlTags, distinct.filter((info) => info.kind === "tag"))}  </body>
</opml>
`;
}

/**
 * A rendered OPML document (UTF-8) with its links on `origin`. On bytes, not text: at ~2,000
 * streams, decoding the document and encoding it again cost more than everything else a request does.
 */
export function opmlFor(rendered: Uint8Array, origin: string): Uint8Array {
  const base = new TextEncoder().encode(escapeXml(origin));
  const marks: number[] = [];
  for (let at = rendered.indexOf(0); at >= 0; at = rendered.indexOf(0, at + 1)) marks.push(at);
  const out = new Uint8Array(rendered.byteLength + marks.length * (base.byteLength - 1));
  let from = 0;
  let to = 0;
  for (const at of marks) {
    out.set(rendered.subarray(from, at), to);
    to += at - from;
    out.set(base, to);
    to += base.byteLength;
    from = at + 1;
  }
  out.set(rendered.subarray(from), to);
  return out;
}
