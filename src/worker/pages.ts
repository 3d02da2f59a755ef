import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { mediaTypes } from "../content-types.js";
import type { FeedIndex, PostRecord } from "../post.js";
import { site } from "../site.js";
import { feedRoutes } from "./feed-routes.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const style = `body{max-width:42rem;margin:0 auto;padding:1rem;font:1.05rem/1.75 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;overflow-wrap:anywhere}
a{color:#0645ad}img{max-width:100%;height:auto}header,footer{font-size:.9rem;color:#555}
.meta{color:#555;font-size:.9rem}ol.posts{padding-left:1.2rem}ol.posts time{color:#555;font-size:.85rem;margin-right:.5rem}`;

/** `2022-05-29T13:37:26+08:00` as a reader sees it: `2022-05-29 13:37 (UTC+08:00)`. */
export function displayDate(iso: string): string {
  const zone = iso.endsWith("Z") ? "+00:00" : iso.slice(-6);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${zone})`;
}

function autodiscovery(): Html {
  return html`${feedRoutes
    .filter((f) => !f.alias)
    .map((f) => html`<link rel="alternate" type="${mediaTypes[f.format]}" title="${site.title} (${f.label})" href="${f.path}">`)}`;
}

function feedLinks(): Html {
  return html`${feedRoutes
    .filter((f) => !f.alias)
    .map((f, i) => html`${i ? " · " : ""}<a href="${f.path}">${f.label}</a>`)}`;
}

function layout(title: string, head: Html, body: Html): Html {
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
${autodiscovery()}
<style>${raw(style)}</style>
</head>
<body>
<header><a href="/">${site.title}</a></header>
<main>
${body}
</main>
<footer><p>订阅：${feedLinks()}</p></footer>
</body>
</html>`;
}

export function homePage(index: FeedIndex): Html {
  const body = html`<h1>${site.title}</h1>
<p>${site.description}</p>
<ol class="posts">
${index.items.map(
  (post) => html`<li><time datetime="${post.date}">${post.date.slice(0, 10)} ${post.date.slice(11, 16)}</time><a href="${post.path}">${post.title}</a></li>
`,
)}</ol>
<p class="meta">共 ${index.total} 篇，此处列出最新 ${index.items.length} 篇。</p>`;
  return layout(site.title, html`<meta name="description" content="${site.description}">`, body);
}

export function articlePage(post: PostRecord): Html {
  const terms = [...post.categories, ...post.tags];
  const head = html`<meta name="description" content="${post.summary}">
<link rel="canonical" href="${site.url}${post.path}">`;
  const body = html`<article>
<h1>${post.title}</h1>
<p class="meta"><time datetime="${post.date}">${displayDate(post.date)}</time>${terms.length ? html` · ${terms.join(" · ")}` : ""}</p>
${raw(post.contentHtml)}
${post.sourceUrl ? html`<p class="source">原文：<a href="${post.sourceUrl}" rel="noopener noreferrer">${post.sourceUrl}</a></p>` : ""}
</article>`;
  return layout(`${post.title} - ${site.title}`, head, body);
}

/** A short page for errors: what happened, and where to go. */
export function messagePage(title: string, message: string): Html {
  return layout(`${title} - ${site.title}`, html``, html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="/">返回首页</a></p>`);
}
