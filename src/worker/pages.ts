import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { mediaTypes } from "../content-types.js";
import { compareText } from "../compare.js";
import { escapeXml } from "../escape.js";
import type { StreamTable } from "../kv/manifest.js";
import { feedId, parseFeedId, type FeedInfo, type FeedKind, type PostRecord } from "../post.js";
import type { Site } from "../site.js";
import type { Strings } from "../strings.js";
import { feedFiles, feedPagePath, feedPath } from "../paths.js";
import { feedName, feedTitle } from "../feed-names.js";
import type { FeedWindow } from "./store.js";
import type { FeedPost } from "./feeds.js";
import { own } from "../own.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The site a page belongs to, and the words of its language. Every path a page links is below `site.baseurl`. */
export interface PageSite {
  site: Site;
  text: Strings;
}

const style = `body{max-width:42rem;margin:0 auto;padding:1rem;font:1.05rem/1.75 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;overflow-wrap:break-word}
a{color:#0645ad}img{max-width:100%;height:auto}header,footer{font-size:.9rem;color:#555}
pre{overflow-x:auto;padding:.75rem;background:#f6f6f6;line-height:1.45}code{font-size:.9em}table{border-collapse:collapse;display:block;overflow-x:auto;margin:1rem 0}th,td{border:1px solid #ddd;padding:.2rem .5rem}blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #ddd;color:#444}
.meta{color:#555;font-size:.9rem}.source a{word-break:break-all}ol.posts{padding-left:2.5rem}ol.posts time{color:#555;font-size:.85rem;margin-right:.5rem}
nav.pages a{margin-right:1rem}ul.feeds{padding-left:1.5rem}ul.feeds .count{color:#555;font-size:.85rem}
form.search{margin:1rem 0}form.search input{width:60%;max-width:24rem;font:inherit;padding:.2rem .4rem}form.search button{font:inherit}`;

/** `2022-05-29T13:37:26+08:00` as a reader sees it: `2022-05-29 13:37 (UTC+08:00)`. */
export function displayDate(iso: string): string {
  const zone = iso.endsWith("Z") ? "+00:00" : iso.slice(-6);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${zone})`;
}

/** The categories page: every category and tag. */
export const CATEGORIES_PATH = "/categories/";

/** A feed a page advertises, with `<link rel="alternate">` and a visible link. */
export interface FeedRef {
  kind: FeedKind;
  name: string;
  label?: string;
  /** A filter on the feed: its one spelling, and how its title shows it. */
  filter?: { q: string };
}

/** Where one of a feed's documents is, with its filter. */
function feedHref({ site }: PageSite, { kind, name, filter }: FeedRef, file: string): string {
  return `${site.baseurl}${feedPath(kind, name, file)}${filter ? `?q=${encodeURIComponent(filter.q)}` : ""}`;
}

function autodiscovery(ps: PageSite, feeds: readonly FeedRef[]): Html {
  const { site, text } = ps;
  return html`${feeds.flatMap((ref) => {
    const title = feedTitle(site, ref.kind, ref.name, ref.label);
    return feedFiles.map(
      (f) => html`<link rel="alternate" type="${mediaTypes[f.format]}" title="${ref.filter ? text.filtered(title, ref.filter.q) : title} (${f.label})" href="${feedHref(ps, ref, f.file)}">
`,
    );
  })}`;
}

function feedLinks(ps: PageSite, ref: FeedRef): Html {
  return html`${feedFiles.map((f, i) => html`${i ? " · " : ""}<a href="${feedHref(ps, ref, f.file)}">${f.label}</a>`)}`;
}

/** A plain GET form (no script) whose results are the home page with `?q=`: subscribe to what was searched. */
function searchBox({ site, text }: PageSite, q = ""): Html {
  return html`<form class="search" method="get" action="${site.baseurl}/" role="search"><input type="search" name="q" value="${q}" placeholder="${text.searchHint}" aria-label="${text.search}" maxlength="200"> <button type="submit">${text.search}</button></form>`;
}

function pageShell(ps: PageSite, title: string, head: Html, feeds: readonly FeedRef[], body: Html): Html {
  const { site, text } = ps;
  return html`<!doctype html>
