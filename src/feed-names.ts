import { jekyllFeedPath } from "./paths.js";
import type { FeedKind } from "./post.js";
import { site } from "./site.js";

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
