import { encodeBytes } from "./absolute-url.js";
import { slugify } from "./slugify.js";
import type { PostTime } from "./post-time.js";
import { siteTime } from "./post-time.js";

/** Jekyll 4.3's permalink styles, as the templates it expands them to (for posts). */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: "/:categories/:year/:month/:day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
  none: "/:categories/:title:output_ext",
};

/** The posts' URL template for a `permalink:` setting: a style's template, or the setting itself. */
export function permalinkTemplate(permalink: string): string {
  return Object.hasOwn(PERMALINK_STYLES, permalink) ? PERMALINK_STYLES[permalink]! : permalink;
}

/** Every placeholder a post's permalink may use in Jekyll 4.3 (its UrlDrop). */
export const POST_PLACEHOLDERS = [
  "collection", "name", "title", "slug", "categories", "slugified_categories", "path", "output_ext",
  "year", "month", "day", "hour", "minute", "second", "i_day", "i_month", "short_month", "long_month",
  "short_year", "w_year", "week", "w_day", "short_day", "long_day", "y_day",
] as const;
export type PostPlaceholder = (typeof POST_PLACEHOLDERS)[number];
const known = new Set<string>(POST_PLACEHOLDERS);

/**
 * Jekyll's reading of a template: `:` and a run of `a-z_`; a run ending in `_` may mean the
 * placeholder without it (`/:month_:day` is `:month`, `_`, `:day`). Each match and the
 * placeholder it names, or undefined where Jekyll stops the build ("doesn't have … keys").
 */
function placeholdersIn(template: string): { match: string; name: PostPlaceholder | undefined; index: number }[] {
  return [...template.matchAll(/:([a-z_]+)/g)].map((m) => {
    const name = m[1]!;
    const pool = name.endsWith("_") ? [name, name.slice(0, -1)] : [name];
    return { match: m[0], name: pool.find((key) => known.has(key)) as PostPlaceholder | undefined, index: m.index };
  });
}

/** Placeholders in a template that Jekyll 4.3 does not know (it stops the build on them). */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template)
    .filter((p) => p.name === undefined)
    .map((p) => p.match);
}


const utf8 = new TextEncoder();
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const ESCAPE_PATH_KEEPS = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

/**
 * Jekyll's `URL.escape_path`, applied to each placeholder's value: left alone when it is only
 * `a-zA-Z0-9./-`, else every character outside RFC 3986's unreserved, sub-delims, `:`, `@`, `/`
 * and `?` percent-encoded as UTF-8 (`#` and `%` too). Addressable keeps `?` (it reads it as the
 * start of a query), so a `?` in a slug stays in Jekyll's URL.
 */
