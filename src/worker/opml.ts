import { escapeXml } from "../escape.js";
import type { StreamTable } from "../kv/manifest.js";
import type { FeedInfo } from "../post.js";
import { site } from "../site.js";
import { feedPagePath, feedPath } from "../paths.js";
import { feedTitle } from "./feed-routes.js";

/**
 * OPML 2.0: one subscription per stream (Atom), in three outlines: the site, its categories, its
 * tags. A feed that repeats another whole (a tag that is its category's, `streams.same`) is left
 * out: a reader importing both would show each story twice, and one that files an id under one
 * feed would leave the other empty. Written by hand: a dozen lines of one fixed shape, escaped by
 * the same function as the feeds.
 */
export function renderOpml(directory: readonly FeedInfo[], streams: StreamTable, origin: string, updated: string): string {
  const outline = (info: Pick<FeedInfo, "kind" | "name" | "label">) => {
    const title = escapeXml(feedTitle(info.kind, info.name, info.label));
    return `      <outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(origin + feedPath(info.kind, info.name, "atom.xml"))}" htmlUrl="${escapeXml(origin + feedPagePath(info.kind, info.name))}"/>`;
  };
  const group = (text: string, feeds: readonly Pick<FeedInfo, "kind" | "name" | "label">[]) =>
    feeds.length ? `    <outline text="${text}">\n${feeds.map(outline).join("\n")}\n    </outline>\n` : "";
  const distinct = directory.filter((info) => !Object.hasOwn(streams.same, info.id));
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(site.title)}</title>
    <dateModified>${new Date(updated).toUTCString()}</dateModified>
    <ownerName>${escapeXml(site.author)}</ownerName>
  </head>
  <body>
${group("全站 Site", [{ kind: "main", name: "" }])}${group("分类 Categories", distinct.filter((info) => info.kind === "category"))}${group("标签 Tags", distinct.filter((info) => info.kind === "tag"))}  </body>
</opml>
`;
}