<html lang="${site.language || "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.ico" sizes="16x16 32x32">
<title>${title}</title>
${head}
${autodiscovery(ps, feeds)}<style>${raw(style)}</style>
</head>
<body>
<header><a href="${site.baseurl}/">${site.title}</a> · <a href="${site.baseurl}${CATEGORIES_PATH}">${text.categoriesAndTags}</a></header>
<main>
${body}
</main>
<footer><p>${text.subscribe}${feedLinks(ps, { kind: "main", name: "" })} · <a href="${site.baseurl}/opml.xml">OPML</a></p></footer>
</body>
</html>`;
}

/**
 * A feed as pages name it, by id: a category by its name and label as its feed writes them (the
 * manifest's streams), else by `written` or the name in its id.
 */
export function feedRef(categories: StreamTable["categories"], id: string, written?: string): FeedRef {
  const { kind, name } = parseFeedId(id);
  const known = kind === "category" ? own(categories, id) : undefined;
  return { kind, name: known?.name ?? written ?? name, ...(known?.label !== undefined ? { label: known.label } : {}) };
}

/** A post's categories as their feeds name them (`东财滚动新闻 (emnews)`), from the manifest's streams. */
function categoryRefs(post: PostRecord, categories: StreamTable["categories"]): FeedRef[] {
  return post.categories.map((written) => feedRef(categories, feedId("category", written), written));
}

function termLinks({ site }: PageSite, categories: readonly FeedRef[], tags: readonly string[]): Html {
  const terms: FeedRef[] = [...categories, ...tags.map((name) => ({ kind: "tag" as const, name }))];
  return html`${terms.map(({ kind, name, label }) => html` · <a href="${site.baseurl}${feedPagePath(kind, name)}">${feedName(name, label)}</a>`)}`;
}

export interface PageLinks {
  previous?: string;
  next?: string;
  /** The page is the feed filtered: its one spelling, how it shows, and among how many posts it searched. */
  filter?: { q: string; searched: number };
  /** The feed whose items are exactly this one's (a tag that repeats its category): the one to subscribe to. */
  same?: FeedRef;
}

const kindWord = ({ text }: PageSite, kind: FeedKind) => (kind === "category" ? text.category : text.tag);

/** The home page and every category and tag page: a feed's newest posts, then older ones page by page; with `?q=`, those that match. */
export function listingPage(ps: PageSite, window: FeedWindow<FeedPost>, links: PageLinks): Html {
  const { site, text } = ps;
  const { kind, name, label } = window.feed;
  const { same, filter } = links;
  const ref: FeedRef = { kind, name, ...(label !== undefined ? { label } : {}), ...(filter ? { filter } : {}) };
  const feedHeading = kind === "main" ? site.title : text.feedHeading(kindWord(ps, kind), feedName(name, label));
  const heading = filter ? text.filtered(feedHeading, filter.q) : feedHeading;
  const [before, after] = same ? text.sameAs(kindWord(ps, kind), kindWord(ps, same.kind)) : ["", ""];
  const subscribe =
    same && !filter
      ? html`<p class="meta">${before}<a href="${site.baseurl}${feedPagePath(same.kind, same.name)}">${feedName(same.name, same.label)}</a>${after}${feedLinks(ps, same)}</p>`
      : html`<p class="meta">${filter ? text.subscribeToSearch : kind === "main" ? text.subscribe : text.subscribeTo(kindWord(ps, kind))}${feedLinks(ps, ref)}</p>`;
  const body = html`<h1>${heading}</h1>
