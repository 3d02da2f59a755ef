/**
 * A site's settings as both halves use them. The publish reads them from the site's own
 * `_config.yml` (src/bundler/site/config.ts) and sends them to the edge in the manifest's `site`
 * section, so one built Worker serves whatever site was published into its KV. Only the defaults
 * live here.
 */

/** An author as jekyll-feed writes one: a name, and an e-mail address and a home page when known. */
export interface Author {
  name: string;
  email?: string;
  uri?: string;
}

/** jekyll-feed's feeds of a site (`feed:` in `_config.yml`), where they are served as Atom. */
export interface FeedSettings {
  /** The site's feed: `/feed.xml` by default. Below the baseurl. */
  path: string;
  /** Categories that have a feed at `/feed/<category>.xml` (jekyll-feed makes one only for these). */
  categories: readonly string[];
  /** Tags that have a feed at `<path><tag>.xml`: false for none, else those in `only` (all without it) and not in `except`. */
  tags: false | { only?: readonly string[]; except: readonly string[]; path: string };
  /** Entries carry their summary, not their content (`feed.excerpt_only`). */
  excerptOnly: boolean;
  /** `feed.icon` and `feed.logo`: Atom's `<icon>` and `<logo>`, JSON Feed's `favicon` and `icon` (made absolute on the site where written from its root). */
  icon?: string;
  logo?: string;
}

export interface Site {
  /** `title` (or `name`): feed titles, pages. */
  title: string;
  /** `description`: the site feed's subtitle and the home page's; the title when there is none. */
  description: string;
  /**
   * `url` without a trailing slash: Atom ids, RSS guids and JSON ids are built on it (as jekyll-feed
   * builds them), and absolute URLs in content. Never change it on a live site: readers would see
   * every post again. "" when the site sets none: ids are then the request's origin's.
   */
  url: string;
  /** `baseurl`: "" or `/blog`, the path the site lives under. Feeds, pages and posts are served below it. */
  baseurl: string;
  /** What jekyll-feed writes before a path in an Atom id: `url` and `baseurl` as Jekyll joins them (the baseurl alone without a url: the Worker then puts the request's origin first). */
  idBase: string;
  /** `lang` ("" when unset): RSS `<language>`, Atom `xml:lang`, JSON `language`, `<html lang>`; pages speak Chinese for `zh…`, else English. */
  language: string;
  /** `timezone`: IANA zone for dates written without an offset, and for the date parts of permalinks. */
  timeZone: string;
  /** `author`: the feeds' author, and each post's unless it names its own. */
  author?: Author;
  /** Items per feed page and per listing page; also the largest `?limit=` (`feed_publisher.items_per_feed`). */
  itemsPerFeed: number;
  /** Hosts (and their subdomains) whose `http://` links become `https://` (`feed_publisher.https_hosts`). */
  httpsHosts: readonly string[];
  /** A WebSub hub advertised as `rel="hub"` in every feed, and told of changes; "" for none (`feed_publisher.websub_hub`). */
  websubHub: string;
  /** How many of each feed's newest items a `?q=` filter searches (`feed_publisher.filter_window`). */
  filterWindow: number;
  feed: FeedSettings;
}

/** What a site without a `_config.yml` gets (Jekyll's and jekyll-feed's defaults, and the publisher's). */
export const defaultSite: Site = {
  title: "",
  description: "",
  url: "",
  baseurl: "",
  idBase: "",
  language: "",
  timeZone: "UTC",
  itemsPerFeed: 50,
  httpsHosts: [],
  websubHub: "",
  filterWindow: 1_000,
  feed: { path: "/feed.xml", categories: [], tags: false, excerptOnly: false },
};
