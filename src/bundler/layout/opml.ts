import { by } from "../../compare.js";
import { LAYOUT_FORMAT, type StreamTable } from "../../kv/manifest.js";
import { encodeOpmlPack } from "../../kv/opml-pack.js";
import { renderOpml } from "../../opml.js";
import type { FeedInfo } from "../../post.js";
import type { Site } from "../../site.js";
import { contentHash } from "./record-hashes.js";
import type { PlannedPack } from "./sealed.js";

const byId = by((info: FeedInfo) => info.id);

/**
 * `/opml.xml`, rendered by the publish: the Worker only puts the request's origin in. Named by its
 * text, so it is written only when the list of streams or a title changes, not on every post.
 * Rendered at the edge from every feed's FeedInfo it took 18–21 ms of CPU after each publish at
 * 1,833 categories, twice the Free plan's 10 ms.
 */
export function opmlPack(site: Site, infos: Iterable<FeedInfo>, streams: StreamTable): PlannedPack {
  const text = renderOpml(site, [...infos].filter((info) => info.kind !== "main").sort(byId), streams.same);
  const hash = contentHash([`${LAYOUT_FORMAT} opml`, text]);
  return { hash, encode: () => encodeOpmlPack(hash, text) };
}