export function escapeUrlPath(value: string): string {
  if (value === "" || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  // Addressable reads `x:` before any `/`, `?` or `#` as a scheme, and fails on one that is not
  const scheme = /^([^/?#]*):/.exec(value)?.[1];
  if (scheme !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) {
    throw new PermalinkError(`${JSON.stringify(value)} reads as a URL with the scheme ${JSON.stringify(scheme)}, which Jekyll's URL escaping refuses`);
  }
  return encodeBytes(utf8.encode(value), ESCAPE_PATH_KEEPS);
}

/** Jekyll's `URL#sanitize_url`: a leading `/`, every `..` made `/`, every `./` dropped, runs of `/` squeezed. */
export function sanitizeUrl(url: string): string {
  return `/${url}`.replaceAll("..", "/").replaceAll("./", "").replace(/\/{2,}/g, "/");
}

/** Words Ruby's `to_s` gives a front matter value (null is "", as `nil.to_s`). */
const text = (value: unknown): string => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** Ruby's `String#split` with no argument: on runs of whitespace, no empty parts. */
export const splitWords = (value: string): string[] => value.split(/[ \t\n\v\f\r]+/).filter((word) => word !== "");

/**
 * Jekyll's `pluralized_array_from_hash`: the singular key's value if it is there and not null
 * (a string is one entry, not split), else the plural key's (a string is split on whitespace).
 */
function pluralized(data: Record<string, unknown>, singular: string, plural: string): unknown[] {
  const one = data[singular];
  if (one !== undefined && one !== null) return [one].flat(Infinity).filter((v) => v !== null);
  const many = data[plural];
  if (typeof many === "string") return splitWords(many);
  if (Array.isArray(many)) return many.flat(Infinity).filter((v) => v !== null);
  return [];
}

/**
 * A post's categories as Jekyll 4.3 lists them (`post.categories`): `data.categories` (the
 * folders above `_posts`, then the defaults' and the front matter's `categories`, joined without
 * repeats by `applyDefaults`), then `category` (one entry, never split) or else `categories`
 * again; duplicates dropped, case kept. URLs lowercase them (see `postUrl`).
 */
export function postCategories(data: Record<string, unknown>): string[] {
  const merged = data.categories;
  const base = merged === undefined || merged === null ? [] : Array.isArray(merged) ? merged.flat(Infinity) : [merged];
  return [...new Set([...base, ...pluralized(data, "category", "categories")].filter((v) => v !== null).map(text))];
}

/** A post's tags as Jekyll lists them: `tag` (one entry) or else `tags` (a string split on whitespace); repeats kept, as in Jekyll. */
export function postTags(data: Record<string, unknown>): string[] {
  return pluralized(data, "tag", "tags").map(text);
}

/** What a post's file name says, read as Jekyll reads it. */
export interface PostFileName {
  /** The date as written in the name (`2020-1-5`), or undefined for a draft named without one. */
  date?: string;
  /** The name's slug: what follows the date, trailing dots cut (`2020-01-05-a.b..md` gives `a.b`). */
  slug: string;
  /** The extension, with its dot (`.md`), "" for none. */
  ext: string;
  /** The file name without the extension (`2020-01-05-hello`). */
  basename: string;
}

/** Jekyll's post file name rule (`DATE_FILENAME_MATCHER`), on the file's name alone. */
export const POST_FILE_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/;

/** The date, slug and extension of a post or draft file (`relativePath` may hold folders). */
export function readPostFileName(relativePath: string): PostFileName {
  const name = relativePath.slice(relativePath.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  // Ruby's File.extname: no extension for a name that starts with its only dot
  const ext = dot > 0 ? name.slice(dot) : "";
  const basename = ext ? name.slice(0, -ext.length) : name;
  const dated = POST_FILE_NAME.exec(name);
  if (dated) return { date: dated[1], slug: dated[2]!.replace(/\.+$/, ""), ext, basename };
  return { slug: basename.replace(/\.+$/, ""), ext, basename };
}

/**
 * Ruby's `String#capitalize` on each `-` part, joined with spaces: the title Jekyll gives a post
 * without one (`hello-world` is "Hello World", `NW2022` is "Nw2022").
 */
export function titleFromSlug(slug: string): string {
  return slug
    .split("-")
    .map((word) => {
      const [first = "", ...rest] = Array.from(word);
      return first.toUpperCase() + rest.join("").toLowerCase();
    })
    .join(" ");
}

/** What `postUrl` needs of a post. */
export interface PostUrlInput {
  /** The post's path as Jekyll's `relative_path` has it: from the site (or `collections_dir`) root, `/`-separated. */
  relativePath: string;
  /** The front matter with defaults applied (`applyDefaults`): `slug`, `permalink` and categories are read. */
  data: Record<string, unknown>;
  time: PostTime;
  /** The markup's output extension: `.html` for Markdown and HTML posts. */
  outputExt: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * The value of one placeholder for a post, before escaping; the date parts as Ruby's strftime
 * writes them in the site's zone (English names, ISO weeks). Computed on demand: a template uses
 * a few of them, and an archive has many posts.
 */
export function placeholderValues(post: PostUrlInput): (name: PostPlaceholder) => string {
  let date: ReturnType<typeof siteTime> | undefined;
  const at = () => (date ??= siteTime(post.time));
  const name = () => readPostFileName(post.relativePath);
  const slug = () => (post.data.slug === undefined || post.data.slug === null ? name().slug : text(post.data.slug));
  return (placeholder) => {
    switch (placeholder) {
      case "collection":
        return "posts";
      case "name":
        return slugify(name().basename);
      case "title":
        return slugify(slug(), "pretty", true);
      case "slug":
        return slugify(slug());
      case "categories":
        return [...new Set(postCategories(post.data).map((c) => c.toLowerCase()))].join("/");
      case "slugified_categories":
        return [...new Set(postCategories(post.data).map((c) => slugify(c)))].join("/");
      case "path":
        // Jekyll's cleaned_relative_path: the extension cut, the first `_posts` dropped, trailing dots cut
        return post.relativePath.slice(0, post.relativePath.length - name().ext.length).replace("_posts", "").replace(/\.+$/, "");
      case "output_ext":
        return post.outputExt;
      case "year":
        return pad(at().year, 4);
      case "short_year":
        return pad(at().year % 100, 2);
      case "month":
        return pad(at().month, 2);
      case "i_month":
        return String(at().month);
      case "short_month":
        return MONTHS[at().month - 1]!.slice(0, 3);
      case "long_month":
        return MONTHS[at().month - 1]!;
      case "day":
        return pad(at().day, 2);
      case "i_day":
        return String(at().day);
      case "hour":
        return pad(at().hour, 2);
      case "minute":
        return pad(at().minute, 2);
      case "second":
        return pad(at().second, 2);
      case "y_day":
        return pad(at().ordinal, 3);
      case "w_year":
        return pad(at().weekYear, 4);
      case "week":
        return pad(at().weekNumber, 2);
      case "w_day":
        return String(at().weekday);
      case "short_day":
        return DAYS[at().weekday - 1]!.slice(0, 3);
      case "long_day":
        return DAYS[at().weekday - 1]!;
    }
  };
}

/** A template Jekyll cannot expand: it names a placeholder posts do not have. Jekyll stops the build. */
export class PermalinkError extends Error {}

/** Expands a template as Jekyll's `URL#generate_url_from_drop` does, each value escaped on its own. */
export function expandTemplate(template: string, values: (name: PostPlaceholder) => string): string {
  let out = "";
  let last = 0;
  for (const p of placeholdersIn(template)) {
    if (!p.name) throw new PermalinkError(`the permalink ${JSON.stringify(template)} has the placeholder ${p.match}, which Jekyll does not know for posts`);
    out += template.slice(last, p.index) + escapeUrlPath(values(p.name)) + p.match.slice(1 + p.name.length);
    last = p.index + p.match.length;
  }
  return out + template.slice(last);
}

/**
 * A post's URL as Jekyll 4.3 writes it (`post.url`): the post's own `permalink:` if it has one
 * (placeholders expanded too), else the site's template; never with the `baseurl`. A URL ending
 * in `/` is written as `…/index.html`, others as the file the URL names (see `outputFile`).
 * Throws PermalinkError where Jekyll would stop the build.
 */
export function postUrl(post: PostUrlInput, template: string): string {
  const own = post.data.permalink;
  // Ruby truthiness: an empty string is a permalink (of "/"), false and null are not
  const chosen = own !== undefined && own !== null && own !== false ? text(own) : template;
  return sanitizeUrl(expandTemplate(chosen, placeholderValues(post)));
}

/**
 * A post's `id`, which jekyll-feed turns into the Atom `<id>` (`post.id | absolute_url`): the
 * URL's folder joined with the front matter `slug` as written, or else the file name's slug
 * (`/2020/01/05/Hello World` for `slug: Hello World`; `/2020/01/05/hello` for
 * `2020-01-05-hello.md`, whatever its permalink). Unescaped, as Jekyll keeps it.
 */
export function postId(post: PostUrlInput, url: string): string {
  const slug = post.data.slug === undefined || post.data.slug === null ? readPostFileName(post.relativePath).slug : text(post.data.slug);
  const trimmed = url.length > 1 ? url.replace(/\/+$/, "") : url;
  const folder = trimmed.slice(0, trimmed.lastIndexOf("/"));
  // Ruby's File.join: one `/` where the parts meet
  return `${folder}/${slug.replace(/^\/+/, "")}`;
}

/** The file Jekyll writes a post to, below `_site/`: the URL unescaped, `index.html` for a `/` ending, the output extension added unless there. */
export function outputFile(url: string, outputExt: string): string {
  let path = decodeUrlPath(url).replace(/^\/+/, "");
  if (url.endsWith("/")) return `${path}index.html`;
  if (!path.endsWith(outputExt)) path += outputExt;
  return path;
}

/** Addressable's `unencode`: every `%XX` run to its bytes, read as UTF-8. */
function decodeUrlPath(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => lenientUtf8.decode(new Uint8Array(run.slice(1).split("%").map((hex) => parseInt(hex, 16)))));
}
