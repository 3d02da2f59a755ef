import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { IANAZone } from "luxon";
import { markdownWarnings } from "../article/converter.js";
import type { Problem } from "../problem.js";
import { readSiteData, type SiteData } from "./data.js";
import { deepMerge, readDefaults, type FrontMatterDefault } from "./defaults.js";
import { PERMALINK_STYLES, permalinkTemplate, unknownPlaceholders } from "./permalink.js";
import { isMapping, loadSiteYaml } from "./site-yaml.js";

/** Something wrong with the site's settings or data: the site is still published, with what was done about it. */
export type SiteProblem = Problem;

/** The site's author, as jekyll-feed writes it in `<author>`. */
export interface FeedAuthor {
  name: string;
  email?: string;
  uri?: string;
}

/** jekyll-feed 0.17's settings (`feed:`), as it reads them. */
export interface FeedConfig {
  /** Where the posts' feed is: `feed.path`, or `collections.posts.path` under `feed:`; `/feed.xml` by default. Below the baseurl. */
  path: string;
  /**
   * `feed.posts_limit` (jekyll-feed: entries in its feed, 10 by default). Read and checked, not
   * followed: the publisher's feeds are paged (`feed_publisher.items_per_feed` a page, every post
   * reachable by `next`), so no post falls out of them.
   */
  postsLimit: number;
  /** `feed.excerpt_only`: entries without `<content>` (a post's own `feed.excerpt_only` decides for it). */
  excerptOnly: boolean;
  /** `feed.categories`: a feed at `/feed/<category>.xml` for each. */
  categories: string[];
  /**
   * `feed.tags`: false for none; else a feed for each tag at `<path><tag>.xml`, for tags in
   * `only` (all when absent) and not in `except`. jekyll-feed makes none for a tag with a character outside `A-Za-z0-9_`.
   */
  tags: false | { only?: string[]; except: string[]; path: string };
  /** `feed.icon` and `feed.logo`: read, but jekyll-feed 0.17 writes neither. */
  icon?: string;
  logo?: string;
  /** `feed.disable_in_development`: jekyll-feed makes no feed when JEKYLL_ENV is development (a bare `jekyll build`). Read, not followed: a publish is never a development build. */
  disableInDevelopment: boolean;
  /** `feed.collections` other than posts, by name: not published (only posts are). */
  otherCollections: string[];
}

/** The publisher's own settings, `feed_publisher:` in `_config.yml`. */
export interface PublisherConfig {
  /** Items in each feed page and on the home page; also the largest `?limit=`. Default 50. */
  itemsPerFeed: number;
  /** Hosts whose `http://` links are rewritten to `https://` (they serve https). */
  httpsHosts: string[];
  /** WebSub hub advertised as `rel="hub"` in every feed; "" for none. */
  websubHub: string;
  /**
   * Folders, from the root, whose dated Markdown and HTML files are posts too, each read as the
   * post of the same name in `_posts/` (an old copy of the archive: the same post twice is one).
   */
  archives: string[];
  /** How many of each feed's newest items a `?q=` filter searches (`filter_window`). */
  filterWindow: number;
  /**
   * `archive_lines`: the archive's own lines leave the body: a leading `> digest` blockquote (the
   * summary), a trailing `<http://…>` line (the original article), `返回…` footers and `<>` lines.
   * Off by default: Jekyll keeps them in the body like any other text.
   */
  archiveLines: boolean;
}

/** The newest items of each feed a `?q=` filter searches by default, and at most (see docs/http.md and docs/performance.md: what a filtered request costs). */
export const FILTER_WINDOW = 1_000;
export const MAX_FILTER_WINDOW = 2_000;

