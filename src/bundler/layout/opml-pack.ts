import { by } from "../../compare.js";
import { LAYOUT_FORMAT, type StreamTable } from "../../kv/manifest.js";
import { encodePack } from "../../kv/pack.js";
import { renderOpml } from "../../opml.js";
import type { FeedInfo } from "../../post.js";
import { contentHash } from "./digests.js";
import type { PlannedPack } from "./sealed-layout.js";

const byId = by((info: FeedInfo) => info.id);

/**
 * `/opml.xml`, rendered by the deploy: the Worker only puts the request's origin in. A pack of
 * its own, uncompressed, named by its text: a deploy writes it only when the list of streams or a
 * title changes (a new category or tag, a new label), not on every post. Rendered at the edge,
 * after reading every feed's FeedInfo, it took 18–21 ms of CPU after each deploy at 17,000 posts in
 * 1,833 categories, twice the Free plan's 10 ms; copied with the origin in, 2–3 ms.
 */
export function opmlPack(infos: Iterable<FeedInfo>, streams: StreamTable): PlannedPack {
  const text = renderOpml([...infos].filter((info) => info.kind !== "main").sort(byId), streams.same);
  const hash = contentHash([`${LAYOUT_FORMAT} opml`, text]);
  return { hash, build: () => encodePack(hash, [["opml", new TextEncoder().encode(text)]]) };
}
