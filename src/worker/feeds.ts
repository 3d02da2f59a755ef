import { Feed, type Item } from "feed";
import { mediaTypes } from "../content-types.js";
import { escapeXml, stripNonXml } from "../escape.js";
import type { PostRecord } from "../post.js";
import type { Author } from "../site.js";
import {
  attributePlaceholder,
  dateStandIn,
  defuseCdataEnd,
  escapeRssText,
  fillAttributes,
  fillDates,
  fillPlaceholders,
  placeholder,
  rewrite,
  rfc822,
} from "./feed-fixes.js";

import type { FeedFormat } from "../paths.js";

export type { FeedFormat };

/** RFC 5005 paging: which pages exist around this one. */
export interface PagingLinks {
  first: string;
  last: string;
  next?: string;
  previous?: string;
}

/** Everything a feed document says, whatever its format: built once per request, rendered three ways. */
export interface FeedDocument {
  /** Stable feed id (Atom `<id>`), on site.url. */
  id: string;
  title: string;
  description: string;
  /** Newest item's date in the whole feed. */
  updated: string;
  /** Posts, or (a filtered feed's) posts without their content. */
  items: FeedPost[];
  /** Where the site is for this request, origin and baseurl: item links are built on it. */
  base: string;
  /** This document's own URL (`rel="self"`). */
  self: string;
  /** The HTML page this feed is the feed of. */
  home: string;
  paging?: PagingLinks;
  /** WebSub hub, advertised as `rel="hub"`. */
  hub?: string;
  /** The site's language ("" for none): RSS `<language>`, Atom `xml:lang`, JSON `language`. */
  language: string;
  /** The site's author: the feed's, and each item's that names none of its own. */
  author?: Author;
  /** The site's title: the Atom feed's author when neither the site nor every entry names one (RFC 4287 wants one). */
  siteTitle?: string;
  /** Absolute URLs of the site's icon and logo (`feed.icon`, `feed.logo`). */
  icon?: string;
  logo?: string;
  /** Items carry their summary and no content (`feed.excerpt_only`). */
  excerptOnly: boolean;
}

/** A post as a feed document carries it: a filtered feed's have no content. */
export type FeedPost = Omit<PostRecord, "contentHtml"> & { contentHtml?: string };

/** The one item model all three formats are written from: text made safe for XML. */
interface FeedItem {
  record: FeedPost;
  title: string;
  summary: string;
  /** Undefined for a feed of summaries only. */
  content?: string;
  link: string;
  terms: string[];
  author?: Author;
}

function toFeedItem(doc: FeedDocument, record: FeedPost): FeedItem {
  const author = record.author ?? doc.author;
  return {
    record,
    title: stripNonXml(record.title),
    summary: stripNonXml(record.summary),
    ...(doc.excerptOnly || record.excerptOnly || record.contentHtml === undefined ? {} : { content: defuseCdataEnd(stripNonXml(record.contentHtml)) }),
    link: `${doc.base}${record.path}`,
    terms: [...new Set([...record.categories, ...record.tags].map(stripNonXml))],
    ...(author ? { author: { ...author, name: stripNonXml(author.name) } } : {}),
  };
}

function baseFeed(doc: FeedDocument, format: FeedFormat): Feed {
  return new Feed({
    id: doc.id,
    title: stripNonXml(doc.title),
    description: stripNonXml(doc.description),
    link: doc.home,
    ...(doc.language ? { language: doc.language } : {}),
    updated: dateStandIn(0),
    generator: "feed-publisher",
    ...(doc.author ? { author: feedAuthor(doc.author) } : {}),
    ...(doc.icon ? { favicon: doc.icon } : {}),
    ...(doc.logo ? { image: doc.logo } : {}),
    feedLinks: { [format]: doc.self },
    ...(doc.hub ? { hub: doc.hub } : {}),
  });
}

/** An author as feed@6 takes one. */
function feedAuthor(author: Author): { name: string; email?: string; link?: string } {
  return { name: stripNonXml(author.name), ...(author.email ? { email: author.email } : {}), ...(author.uri ? { link: author.uri } : {}) };
}

const MEDIA_NS = "http://search.yahoo.com/mrss/";
const DC_NS = "http://purl.org/dc/elements/1.1/";