/** The site's settings from `_config.yml` with Jekyll 4.3's defaults, checked key by key. */
export interface SiteConfig {
  /** `title`, or else `name` (jekyll-feed's `site.title | default: site.name`); "" for neither. */
  title: string;
  description: string;
  /** `url` as written ("" when unset: Jekyll's absolute URLs are then root-relative). Kept as written, a trailing `/` too, because Atom ids are built on it. */
  url: string;
  /** `baseurl` as Jekyll puts it in front of paths: "" or `/blog`. Post URLs never hold it; links and ids do. */
  baseurl: string;
  /** `lang` ("" when unset): the feed's `xml:lang`. */
  lang: string;
  /** `timezone`: the IANA zone for dates without an offset and every date part of a permalink. UTC when unset (see readSiteConfig). */
  timeZone: string;
  /** `author`: a name, or `{name, email, uri}`. */
  author?: FeedAuthor;
  /** `permalink` as written (`date` by default). */
  permalinkStyle: string;
  /** The posts' URL template: `collections.posts.permalink`, else the style's template. */
  permalink: string;
  /** `future`: publish posts dated after the build. */
  future: boolean;
  /** `show_drafts`: read `_drafts/` too. */
  showDrafts: boolean;
  /** `unpublished`: publish posts with `published: false` too. */
  unpublished: boolean;
  /** `exclude`, with Jekyll's default excludes (`.sass-cache`, `node_modules`, `vendor/bundle/`, …) added. */
  exclude: string[];
  /** `include` (`[".htaccess"]` by default; a list of its own replaces it). */
  include: string[];
  /** `excerpt_separator` ("\n\n" by default; "" for no excerpts). */
  excerptSeparator: string;
  /** `defaults`, checked (see defaults.ts). */
  defaults: FrontMatterDefault[];
  /** `markdown`: the converter's name, `kramdown` by default. */
  markdown: string;
  /** `kramdown`: Jekyll's kramdown options merged with the site's, and what its converter adds (`syntax_highlighter`, `syntax_highlighter_opts`, `coderay`), as kramdown gets them. */
  kramdown: Record<string, unknown>;
  /** `markdown_ext`: the extensions of Markdown files, lowercase, no dots. */
  markdownExtensions: string[];
  /** `plugins`: gem names (jekyll-feed, …); none of their code runs here. */
  plugins: string[];
  /** `collections_dir`: where `_posts` folders are looked for ("" for the root). */
  collectionsDir: string;
  /** `destination`, from the root: Jekyll's output, never read. */
  destination: string;
  /** `data_dir`, from the root (`_data`). */
  dataDir: string;
  feed: FeedConfig;
  publisher: PublisherConfig;
  /** `site.data`: the data folder's files (see data.ts). `data.authors` names post authors for jekyll-feed. */
  data: SiteData;
  /** The whole configuration as Jekyll holds it (its defaults, then the file, bad values replaced), for `site.*` in Liquid. */
  raw: Record<string, unknown>;
}

// Jekyll 4.3's Configuration::DEFAULTS, less the machine's paths and the server's settings.
const JEKYLL_DEFAULTS: Record<string, unknown> = {
  destination: "_site",
  collections_dir: "",
  cache_dir: ".jekyll-cache",
  plugins_dir: "_plugins",
  layouts_dir: "_layouts",
  data_dir: "_data",
  includes_dir: "_includes",
  collections: {},
  safe: false,
  include: [".htaccess"],
  exclude: [],
  keep_files: [".git", ".svn"],
  encoding: "utf-8",
  markdown_ext: "markdown,mkdown,mkdn,mkd,md",
  strict_front_matter: false,
  show_drafts: null,
  limit_posts: 0,
  future: false,
  unpublished: false,
  whitelist: [],
  plugins: [],
  markdown: "kramdown",
  highlighter: "rouge",
  lsi: false,
  excerpt_separator: "\n\n",
  incremental: false,
  baseurl: null,
  show_dir_listing: false,
  permalink: "date",
  paginate_path: "/page:num",
  timezone: null,
  quiet: false,
  verbose: false,
  defaults: [],
  liquid: { error_mode: "warn", strict_filters: false, strict_variables: false },
  kramdown: {
    auto_ids: true,
    toc_levels: [1, 2, 3, 4, 5, 6],
    entity_output: "as_char",
    smart_quotes: "lsquo,rsquo,ldquo,rdquo",
    input: "GFM",
    hard_wrap: false,
    guess_lang: true,
    footnote_nr: 1,
    show_warnings: false,
  },
};

