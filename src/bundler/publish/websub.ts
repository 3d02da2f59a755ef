import { compareText } from "../../compare.js";
import type { FeedInfo } from "../../post.js";
import { feedFiles, feedPath, jekyllFeedPath } from "../../paths.js";
import type { Site } from "../../site.js";

/** Pings a publish sends at most: the feeds a first publish or a compaction touches are thousands. */
export const MAX_PINGS = 100;
const TIMEOUT_MS = 10_000;
const AT_ONCE = 4;

export interface WebSubReport {
  hub: string;
  /** Feed URLs the hub was told of, and answered 2xx for. */
  sent: number;
  /** Those it could not be told of, with why; the publish stands all the same. */
  failed: { url: string; error: string }[];
  /** Changed feed URLs past MAX_PINGS, not sent. */
  skipped: number;
}

/** Feeds whose FeedInfo (count, newest date, name) differs between two versions: the site's own first, then the newest. */
export function changedFeeds(before: ReadonlyMap<string, FeedInfo>, after: ReadonlyMap<string, FeedInfo>): FeedInfo[] {
  const changed = [...after.values()].filter((info) => JSON.stringify(before.get(info.id)) !== JSON.stringify(info));
  const first = (info: FeedInfo) => (info.kind === "main" ? 0 : 1);
  return changed.sort((a, b) => first(a) - first(b) || compareText(b.updated, a.updated) || compareText(a.id, b.id));
}

/** Every URL a reader may have subscribed to a feed at (its three formats and jekyll-feed's path), on the site's origin. */
export function feedUrls(info: FeedInfo, site: Pick<Site, "url" | "baseurl" | "feed">): string[] {
  return [...feedFiles.map((f) => feedPath(info.kind, info.name, f.file)), jekyllFeedPath(site.feed, info.kind, info.name)].map((path) => site.url + site.baseurl + path);
}

/**
 * Tells the hub that each of `urls` has new content (WebSub §7: `hub.mode=publish`, `hub.url`),
 * one request per URL, a few at a time, each given up after 10 s. Never throws: what fails is reported.
 */
export async function notifyHub(hub: string, urls: readonly string[], fetchImpl: typeof fetch = fetch): Promise<WebSubReport> {
  const sending = urls.slice(0, MAX_PINGS);
  const failed: WebSubReport["failed"] = [];
  let next = 0;
  const worker = async () => {
    while (next < sending.length) {
      const url = sending[next++]!;
      try {
        const res = await fetchImpl(hub, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ "hub.mode": "publish", "hub.url": url }).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.body?.cancel();
        if (!res.ok) failed.push({ url, error: `${res.status} ${res.statusText}`.trim() });
      } catch (error) {
        failed.push({ url, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, sending.length) }, worker));
  return { hub, sent: sending.length - failed.length, failed, skipped: urls.length - sending.length };
}
