import { markdownOptionsFromJekyll } from "../article/markdown.js";
import type { Site } from "../../site.js";
import type { SiteConfig } from "../site/config.js";
import type { BodyContext } from "./post-body.js";
import type { SiteIndex } from "./site-index.js";

/** What every post of a build is made with: the site, its Markdown settings, `site.*` for Liquid, and (second round) the other posts. */
export function postContext(root: string, config: SiteConfig, site: Site, now: number, index?: SiteIndex): BodyContext {
  const posts = index?.posts.map((post) => ({ ...post, date: new Date(post.date) })) ?? [];
  const byTerm = (pick: (post: (typeof posts)[number]) => string[]) => {
    const map: Record<string, typeof posts> = {};
    for (const post of posts) for (const term of pick(post)) (map[term] ??= []).push(post);
    return map;
  };
  return {
    config,
    site,
    root,
    markdown: markdownOptionsFromJekyll({ markdown: config.markdown, kramdown: config.kramdown, commonmark: config.raw.commonmark }),
    liquidSite: {
      ...config.raw,
      title: config.title,
      url: config.url,
      baseurl: config.baseurl,
      time: new Date(now),
      data: config.data,
      posts,
      categories: byTerm((post) => post.categories),
      tags: byTerm((post) => post.tags),
    },
    ...(index ? { index } : {}),
  };
}