/** Jekyll adds these to every `exclude`. */
export const DEFAULT_EXCLUDES = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"];

const FEED_KEYS = new Set(["path", "posts_limit", "excerpt_only", "categories", "tags", "icon", "logo", "disable_in_development", "collections"]);
const PUBLISHER_KEYS = new Set(["items_per_feed", "https_hosts", "websub_hub", "archives", "filter_window", "archive_lines"]);

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** The line (1-based) of a key in the YAML text: a top-level key, then each nested one below it. Undefined when not found. */
export function keyLine(source: string, path: readonly (string | number)[]): number | undefined {
  const lines = source.split(/\r\n?|\n/);
  let from = 0;
  let line: number | undefined;
  let indent = -1;
  for (const key of path) {
    if (typeof key === "number") continue;
    const pattern = new RegExp(`^(\\s*)(?:- +)?(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\2\\s*:`);
    const at = lines.findIndex((text, index) => {
      if (index < from) return false;
      const m = pattern.exec(text);
      return m !== null && m[1]!.length > indent;
    });
    if (at < 0) return line;
    line = at + 1;
    indent = /^\s*/.exec(lines[at]!)![0].length;
    from = at + 1;
  }
  return line;
}

/** The settings file Jekyll reads (`_config.yml`, else `_config.yaml`), and what is said about the others. */
function findConfigFile(root: string, problems: SiteProblem[]): string | undefined {
  const present = ["_config.yml", "_config.yaml", "_config.toml"].filter((name) => existsSync(join(root, name)));
  const [chosen, ...others] = present;
  for (const other of others) problems.push({ file: other, severity: "warning", message: `not read: Jekyll reads ${chosen} and no other` });
  if (chosen === "_config.toml") {
    throw new Error(`${chosen}: TOML settings are not read (write _config.yml); nothing was published`);
  }
  return chosen;
}

/**
 * The site's settings, as Jekyll 4.3 reads `<root>/_config.yml` (or `_config.yaml`), with its
 * defaults, and `site.data` from the data folder. A settings file that does not parse stops the
 * publish, as it stops Jekyll: published with the defaults, every id would change (a new `url`)
 * and readers would see every post again. A bad value of one key is an error and that key gets
 * its default. `timezone` unset is UTC, with a warning:
 * Jekyll takes the building machine's zone, so its URLs change with the machine (GitHub Pages
 * builds in UTC).
 */
