import { Feed, type Item } from "feed";
import type { FeedIndex, PostRecord } from "../post.js";
import { site } from "../site.js";
import {
  defuseCdataEnd,
  escapeRssText,
  escapeXml,
  fillPlaceholders,
  placeholder,
  restoreDateOffsets,
  rfc822,
  stripControlChars,
} from "./feed-fixes.js";

export type FeedFormat = "rss" | "atom" | "json";

export interface FeedLinks {
  /** Origin the request came to: item links and the self link are built on it. */
  origin: string;
  /** This document's own URL (`rel="self"`). */
  self: string;
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
    title: stripControlChars(record.title),
    summary: stripControlChars(record.summary),
    content: defuseCdataEnd(stripControlChars(record.contentHtml)),
    link: `${origin}${record.path}`,
    terms: [...new Set([...record.categories, ...record.tags].map(stripControlChars))],
  };
}

function baseFeed(index: FeedIndex, links: FeedLinks, format: FeedFormat): Feed {
  return new Feed({
    // jekyll-feed's feed id, so subscribers moving over keep their read state.
    id: `${site.url}/feed.xml`,
    title: site.title,
    description: site.description,
    link: `${links.origin}/`,
    language: site.language,
    updated: new Date(index.updated),
    generator: "feed-publisher",
    author: { name: site.author },
    feedLinks: { [format]: links.self },
  });
}

function feedItem(item: FeedItem, i: number, extra: Partial<Item>): Item {
  return {
    title: placeholder(i),
    id: item.record.id,
    link: item.link,
    date: new Date(item.record.date),
    published: new Date(item.record.date),
    content: item.content,
    ...extra,
  };
}

/** UTC renderings of each post's date, mapped back to the post's own offset. */
function offsetsByUtc(index: FeedIndex, utc: (d: Date) => string, own: (iso: string) => string): Map<string, string> {
  const dates = [index.updated, ...index.items.map((r) => r.date)];
  return new Map(dates.map((iso) => [utc(new Date(iso)), own(iso)]));
}

export function renderRss(index: FeedIndex, links: FeedLinks): string {
  const items = index.items.map((r) => toFeedItem(r, links.origin));
  const feed = baseFeed(index, links, "rss");
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
  const xml = fillPlaceholders(feed.rss2(), items.map((item) => item.title), escapeRssText);
  return restoreDateOffsets(xml, ["pubDate", "lastBuildDate"], offsetsByUtc(index, (d) => d.toUTCString(), rfc822));
}

export function renderAtom(index: FeedIndex, links: FeedLinks): string {
  const items = index.items.map((r) => toFeedItem(r, links.origin));
  const feed = baseFeed(index, links, "atom");
  const texts: string[] = [];
  items.forEach((item, i) => {
    texts.push(item.title, item.summary);
    feed.addItem(
      feedItem(item, 2 * i, {
        description: item.summary ? placeholder(2 * i + 1) : undefined,
        // feed@6 writes Atom categories without the required `term` unless it is given.
        category: item.terms.map((name) => ({ name, term: name })),
      }),
    );
  });
  let xml = fillPlaceholders(feed.atom1(), texts);
  xml = restoreDateOffsets(xml, ["updated", "published"], offsetsByUtc(index, (d) => d.toISOString(), (iso) => iso));
  xml = xml.replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">`);
  return addRelatedLinks(xml, items);
}

/** The original article as `<link rel="related">`, which feed@6 has no field for. */
function addRelatedLinks(xml: string, items: FeedItem[]): string {
  for (const { record } of items) {
    if (!record.sourceUrl) continue;
    const id = `<id>${escapeXml(new URL(record.id).href)}</id>`;
    xml = xml.replace(id, `${id}\n        <link rel="related" href="${escapeXml(record.sourceUrl)}"/>`);
  }
  return xml;
}

interface JsonFeedItem {
  id: string;
  [field: string]: unknown;
}

/** JSON Feed 1.1 from feed@6's version 1 output: `authors`, `language`, own offsets, `external_url`. */
export function renderJsonFeed(index: FeedIndex, links: FeedLinks): string {
  const items = index.items.map((r) => toFeedItem(r, links.origin));
  const feed = baseFeed(index, links, "json");
  items.forEach((item, i) =>
    feed.addItem(
      feedItem(item, i, {
        title: item.title,
        description: item.summary || undefined,
        content: stripControlChars(item.record.contentHtml),
        category: item.terms.map((name) => ({ name })),
      }),
    ),
  );
  const { author: _author, items: written, ...channel } = JSON.parse(feed.json1()) as {
    author?: unknown;
    items: JsonFeedItem[];
    [field: string]: unknown;
  };
  const json = {
    ...channel,
    version: "https://jsonfeed.org/version/1.1",
    language: site.language,
    authors: [{ name: site.author }],
    items: written.map(({ date_modified: _modified, ...rest }, i) => {
      const { record } = items[i]!;
      return {
        ...rest,
        ...(record.sourceUrl ? { external_url: record.sourceUrl } : {}),
        date_published: record.date,
      };
    }),
  };
  return JSON.stringify(json, null, 2);
}

export const renderers: Record<FeedFormat, (index: FeedIndex, links: FeedLinks) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};
