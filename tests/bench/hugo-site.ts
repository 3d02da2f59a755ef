import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A Hugo site over the same posts, doing the same work: Markdown with raw HTML to pages at
 * Jekyll-like permalinks, RSS for the site, each category and each tag (Hugo's default outputs).
 * Posts are linked, not copied, so building the site is what gets timed.
 */
export async function makeHugoSite(postsDir: string, siteDir: string): Promise<void> {
  await mkdir(join(siteDir, "content/posts"), { recursive: true });
  await mkdir(join(siteDir, "layouts/_default"), { recursive: true });
  await writeFile(
    join(siteDir, "hugo.toml"),
    `baseURL = "https://finews.withounder.com/"
languageCode = "zh-CN"
title = "Finews"
timeZone = "Asia/Shanghai"
disableKinds = ["sitemap", "robotsTXT", "404"]
[pagination]
  pagerSize = 50
[services.rss]
  limit = 50
[permalinks]
  posts = "/:year/:month/:day/:slug.html"
[taxonomies]
  category = "categories"
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = true
`,
  );
  await writeFile(join(siteDir, "layouts/_default/single.html"), "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}\n");
  await writeFile(join(siteDir, "layouts/_default/list.html"), "<!doctype html><title>{{ .Title }}</title>{{ range .Paginator.Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\n");
  for (const name of await readdir(join(postsDir, "_posts"))) {
    await symlink(join(postsDir, "_posts", name), join(siteDir, "content/posts", name));
  }
}