export function readSiteConfig(root: string): { config: SiteConfig; problems: SiteProblem[] } {
  const problems: SiteProblem[] = [];
  const file = findConfigFile(root, problems);
  let source = "";
  let user: Record<string, unknown> = {};
  if (file) {
    source = readFileSync(join(root, file), "utf8");
    const loaded = loadSiteYaml(source);
    if ("error" in loaded) {
      throw new Error(`${file}${loaded.line ? `:${loaded.line}` : ""}: does not parse as YAML (${loaded.error}); nothing was published`);
    } else if (isMapping(loaded.value)) {
      user = loaded.value;
    } else if (loaded.value !== null && loaded.value !== undefined) {
      problems.push({ file, line: 1, severity: "error", message: "is not a mapping of settings: the site is published with Jekyll's defaults, as Jekyll does" });
    }
  }
  const r = new SettingsReader(user, source, file ?? "_config.yml", problems);
  const { raw } = r;
  const { permalinkStyle, permalink } = readPermalinks(r);
  const collectionsDir = r.folder("collections_dir", "");
  const destination = r.folder("destination", "_site");
  const dataDir = r.folder("data_dir", "_data");
  raw.destination = destination;
  const exclude = [...new Set([...r.list("exclude", [], " of paths (Jekyll stops the build on anything else)"), ...DEFAULT_EXCLUDES])];
  raw.exclude = exclude;
  const include = r.list("include", [".htaccess"], " of paths (Jekyll stops the build on anything else)");
  raw.include = include;
  const plugins = r.list("plugins", [], " of gem names (Jekyll stops the build on anything else)");
  raw.plugins = plugins;

  const config: SiteConfig = {
    title: r.text("title") || r.text("name"),
    description: r.text("description"),
    url: readUrl(r),
    baseurl: readBaseurl(r),
    lang: readLang(r),
    timeZone: readTimeZone(r),
    ...readAuthorSetting(r),
    permalinkStyle,
    permalink,
    future: r.flag("future"),
    showDrafts: r.flag("show_drafts"),
    unpublished: r.flag("unpublished"),
    exclude,
    include,
    excerptSeparator: r.text("excerpt_separator", "\n\n"),
    defaults: readDefaults(r.setting("defaults"), (severity, message, index) => r.report(severity, message, index === undefined ? ["defaults"] : ["defaults", index])),
    ...readMarkdownSettings(r),
    plugins,
    collectionsDir,
    destination,
    dataDir,
    feed: readFeed(r.setting("feed"), (severity, message, path) => r.report(severity, message, ["feed", ...path])),
    publisher: readPublisher(r.setting("feed_publisher"), (severity, message, path) => r.report(severity, message, ["feed_publisher", ...path])),
    data: readSiteData(root, dataDir, problems),
    raw,
  };
  raw.data = config.data;
  return { config, problems };
}

/**
 * The settings as written, and how each is read: a value of the wrong kind is reported on its
 * line and gets its default, in the settings and in `raw` (`site.*` for Liquid) alike.
 */
class SettingsReader {
  /** Jekyll's defaults with the site's settings merged in, as Liquid's `site` shows them. */
  readonly raw: Record<string, unknown>;

  constructor(
    private readonly user: Record<string, unknown>,
    private readonly source: string,
    private readonly fileName: string,
    private readonly problems: SiteProblem[],
  ) {
    this.raw = deepMerge(JEKYLL_DEFAULTS, user);
  }

  report(severity: "error" | "warning", message: string, path: readonly (string | number)[]): void {
    this.problems.push({ file: this.fileName, line: keyLine(this.source, path), severity, message });
  }

  /** A key's value as written, null as unset. */
  setting(key: string): unknown {
    return this.user[key] === null ? undefined : this.user[key];
  }

  /** A key's value, or its default after an error that says why. */
  take<T>(key: string, fallback: T, read: (value: unknown) => T | string): T {
    const value = this.setting(key);
    if (value === undefined) return fallback;
    const result = read(value);
    if (typeof result === "string" && typeof fallback !== "string") {
      this.report("error", `${key}: ${result}; ${show(fallback)} used instead`, [key]);
      this.raw[key] = JEKYLL_DEFAULTS[key] ?? fallback;
      return fallback;
    }
    return result as T;
  }

  text(key: string, fallback = ""): string {
    const value = this.setting(key);
    if (value === undefined) return fallback;
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    this.report("error", `${key} should be text, not ${show(value)}; ${show(fallback)} used instead`, [key]);
    this.raw[key] = JEKYLL_DEFAULTS[key] ?? null;
    return fallback;
  }

  flag(key: string): boolean {
    return this.take<boolean>(key, false, (value) => (typeof value === "boolean" ? value : `should be true or false, not ${show(value)}`));
  }

  list(key: string, fallback: string[], why: string): string[] {
    return this.take<string[]>(key, fallback, (value) =>
      Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number") ? value.map(String) : `should be a list${why}, not ${show(value)}`,
    );
  }

  /** A folder inside the site, without `./` or a trailing slash. */
  folder(key: string, fallback: string): string {
    const value = this.text(key, fallback);
    if (value.startsWith("/") || value.split("/").includes("..")) {
      this.report("error", `${key} should be a folder inside the site, not ${show(value)}; ${show(fallback)} used instead`, [key]);
      this.raw[key] = fallback;
      return fallback;
    }
    return value.replace(/^\.\/|\/+$/g, "");
  }
}