${kind === "main" && !filter ? html`<p>${site.description}${site.description ? "　" : ""}<a href="${site.baseurl}${CATEGORIES_PATH}">${text.allCategoriesAndTags}</a></p>` : ""}
${kind === "main" ? searchBox(ps, filter?.q) : ""}
${subscribe}
${filter ? html`<p class="meta">${text.found(window.feed.total, filter.searched)}</p>` : ""}
<ol class="posts" start="${(window.page - 1) * window.limit + 1}">
${window.items.map(
  (post) => html`<li><time datetime="${post.date}">${post.date.slice(0, 10)} ${post.date.slice(11, 16)}</time><a href="${site.baseurl}${post.path}">${post.title}</a></li>
`,
)}</ol>
<nav class="pages">${links.previous ? html`<a href="${links.previous}" rel="prev">${text.newer}</a>` : ""}${links.next ? html`<a href="${links.next}" rel="next">${text.older}</a>` : ""}</nav>
<p class="meta">${text.totals(window.feed.total, window.page, window.pages)}</p>`;
  const feedPageTitle = feedTitle(site, kind, name, label);
  const shownTitle = filter ? text.filtered(feedPageTitle, filter.q) : feedPageTitle;
  const title = window.page > 1 ? text.paged(shownTitle, window.page) : shownTitle;
  const head = html`<meta name="description" content="${kind === "main" && !filter ? site.description || site.title : heading}">${same && !filter ? html`
<link rel="canonical" href="${site.baseurl}${feedPagePath(same.kind, same.name)}">` : ""}`;
  const advertised: FeedRef[] = filter || kind === "main" ? [ref] : [same ?? ref, { kind: "main", name: "" }];
  return pageShell(ps, title, head, advertised, body);
}

// a feed's links on the categories page, from its page path: one template, not one per format
const feedRow = (page: string) => feedFiles.map((f) => `<a href="${page}${f.file}">${f.label}</a>`).join(" · ");

/** Rows on a page of `/categories/`: the real archive has 2,000 categories, more than a page should carry or render. */
export const CATEGORIES_PAGE_SIZE = 200;

/**
 * A page of `/categories/`: categories, then tags, each with its count and feeds, most posts first;
 * a tag that repeats a category is named beside it, not listed again. Undefined past the last page.
 * Rows are written as plain strings, a fraction of the CPU of a template each.
 */
export function categoriesPage(ps: PageSite, feeds: readonly FeedInfo[], streams: StreamTable, page: number): Html | undefined {
  const { site, text } = ps;
  const repeats = new Map<string, FeedInfo[]>();
  for (const info of feeds) {
    const to = own(streams.same, info.id);
    if (to !== undefined) repeats.set(to, [...(repeats.get(to) ?? []), info]);
  }
  const order = (a: FeedInfo, b: FeedInfo) => b.total - a.total || compareText(a.id, b.id);
  const distinct = feeds.filter((info) => !Object.hasOwn(streams.same, info.id));
  const categories = distinct.filter((info) => info.kind === "category").sort(order);
  const tags = distinct.filter((info) => info.kind === "tag").sort(order);
  const pages = Math.max(1, Math.ceil((categories.length + tags.length) / CATEGORIES_PAGE_SIZE));
  if (page > pages) return undefined;
  const from = (page - 1) * CATEGORIES_PAGE_SIZE;
  const to = from + CATEGORIES_PAGE_SIZE;
  const base = escapeXml(site.baseurl);
  const entry = (info: FeedInfo) => {
    const path = base + escapeXml(feedPagePath(info.kind, info.name));
    const also = (repeats.get(info.id) ?? []).map((other) => ` · ${escapeXml(kindWord(ps, other.kind))} <a href="${base}${escapeXml(feedPagePath(other.kind, other.name))}">${escapeXml(other.name)}</a>`).join("");
    return `<li><a href="${path}">${escapeXml(feedName(info.name, info.label))}</a> <span class="count">${escapeXml(text.count(info.total))}</span>${also}<br>${feedRow(path)}</li>\n`;
  };
  const section = (kind: "category" | "tag", list: readonly FeedInfo[], offset: number) => {
    const shown = list.slice(Math.max(0, from - offset), Math.max(0, to - offset));
    return shown.length ? `<h2>${escapeXml(text.sectionHeading(kind, list.length))}</h2>\n<ul class="feeds">\n${shown.map(entry).join("")}</ul>\n` : "";
  };
  const at = (n: number) => `${site.baseurl}${n === 1 ? CATEGORIES_PATH : `${CATEGORIES_PATH}?page=${n}`}`;
  const body = html`<h1>${text.categoriesAndTags}</h1>
<p class="meta">${text.categoriesIntro}<a href="${site.baseurl}/opml.xml">OPML</a>${text.categoriesIntroEnd}</p>
${raw(section("category", categories, 0) + section("tag", tags, categories.length))}<nav class="pages">${page > 1 ? html`<a href="${at(page - 1)}" rel="prev">${text.previousPage}</a>` : ""}${page < pages ? html`<a href="${at(page + 1)}" rel="next">${text.nextPage}</a>` : ""}</nav>
<p class="meta">${text.pageOf(page, pages)}</p>`;
  const title = page > 1 ? `${text.paged(text.categoriesAndTags, page)} - ${site.title}` : `${text.categoriesAndTags} - ${site.title}`;
  return pageShell(ps, title, html`<meta name="description" content="${text.categoriesDescription(site.title)}">`, [{ kind: "main", name: "" }], body);
}

/** An article's page. `origin`: where the site is when it names no `url` (the canonical link is built on it). */
export function articlePage(ps: PageSite, post: PostRecord, categories: StreamTable["categories"], origin: string): Html {
  const { site, text } = ps;
  const refs = categoryRefs(post, categories);
  const head = html`<meta name="description" content="${post.summary}">
<link rel="canonical" href="${site.url || origin}${site.baseurl}${post.path}">`;
  const body = html`<article>
<h1>${post.title}</h1>
<p class="meta"><time datetime="${post.date}">${displayDate(post.date)}</time>${post.author ? html` · ${post.author.name}` : ""}${termLinks(ps, refs, post.tags)}</p>
${raw(post.contentHtml)}
${post.sourceUrl ? html`<p class="source">${text.original}<a href="${post.sourceUrl}" rel="noopener noreferrer">${post.sourceUrl}</a></p>` : ""}
</article>`;
  const feeds = [{ kind: "main" as const, name: "" }, ...refs];
  return pageShell(ps, `${post.title} - ${site.title}`, head, feeds, body);
}

/** A short page for errors: what happened, and where to go. */
export function messagePage(ps: PageSite, title: string, message: string): Html {
  return pageShell(ps, ps.site.title ? `${title} - ${ps.site.title}` : title, html``, [], html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="${ps.site.baseurl}/">${ps.text.backHome}</a></p>`);
}
