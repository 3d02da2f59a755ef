import { Feed, type Item } from "feed";
import { mediaTypes } from "../content-types.js";
import { escapeXml, stripNonXml } from "../escape.js";
import type { PostRecord } from "../post.js";
import { site } from "../site.js";
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
  items: PostRecord[];
  /** Origin the request came to: item links are built on it. */
  origin: string;
  /** This document's own URL (`rel="self"`). */
  self: string;
  /** The HTML page this feed is the feed of. */
  home: string;
  paging?: PagingLinks;
  /** WebSub hub, advertised as `rel="hub"`. */
  hub?: string;
}

/** The one item model all three formats are written from: text made safe for XML. */
interface FeedItem {
  record: PostRecord;
  title: string;
  summary: string;
  content: string;
  link: string;
  terms: string[];
}

function toFeedItem(record: PostRecord, origin: string): FeedItem {
  return {
    record,
    title: stripNonXml(record.title),
    summary: stripNonXml(record.summary),
    content: defuseCdataEnd(stripNonXml(record.contentHtml)),
    link: `${origin}${record.path}`,
    terms: [...new Set([...record.categories, ...record.tags].map(stripNonXml))],
  };
}

function baseFeed(doc: FeedDocument, format: FeedFormat): Feed {
  return new Feed({
    id: doc.id,
    title: stripNonXml(doc.title),
    description: stripNonXml(doc.description),
    link: doc.home,
    language: site.language,
    updated: dateStandIn(0),
    generator: "feed-publisher",
    author: { name: site.author },
    feedLinks: { [format]: doc.self },
    ...(doc.hub ? { hub: doc.hub } : {}),
  });
}

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

/** The feed's date, then each item's, as a format writes them: the stand-ins' values. */
function datesOf(doc: FeedDocument, write: (rfc3339: string) => string): string[] {
  return [doc.updated, ...doc.items.map((r) => r.date)].map(write);
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
  const items = doc.items.map((r) => toFeedItem(r, doc.origin));
  const feed = baseFeed(doc, "rss");
  items.forEach((item, i) =>
    feed.addItem(
      feedItem(item, i, {
        // RSS descriptions are HTML: the plain-text summary is escaped once for that.
        description: escapeXml(item.summary),
        category: item.terms.map((name) => ({ name })),
        // feed@6 writes <author> without an e-mail address, which RSS requires; dc:creator has none.
        extensions: [{ name: "dc:creator", objects: { _text: site.author } }],
      }),
    ),
  );
  let xml = fillPlaceholders(feed.rss2(), items.map((item) => item.title), items.length, escapeRssText);
  // lastBuildDate, and each item's pubDate
  xml = fillDates(xml, datesOf(doc, rfc822), 1 + items.length);
  return addPagingLinks(xml, /<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/g, doc.paging, (rel, href) => `\n        <atom:link rel="${rel}" href="${href}" type="${mediaTypes.rss}"/>`);
}

export function renderAtom(doc: FeedDocument): string {
  const items = doc.items.map((r) => toFeedItem(r, doc.origin));
  const feed = baseFeed(doc, "atom");
  const texts: string[] = [];
  const terms: string[] = [];
  items.forEach((item, i) => {
    texts.push(item.title, item.summary);
    feed.addItem(
      feedItem(item, i, {
        title: placeholder(2 * i),
        // a short stand-in: feed@6's serializer walks every string element a character at a time
        id: `urn:x:${i}`,
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
  xml = rewrite(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/g, () => `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">`, 1, "xml:lang");
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
      const id = `<id>${escapeXml(new URL(record.id).href)}</id>`;
      return record.sourceUrl ? `${id}\n        <link rel="related" href="${escapeXml(record.sourceUrl)}"/>` : id;
    },
    items.length,
    "entry ids",
  );
}

/** JSON Feed 1.1 from feed@6's version 1 output: `authors`, `language`, own offsets, `external_url`, `next_url`. */
export function renderJsonFeed(doc: FeedDocument): string {
  const items = doc.items.map((r) => toFeedItem(r, doc.origin));
  const feed = baseFeed(doc, "json");
  items.forEach((item, i) =>
    feed.addItem(
      feedItem(item, i, {
        title: item.title,
        description: item.summary || undefined,
        content: stripNonXml(item.record.contentHtml),
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
    language: site.language,
    authors: [{ name: site.author }],
    ...(doc.paging?.next ? { next_url: doc.paging.next } : {}),
    ...(doc.hub ? { hubs: [{ type: "WebSub", url: doc.hub }] } : {}),
    items: written.map(({ date_modified: _modified, ...rest }, i) => {
      const { record } = items[i]!;
      return { ...rest, ...(record.sourceUrl ? { external_url: record.sourceUrl } : {}), date_published: record.date };
    }),
  };
  return JSON.stringify(json, null, 2);
}

export const renderers: Record<FeedFormat, (doc: FeedDocument) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};