function readUrl(r: SettingsReader): string {
  const url = r.text("url");
  if (url === "") return url;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    r.report("error", `url should be the site's origin, such as https://example.com, not ${show(url)}; links and Atom ids are written without a host instead`, ["url"]);
    r.raw.url = null;
    return "";
  }
  if (url.endsWith("/")) {
    r.report("warning", `url ends with "/": Jekyll then writes "//" after the host in every absolute link and Atom id, and so does the publisher, to keep the ids (remove the "/" only if the feed's ids may change)`, ["url"]);
  }
  return url;
}

/** The path the site is served under: `/blog`, or "" at the root. */
function readBaseurl(r: SettingsReader): string {
  let baseurl = r.text("baseurl");
  if (/^[a-z][a-z0-9+.-]*:/i.test(baseurl)) {
    r.report("error", `baseurl is the path the site is served under (such as /blog), not ${show(baseurl)}; "" used instead (the host goes in url)`, ["baseurl"]);
    r.raw.baseurl = null;
    return "";
  }
  baseurl = baseurl.replace(/\/$/, "");
  return baseurl !== "" && !baseurl.startsWith("/") ? `/${baseurl}` : baseurl;
}

function readLang(r: SettingsReader): string {
  const lang = r.text("lang");
  if (lang !== "") {
    try {
      Intl.getCanonicalLocales(lang);
    } catch {
      r.report("warning", `lang ${show(lang)} is not a BCP 47 language tag (such as zh-CN): written as it is, as jekyll-feed writes it`, ["lang"]);
    }
  }
  return lang;
}

function readTimeZone(r: SettingsReader): string {
  const timeZone = r.text("timezone");
  if (timeZone === "") {
    r.report("warning", "timezone is not set: Jekyll would take the zone of the machine that builds (UTC on GitHub Pages); UTC is used, for dates without an offset and the dates in permalinks. Set timezone: to the zone the posts are written in", []);
    return "UTC";
  }
  if (!IANAZone.isValidZone(timeZone)) {
    r.report("error", `timezone ${show(timeZone)} is not an IANA zone (such as Asia/Shanghai); UTC is used, as on a machine that does not know the zone`, ["timezone"]);
    r.raw.timezone = null;
    return "UTC";
  }
  return timeZone;
}

function readAuthorSetting(r: SettingsReader): { author?: FeedAuthor } {
  const author = readAuthor(r.setting("author"), (message) => {
    r.report("error", message, ["author"]);
    r.raw.author = null;
  });
  return author ? { author } : {};
}

