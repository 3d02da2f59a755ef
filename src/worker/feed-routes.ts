import type { FeedFormat } from "./feeds.js";

/** The main feeds, as data: the router, the home page's links and autodiscovery all read this. */
export interface FeedRoute {
  path: string;
  format: FeedFormat;
  label: string;
  /** Served for old subscribers, not advertised. */
  alias?: boolean;
}

export const feedRoutes: readonly FeedRoute[] = [
  { path: "/rss.xml", format: "rss", label: "RSS 2.0" },
  { path: "/atom.xml", format: "atom", label: "Atom 1.0" },
  { path: "/feed.json", format: "json", label: "JSON Feed 1.1" },
  // jekyll-feed's path: existing subscribers keep working.
  { path: "/feed.xml", format: "atom", label: "Atom 1.0", alias: true },
];
