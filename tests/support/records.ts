import type { PostRecord } from "../../src/post.js";
import { archiveSite as site } from "./archive-site.js";

const body = "<p>示例正文，用来让记录的大小接近真实的文章：板块、个股、公告与行情。</p>".repeat(12);

/**
 * `count` post records shaped like the archive's (about 2 KB each, `perDay` a day, half from
 * eastmoney, the rest spread over 2,000 media sources), newest first. Record `i` is the same in
 * every call, so a larger call is the smaller one plus newer posts.
 */
export function syntheticRecords(count: number, perDay = 300): PostRecord[] {
  const records: PostRecord[] = [];
  const start = Date.UTC(2022, 0, 1);
  for (let i = 0; i < count; i++) {
    const when = new Date(start + Math.floor(i / perDay) * 86_400_000 + (i % perDay) * 240_000);
    const day = when.toISOString().slice(0, 10);
    const media = i % 2 === 0 ? undefined : `media${String(((i >> 1) * 7919) % 2_000).padStart(4, "0")}`;
    const category = media ?? "emnews";
    const slug = `${day.replaceAll("-", "")}${String(i).padStart(8, "0")}`;
    const path = `/${category}/${day.replaceAll("-", "/")}/${slug}.html`;
    records.push({
      id: `${site.url}${path.replace(/\.html$/, "")}`,
      path,
      title: `示例标题 ${i}`,
      date: `${when.toISOString().slice(0, 19)}+08:00`,
      summary: `示例摘要 ${i}`,
      contentHtml: `${body}<p>${i}</p>`,
      categories: [category],
      tags: [media ? `${media}新闻` : "东财滚动新闻"],
      sourceUrl: `https://finance.eastmoney.com/news/1354,${slug}.html`,
    });
  }
  return records.reverse();
}