/** `permalink:` (a style or a template), which `collections.posts.permalink` overrides, as in Jekyll; other collections are said to be left out. */
function readPermalinks(r: SettingsReader): { permalinkStyle: string; permalink: string } {
  const checkTemplate = (template: string, path: string[]): string | undefined => {
    const unknown = unknownPlaceholders(template);
    if (unknown.length > 0) {
      r.report("error", `${path.join(".")} ${show(template)} has ${unknown.join(", ")}, which Jekyll does not know for posts (it stops the build); Jekyll's default, date, used instead`, path);
      return undefined;
    }
    if (!/:(?:title|slug|name|path)/.test(template)) {
      r.report("warning", `${path.join(".")} ${show(template)} has none of :title, :slug, :name or :path, so posts of the same date share a URL`, path);
    }
    return template;
  };
  let permalinkStyle = r.text("permalink", "date") || "date";
  if (Object.hasOwn(PERMALINK_STYLES, permalinkStyle) === false && checkTemplate(permalinkStyle, ["permalink"]) === undefined) {
    permalinkStyle = "date";
    r.raw.permalink = "date";
  }
  let permalink = permalinkTemplate(permalinkStyle);

  const collections = r.setting("collections");
  let collectionsList: string[] = [];
  if (Array.isArray(collections)) collectionsList = collections.map(String);
  else if (isMapping(collections)) {
    collectionsList = Object.keys(collections);
    const posts = collections.posts;
    if (isMapping(posts) && posts.permalink !== undefined && posts.permalink !== null) {
      if (typeof posts.permalink === "string" && checkTemplate(posts.permalink, ["collections", "posts", "permalink"]) !== undefined) {
        permalink = permalinkTemplate(posts.permalink);
      } else if (typeof posts.permalink !== "string") {
        r.report("error", `collections.posts.permalink should be text, not ${show(posts.permalink)}: permalink used instead`, ["collections", "posts", "permalink"]);
      }
    }
  } else if (collections !== undefined) {
    r.report("error", `collections should be a mapping or a list of names, not ${show(collections)}: ignored`, ["collections"]);
  }
  const ignoredCollections = collectionsList.filter((name) => name !== "posts");
  if (ignoredCollections.length > 0) {
    r.report("warning", `collections ${ignoredCollections.join(", ")} are not published: only posts are`, ["collections"]);
  }
  const { raw } = r;
  raw.collections = deepMerge({ posts: { output: true, permalink } }, isMapping(raw.collections) ? raw.collections : {});
  (raw.collections as Record<string, Record<string, unknown>>).posts!.output = true;
  return { permalinkStyle, permalink };
}

/** `markdown:`, `kramdown:` as Jekyll's converter hands them over, and `markdown_ext`. */
function readMarkdownSettings(r: SettingsReader): Pick<SiteConfig, "markdown" | "kramdown" | "markdownExtensions"> {
  const markdown = r.text("markdown", "kramdown") || "kramdown";
  for (const { message, key } of markdownWarnings({ markdown, commonmark: r.setting("commonmark") })) r.report("warning", message, key);
  const kramdown = r.take<Record<string, unknown>>("kramdown", { ...(JEKYLL_DEFAULTS.kramdown as Record<string, unknown>) }, (value) =>
    isMapping(value) ? deepMerge(JEKYLL_DEFAULTS.kramdown as Record<string, unknown>, value) : `should be a mapping of kramdown options, not ${show(value)}`,
  );
  // what Jekyll's kramdown converter adds before it hands the options over
  const { raw } = r;
  const highlighter = typeof raw.highlighter === "string" ? raw.highlighter : "rouge";
  const highlighterOptions = isMapping(kramdown.syntax_highlighter_opts) ? kramdown.syntax_highlighter_opts : {};
  kramdown.syntax_highlighter ??= highlighter;
  kramdown.syntax_highlighter_opts = { default_lang: "plaintext", ...highlighterOptions, guess_lang: kramdown.guess_lang };
  kramdown.coderay ??= {};
  raw.kramdown = kramdown;
  const markdownExtensions = r
    .text("markdown_ext", JEKYLL_DEFAULTS.markdown_ext as string)
    .split(",")
    .map((ext) => ext.trim().replace(/^\./, "").toLowerCase())
    .filter(Boolean);
  return { markdown, kramdown, markdownExtensions };
}

function readAuthor(value: unknown, error: (message: string) => void): FeedAuthor | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string" || typeof value === "number") return { name: String(value) };
  if (isMapping(value) && typeof value.name === "string" && value.name !== "") {
    const optional = (key: "email" | "uri") => (typeof value[key] === "string" && value[key] !== "" ? { [key]: value[key] as string } : {});
    return { name: value.name, ...optional("email"), ...optional("uri") };
  }
  error(`author should be a name or {name, email, uri} with a name, not ${show(value)}: the feeds have no site author`);
  return undefined;
}

type Report = (severity: "error" | "warning", message: string, path: (string | number)[]) => void;

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number") ? value.map(String) : undefined;

