import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { mediaTypes } from "../content-types.js";
import type { FeedKind, PostRecord } from "../post.js";
import { site } from "../site.js";
import { feedFiles, feedName, feedPagePath, feedPath, feedTitle } from "./feed-routes.js";
import type { FeedWindow } from "./store.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const style = `body{max-width:42rem;margin:0 auto;padding:1rem;font:1.05rem/1.75 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;overflow-wrap:break-word}
a{color:#0645ad}img{max-width:100%;height:auto}header,footer{font-size:.9rem;color:#555}
.meta{color:#555;font-size:.9rem}.source a{word-break:break-all}ol.posts{padding-left:2.5rem}ol.posts time{color:#555;font-size:.85rem;margin-right:.5rem}
nav.pages a{margin-right:1rem}`;

/** `2022-05-29T13:37:26+08:00` as a reader sees it: `2022-05-29 13:37 (UTC+08:00)`. */
export function displayDate(iso: string): string {
  const zone = iso.endsWith("Z") ? "+00:00" : iso.slice(-6);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${zone})`;
}

/** A feed a page advertises, with `<link rel="alternate">` and a visible link. */
interface FeedRef {
  kind: FeedKind;
  name: string;
  label?: string;
}

function autodiscovery(feeds: readonly FeedRef[]): Html {
  return html`${feeds.flatMap(({ kind, name, label }) =>
    feedFiles.map(
      (f) => html`<link rel="alternate" type="${mediaTypes[f.format]}" title="${feedTitle(kind, name, label)} (${f.label})" href="${feedPath(kind, name, f.file)}">
`,
    ),
  )}`;
}

function feedLinks({ kind, name }: FeedRef): Html {
  return html`${feedFiles.map((f, i) => html`${i ? " · " : ""}<a href="${feedPath(kind, name, f.file)}">${f.label}</a>`)}`;
}

function pageShell(title: string, head: Html, feeds: readonly FeedRef[], body: Html): Html {
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
${autodiscovery(feeds)}<style>${raw(style)}</style>
</head>
<body>
<header><a href="/">${site.title}</a></header>
<main>
${body}
</main>
<footer><p>订阅：${feedLinks({ kind: "main", name: "" })} · <a href="/opml.xml">OPML</a></p></footer>
</body>
</html>`;
}

function termLinks(post: PostRecord): Html {
  const terms = [
    ...post.categories.map((name) => ({ kind: "category" as const, name })),
    ...post.tags.map((name) => ({ kind: "tag" as const, name })),
  ];
  return html`${terms.map(({ kind, name }) => html` · <a href="${feedPagePath(kind, name)}">${name}</a>`)}`;
}

export interface PageLinks {
  previous?: string;
  next?: string;
}

/** The home page and every category and tag page: a feed's newest posts, then older ones page by page. */
export function listingPage(window: FeedWindow, links: PageLinks): Html {
  const { kind, name, label } = window.feed;
  const ref = { kind, name, label };
  const heading = kind === "main" ? site.title : `${kind === "category" ? "分类" : "标签"}：${feedName(name, label)}`;
  const body = html`<h1>${heading}</h1>
${kind === "main" ? html`<p>${site.description}</p>` : ""}
<p class="meta">订阅${kind === "main" ? "" : "此" + (kind === "category" ? "分类" : "标签")}：${feedLinks(ref)}</p>
<ol class="posts" start="${(window.page - 1) * window.limit + 1}">
${window.items.map(
  (post) => html`<li><time datetime="${post.date}">${post.date.slice(0, 10)} ${post.date.slice(11, 16)}</time><a href="${post.path}">${post.title}</a></li>
`,
)}</ol>
<nav class="pages">${links.previous ? html`<a href="${links.previous}" rel="prev">← 较新</a>` : ""}${links.next ? html`<a href="${links.next}" rel="next">较早 →</a>` : ""}</nav>
<p class="meta">共 ${window.feed.total} 篇，第 ${window.page} / ${window.pages} 页。</p>`;
  const title = window.page > 1 ? `${feedTitle(kind, name, label)}（第 ${window.page} 页）` : feedTitle(kind, name, label);
  return pageShell(title, html`<meta name="description" content="${kind === "main" ? site.description : heading}">`, kind === "main" ? [ref] : [ref, { kind: "main", name: "" }], body);
}

export function articlePage(post: PostRecord): Html {
  const head = html`<meta name="description" content="${post.summary}">
<link rel="canonical" href="${site.url}${post.path}">`;
  const body = html`<article>
<h1>${post.title}</h1>
<p class="meta"><time datetime="${post.date}">${displayDate(post.date)}</time>${termLinks(post)}</p>
${raw(post.contentHtml)}
${post.sourceUrl ? html`<p class="source">原文：<a href="${post.sourceUrl}" rel="noopener noreferrer">${post.sourceUrl}</a></p>` : ""}
</article>`;
  const feeds = [{ kind: "main" as const, name: "" }, ...post.categories.map((name) => ({ kind: "category" as const, name }))];
  return pageShell(`${post.title} - ${site.title}`, head, feeds, body);
}

/** A short page for errors: what happened, and where to go. */
export function messagePage(title: string, message: string): Html {
  return pageShell(`${title} - ${site.title}`, html``, [], html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="/">返回首页</a></p>`);
}