/** Item `position` of a document, its title a placeholder of the same number unless `extra` says otherwise. */
function feedItem(item: FeedItem, position: number, extra: Partial<Item>): Item {
  return {
    title: placeholder(position),
    id: item.record.id,
    link: item.link,
    // stand-in 0 is the feed's own date
    date: dateStandIn(position + 1),
    published: dateStandIn(position + 1),
    content: item.content,
    ...extra,
  };
}

/**
 * The feed's date, then each item's, then each item's last change (`last_modified_at`, else its
 * date), as a format writes them: the stand-ins' values.
 */
function datesOf(doc: FeedDocument, write: (rfc3339: string) => string): string[] {
  return [doc.updated, ...doc.items.map((r) => r.date), ...doc.items.map((r) => r.updated ?? r.date)].map(write);
}

/** RFC 5005 links, which feed@6 has no option for, after the element that `anchor` matches. */
function addPagingLinks(xml: string, anchor: RegExp, paging: PagingLinks | undefined, element: (rel: string, href: string) => string): string {
  if (!paging) return xml;
  const links = (["first", "previous", "next", "last"] as const)
    .filter((rel) => paging[rel])
    .map((rel) => element(rel, escapeXml(paging[rel]!)))
    .join("");
  return rewrite(xml, anchor, (self) => `${self}${links}`, 1, "paging links (after rel=\"self\")");
}

export function renderRss(doc: FeedDocument): string {
  const items = doc.items.map((r) => toFeedItem(doc, r));
  const feed = baseFeed(doc, "rss");
  items.forEach((item, i) =>
    feed.addItem(
      feedItem(item, i, {
        // RSS descriptions are HTML: the plain-text summary is escaped once for that.
        description: escapeXml(item.summary),
        category: item.terms.map((name) => ({ name })),
        extensions: [
          // feed@6 writes <author> without an e-mail address, which RSS requires; dc:creator has none.
          ...(item.author ? [{ name: "dc:creator", objects: { _text: item.author.name } }] : []),
          ...(item.record.image ? [{ name: "media:thumbnail", objects: { _attributes: { "xmlns:media": MEDIA_NS, url: item.record.image } } }] : []),
        ],
      }),
    ),
  );
  let xml = fillPlaceholders(feed.rss2(), items.map((item) => item.title), items.length, escapeRssText);
  // feed@6 declares dc: only beside content:encoded; items of summaries (excerpt_only, a filter) name their author too
  if (!items.some((item) => item.content) && items.some((item) => item.author)) {
    xml = rewrite(xml, /<rss version="2\.0"/g, (root) => `${root} xmlns:dc="${DC_NS}"`, 1, "xmlns:dc for dc:creator");
  }
  // lastBuildDate, and each item's pubDate
  xml = fillDates(xml, datesOf(doc, rfc822), 1 + items.length);
  return addPagingLinks(xml, /<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/g, doc.paging, (rel, href) => `\n        <atom:link rel="${rel}" href="${href}" type="${mediaTypes.rss}"/>`);
}

export function renderAtom(doc: FeedDocument): string {
  const items = doc.items.map((r) => toFeedItem(doc, r));
  // an entry needs an author, its own or the feed's: without the site's, the site's title stands in
  const orphans = !doc.author && items.some((item) => !item.author);
  const feed = baseFeed(orphans ? { ...doc, author: { name: doc.siteTitle || doc.title } } : doc, "atom");
  const texts: string[] = [];
  const terms: string[] = [];
  items.forEach((item, i) => {
    texts.push(item.title, item.summary);
    feed.addItem(
      feedItem(item, i, {
        title: placeholder(2 * i),
        // a short stand-in: feed@6's serializer walks every string element a character at a time
        id: `urn:x:${i}`,
        // <updated> is the entry's last change, <published> its date
        date: dateStandIn(items.length + i + 1),
        ...(item.author ? { author: [feedAuthor(item.author)] } : {}),
        description: item.summary ? placeholder(2 * i + 1) : undefined,
        // feed@6 writes Atom categories without the required `term` unless it is given, and escapes only `&` in it.
        category: item.terms.map((name) => {
          const stand = attributePlaceholder(terms.push(name) - 1);
          return { name: stand, term: stand };
        }),
      }),
    );
  });
  const summaries = items.filter((item) => item.summary).length;
  // label and term of each category
  let xml = fillAttributes(fillPlaceholders(feed.atom1(), texts, items.length + summaries), terms, 2 * terms.length);
  // the feed's updated, and each entry's updated and published
  xml = fillDates(xml, datesOf(doc, (iso) => iso), 1 + 2 * items.length);
  if (doc.language) xml = rewrite(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/g, () => `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(doc.language)}">`, 1, "xml:lang");
  xml = addPagingLinks(xml, /<link rel="self" href="[^"]*"\/>/g, doc.paging, (rel, href) => `\n    <link rel="${rel}" href="${href}" type="${mediaTypes.atom}"/>`);
  return fillEntryIds(xml, items);
}

