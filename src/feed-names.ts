import { jekyllFeedPath } from "./paths.js";
import type { FeedKind } from "./post.js";
import type { Site } from "./site.js";
import { stringsFor } from "./strings.js";

/**
 * The Atom id of a feed: its jekyll-feed URL made absolute as jekyll-feed makes it (`url` and
 * `baseurl` as the site writes them), so moving over changes no id.
 */
export function feedAtomId(site: Pick<Site, "idBase" | "feed">, kind: FeedKind, name: string): string {
  return `${site.idBase}${jekyllFeedPath(site.feed, kind, name)}`;
}

/** How a feed is named to readers: `东财滚动新闻 (emnews)` for a labelled category, else its name. */
export function feedName(name: string, label?: string): string {
  return label && label !== name ? `${label} (${name})` : name;
}

export function feedTitle(site: Pick<Site, "title">, kind: FeedKind, name: string, label?: string): string {
  return kind === "main" ? site.title : `${feedName(name, label)} · ${site.title}`;
}

export function feedDescription(site: Pick<Site, "title" | "description" | "language">, kind: FeedKind, name: string, label?: string): string {
  const strings = stringsFor(site.language);
  if (kind === "main") return site.description || site.title;
  return kind === "category" ? strings.categoryFeedDescription(feedName(name, label)) : strings.tagFeedDescription(name);
}