/** jekyll-feed 0.17's `feed:` settings, read as its generator and template read them. */
export function readFeed(value: unknown, report: Report): FeedConfig {
  const feed: FeedConfig = { path: "/feed.xml", postsLimit: 10, excerptOnly: false, categories: [], tags: false, disableInDevelopment: false, otherCollections: [] };
  if (value === undefined || value === null) return feed;
  if (!isMapping(value)) {
    report("error", `feed should be a mapping of jekyll-feed settings, not ${show(value)}: jekyll-feed's defaults used`, []);
    return feed;
  }
  for (const key of Object.keys(value)) if (!FEED_KEYS.has(key)) report("warning", `feed.${key} is not a jekyll-feed 0.17 setting: ignored`, [key]);
  const bad = (key: string, what: string, fallback: unknown) => report("error", `feed.${key} should be ${what}, not ${show(value[key])}; ${show(fallback)} used instead`, [key]);

  // jekyll-feed reads feed.collections.posts.{path,categories} before feed.path and feed.categories
  const collections = value.collections;
  let posts: Record<string, unknown> = {};
  if (Array.isArray(collections)) feed.otherCollections = collections.map(String).filter((name) => name !== "posts");
  else if (isMapping(collections)) {
    feed.otherCollections = Object.keys(collections).filter((name) => name !== "posts");
    if (isMapping(collections.posts)) posts = collections.posts;
  } else if (collections !== undefined && collections !== null) bad("collections", "a list or mapping of collections", {});
  if (feed.otherCollections.length > 0) report("warning", `feed.collections ${feed.otherCollections.join(", ")}: no feed is made for them, only posts are published`, ["collections"]);

  const path = posts.path ?? value.path;
  if (typeof path === "string" && path !== "") feed.path = path.startsWith("/") ? path : `/${path}`;
  else if (path !== undefined && path !== null) bad("path", "a path such as /atom.xml", feed.path);

  const limit = value.posts_limit;
  if (limit !== undefined && limit !== null) {
    const n = typeof limit === "string" && /^\s*\d+\s*$/.test(limit) ? Number(limit) : limit;
    if (typeof n === "number" && Number.isInteger(n) && n >= 0) {
      feed.postsLimit = n;
      if (n === 0) report("warning", "feed.posts_limit is 0: jekyll-feed's feed would have no entries; the publisher's feeds are paged by feed_publisher.items_per_feed and list every post", ["posts_limit"]);
    } else bad("posts_limit", "a whole number of entries", feed.postsLimit);
  }

  for (const [key, field] of [["excerpt_only", "excerptOnly"], ["disable_in_development", "disableInDevelopment"]] as const) {
    const flag = value[key];
    if (typeof flag === "boolean") feed[field] = flag;
    else if (flag !== undefined && flag !== null) bad(key, "true or false", false);
  }

  const categories = posts.categories ?? value.categories;
  if (categories !== undefined && categories !== null) {
    const names = stringList(categories);
    if (names) feed.categories = names;
    else if (typeof categories === "string") {
      feed.categories = [categories];
      report("warning", `feed.categories should be a list (jekyll-feed stops the build on text): read as [${categories}]`, ["categories"]);
    } else bad("categories", "a list of category names", []);
  }

  const tags = value.tags;
  if (tags === true) feed.tags = { except: [], path: "/feed/by_tag/" };
  else if (isMapping(tags)) {
    const only = tags.only === undefined || tags.only === null ? undefined : stringList(tags.only);
    const except = tags.except === undefined || tags.except === null ? [] : stringList(tags.except);
    if (tags.only !== undefined && tags.only !== null && !only) report("error", "feed.tags.only should be a list of tags: all tags used", ["tags", "only"]);
    if (!except) report("error", "feed.tags.except should be a list of tags: none left out", ["tags", "except"]);
    const tagPath = typeof tags.path === "string" && tags.path !== "" ? tags.path : "/feed/by_tag/";
    feed.tags = { ...(only && { only }), except: except ?? [], path: tagPath.startsWith("/") ? tagPath : `/${tagPath}` };
  } else if (tags !== undefined && tags !== null && tags !== false) bad("tags", "true or a mapping of only, except and path", false);

  for (const key of ["icon", "logo"] as const) {
    const image = value[key];
    if (typeof image === "string" && image !== "") feed[key] = image;
    else if (image !== undefined && image !== null) bad(key, "a path or URL of an image", null);
  }
  return feed;
}

