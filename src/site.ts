/** Site settings: the one place to change them (see `site` below for what each means). */
export interface Site {
  title: string;
  description: string;
  url: string;
  language: string;
  timeZone: string;
  author: string;
  itemsPerFeed: number;
  httpsHosts: readonly string[];
  websubHub: string;
}

/**
 * The bundler uses these to build permalinks and absolute URLs; the Worker uses them for feed
 * channels and pages.
 */
export const site: Site = {
  title: "财经新闻存档 Finews",
  description: "东方财富滚动新闻与各媒体来源的财经新闻存档",
  /** Canonical origin: ids and absolute URLs in content are built on it, so it must not change. */
  url: "https://finews.withounder.com",
  language: "zh-CN",
  /** IANA zone for dates written without an offset, and for the date parts of permalinks. */
  timeZone: "Asia/Shanghai",
  author: "Finews",
  /** Items in each feed page and on the home page; also the largest `?limit=`. */
  itemsPerFeed: 50,
  /** Hosts whose `http://` links are rewritten to `https://` (they serve https). */
  httpsHosts: ["eastmoney.com"],
  /** WebSub hub to advertise as `rel="hub"` in every feed; empty for none. */
  websubHub: "",
};