/**
 * Each entry's `<id>` in place of its stand-in, followed by the original article as
 * `<link rel="related">`, which feed@6 has no field for: one pass over the document.
 */
function fillEntryIds(xml: string, items: FeedItem[]): string {
  return rewrite(
    xml,
    /<id>urn:x:(\d+)<\/id>/g,
    (_, i) => {
      const { record } = items[Number(i)]!;
      const id = `<id>${escapeXml(URL.canParse(record.id) ? new URL(record.id).href : record.id)}</id>`;
      const related = record.sourceUrl ? `\n        <link rel="related" href="${escapeXml(record.sourceUrl)}"/>` : "";
      const image = record.image ? `\n        <media:thumbnail xmlns:media="${MEDIA_NS}" url="${escapeXml(record.image)}"/>` : "";
      return id + related + image;
    },
    items.length,
    "entry ids",
  );
}

/** JSON Feed 1.1 from feed@6's version 1 output: `authors`, `language`, own offsets, `external_url`, `next_url`. */
export function renderJsonFeed(doc: FeedDocument): string {
  const items = doc.items.map((r) => toFeedItem(doc, r));
  const feed = baseFeed(doc, "json");
  items.forEach((item, i) =>
    feed.addItem(
      feedItem(item, i, {
        title: item.title,
        description: item.summary || undefined,
        ...(item.content === undefined ? {} : { content: stripNonXml(item.record.contentHtml ?? "") }),
        category: item.terms.map((name) => ({ name })),
      }),
    ),
  );
  const { author: _author, items: written, ...channel } = JSON.parse(feed.json1()) as {
    author?: unknown;
    items: Record<string, unknown>[];
    [field: string]: unknown;
  };
  if (!Array.isArray(written) || written.length !== items.length || channel.version !== "https://jsonfeed.org/version/1") {
    throw new Error("feed@6 wrote something else than the repair of JSON Feed 1.1 expects: a version 1 feed with every item");
  }
  const json = {
    ...channel,
    version: "https://jsonfeed.org/version/1.1",
    // the feed's own URL on every page: a page's URL is only ever `next_url`
    feed_url: doc.paging?.first ?? doc.self,
    ...(doc.language ? { language: doc.language } : {}),
    // feed@6 writes `icon` from the logo and has no `favicon`: the site's small icon goes there
    ...(doc.icon ? { favicon: doc.icon } : {}),
    ...(doc.author ? { authors: [jsonAuthor(doc.author)] } : {}),
    ...(doc.paging?.next ? { next_url: doc.paging.next } : {}),
    ...(doc.hub ? { hubs: [{ type: "WebSub", url: doc.hub }] } : {}),
    items: written.map(({ date_modified: _modified, ...fields }, i) => {
      const { record, author, content } = items[i]!;
      // a feed of summaries: feed@6 writes the summary as content_html, unescaped; content_text says it
      if (content === undefined) delete fields.content_html;
      return {
        ...fields,
        // JSON Feed needs content of some kind: a feed of summaries carries the summary as text
        ...(content === undefined ? { content_text: items[i]!.summary } : {}),
        ...(record.sourceUrl ? { external_url: record.sourceUrl } : {}),
        ...(record.image ? { image: record.image } : {}),
        date_published: record.date,
        ...(record.updated ? { date_modified: record.updated } : {}),
        ...(author ? { authors: [jsonAuthor(author)] } : {}),
      };
    }),
  };
  return JSON.stringify(json, null, 2);
}

/** An author as JSON Feed 1.1 writes one. */
function jsonAuthor(author: Author): { name: string; url?: string } {
  return { name: stripNonXml(author.name), ...(author.uri ? { url: author.uri } : {}) };
}

export const renderers: Record<FeedFormat, (doc: FeedDocument) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};