/** The publisher's own `feed_publisher:` settings. */
export function readPublisher(value: unknown, report: Report): PublisherConfig {
  const publisher: PublisherConfig = { itemsPerFeed: 50, httpsHosts: [], websubHub: "", archives: [], filterWindow: FILTER_WINDOW, archiveLines: false };
  if (value === undefined || value === null) return publisher;
  if (!isMapping(value)) {
    report("error", `feed_publisher should be a mapping of items_per_feed, https_hosts, websub_hub, archives, filter_window and archive_lines, not ${show(value)}: defaults used`, []);
    return publisher;
  }
  for (const key of Object.keys(value)) if (!PUBLISHER_KEYS.has(key)) report("warning", `feed_publisher.${key} is not a setting of the publisher: ignored (it has items_per_feed, https_hosts, websub_hub, archives, filter_window and archive_lines)`, [key]);
  const bad = (key: string, what: string, fallback: unknown) => report("error", `feed_publisher.${key} should be ${what}, not ${show(value[key])}; ${show(fallback)} used instead`, [key]);

  const items = value.items_per_feed;
  if (typeof items === "number" && Number.isInteger(items) && items >= 1 && items <= 1000) publisher.itemsPerFeed = items;
  else if (items !== undefined && items !== null) bad("items_per_feed", "a whole number from 1 to 1000", publisher.itemsPerFeed);

  const window = value.filter_window;
  if (typeof window === "number" && Number.isInteger(window) && window >= 1 && window <= MAX_FILTER_WINDOW) publisher.filterWindow = window;
  else if (window !== undefined && window !== null) bad("filter_window", `a whole number of items from 1 to ${MAX_FILTER_WINDOW}`, publisher.filterWindow);

  const hosts = value.https_hosts;
  if (hosts !== undefined && hosts !== null) {
    const names = stringList(hosts);
    const valid = names?.map((h) => h.trim().toLowerCase()).filter((h) => /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(h));
    if (!names || !valid) bad("https_hosts", "a list of host names such as example.com", []);
    else {
      if (valid.length < names.length) report("error", `feed_publisher.https_hosts: ${names.filter((h) => !valid.includes(h.trim().toLowerCase())).map(show).join(", ")} are not host names: left out`, ["https_hosts"]);
      publisher.httpsHosts = [...new Set(valid)];
    }
  }

  const hub = value.websub_hub;
  if (typeof hub === "string") {
    let ok = hub === "";
    try {
      ok ||= /^https?:$/.test(new URL(hub).protocol);
    } catch {
      ok = false;
    }
    if (ok) publisher.websubHub = hub;
    else bad("websub_hub", "the http(s) URL of a WebSub hub, or empty", "");
  } else if (hub !== undefined && hub !== null) bad("websub_hub", "the http(s) URL of a WebSub hub, or empty", "");

  const lines = value.archive_lines;
  if (typeof lines === "boolean") publisher.archiveLines = lines;
  else if (lines !== undefined && lines !== null) bad("archive_lines", "true or false", false);

  const archives = value.archives;
  if (archives !== undefined && archives !== null) {
    const folders = stringList(archives);
    if (!folders) bad("archives", "a list of folders", []);
    else {
      for (const folder of folders) {
        const clean = folder.replace(/^\.\/|\/+$/g, "");
        if (clean === "" || clean.startsWith("/") || clean.split("/").includes("..")) {
          report("error", `feed_publisher.archives: ${show(folder)} is not a folder inside the site: left out`, ["archives"]);
        } else publisher.archives.push(clean);
      }
    }
  }
  return publisher;
}
