import { escapeXml } from "../escape.js";
import type { FeedInfo } from "../post.js";
import { site } from "../site.js";
import { feedName, feedPagePath, feedPath, feedTitle } from "./feed-routes.js";

/**
 * OPML 2.0: every category and tag feed (Atom), so a reader can subscribe to all of them at once.
 * Written by hand: a dozen lines of one fixed shape, escaped by the same function as the feeds.
 */
export function renderOpml(directory: readonly FeedInfo[], origin: string, updated: string): string {
  const outline = (info: FeedInfo) =>
    `      <outline type="rss" text="${escapeXml(feedName(info.name, info.label))}" title="${escapeXml(feedTitle(info.kind, info.name, info.label))}" xmlUrl="${escapeXml(origin + feedPath(info.kind, info.name, "atom.xml"))}" htmlUrl="${escapeXml(origin + feedPagePath(info.kind, info.name))}"/>`;
  const group = (kind: FeedInfo["kind"], text: string) => {
    const feeds = directory.filter((info) => info.kind === kind);
    return feeds.length ? `    <outline text="${text}">\n${feeds.map(outline).join("\n")}\n    </outline>\n` : "";
  };
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(site.title)}</title>
    <dateModified>${new Date(updated).toUTCString()}</dateModified>
    <ownerName>${escapeXml(site.author)}</ownerName>
  </head>
  <body>
    <outline type="rss" text="${escapeXml(site.title)}" title="${escapeXml(site.title)}" xmlUrl="${escapeXml(`${origin}/atom.xml`)}" htmlUrl="${escapeXml(`${origin}/`)}"/>
${group("category", "分类")}${group("tag", "标签")}  </body>
</opml>
`;
}
