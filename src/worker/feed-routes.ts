import { escapePathSegment } from "../paths.js";
import type { FeedKind } from "../post.js";
import { site } from "../site.js";
import type { FeedFormat } from "./feeds.js";

/** The documents every feed is served as, as data: the router, pages, autodiscovery and OPML read this. */
export interface FeedFile {
  file: string;
  format: FeedFormat;
  label: string;
}

export const feedFiles: readonly FeedFile[] = [
  { file: "rss.xml", format: "rss", label: "RSS 2.0" },
  { file: "atom.xml", format: "atom", label: "Atom 1.0" },
  { file: "feed.json", format: "json", label: "JSON Feed 1.1" },
];

/** The HTML page of a feed: `/`, `/category/<name>/`, `/tag/<name>/`. */
export function feedPagePath(kind: FeedKind, name: string): string {
  return kind === "main" ? "/" : `/${kind}/${escapePathSegment(name.toLowerCase())}/`;
}

/** `/rss.xml`, `/category/<name>/rss.xml`, … */
export function feedPath(kind: FeedKind, name: string, file: string): string {
  return `${feedPagePath(kind, name)}${file}`;
}

/** jekyll-feed's path for a feed: `/feed.xml`, `/feed/<category>.xml`, `/feed/by_tag/<tag>.xml`. Served as Atom. */
export function jekyllFeedPath(kind: FeedKind, name: string): string {
  const segment = escapePathSegment(name.toLowerCase());
  return kind === "main" ? "/feed.xml" : kind === "category" ? `/feed/${segment}.xml` : `/feed/by_tag/${segment}.xml`;
}

/** The Atom id of a feed: its jekyll-feed URL on the site's origin, so moving over changes no id. */
export function feedAtomId(kind: FeedKind, name: string): string {
  return `${site.url}${jekyllFeedPath(kind, name)}`;
}

/** How a feed is named to readers: `东财滚动新闻 (emnews)` for a labelled category, else its name. */
export function feedName(name: string, label?: string): string {
  return label && label !== name ? `${label} (${name})` : name;
}

export function feedTitle(kind: FeedKind, name: string, label?: string): string {
  return kind === "main" ? site.title : `${feedName(name, label)} · ${site.title}`;
}

export function feedDescription(kind: FeedKind, name: string, label?: string): string {
  if (kind === "main") return site.description;
  return kind === "category" ? `分类「${feedName(name, label)}」的文章` : `标签「${name}」的文章`;
}
