// A small English blog unlike the archive in every setting the Worker reads: a baseurl, pretty
// permalinks, jekyll-feed's feed and tag feeds moved (the site feed below /feed/, where category
// feeds live), a zone with daylight saving, an author with an e-mail, an edit dated by
// `last_modified_at`, a post that feeds show by its excerpt only. The Worker tests serve it as `npm start` would.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const blogFiles: Record<string, string> = {
  "_config.yml": [
    "title: A Small Blog",
    "description: Notes on tools, in English",
    "url: https://blog.example.org",
    "baseurl: /blog",
    "permalink: pretty",
    "timezone: America/New_York",
    "lang: en",
    "author:",
    "  name: Ann Author",
    "  email: ann@example.org",
    "plugins: [jekyll-feed]",
    "feed:",
    "  path: feed/all.xml",
    "  icon: /assets/icon.png",
    "  logo: https://cdn.example.org/logo.png",
    "  tags:",
    "    path: feed/topics/",
    "",
  ].join("\n"),
  "_posts/2024-01-10-first-post.md": [
    "---",
    "title: First Post",
    "date: 2024-01-10 09:00:00",
    "categories: [Notes]",
    "tags: [Ruby]",
    "---",
    "Welcome to {{ site.title }}. See [the second]({% post_url 2024-02-01-second %}) and [about](/about/).",
    "",
  ].join("\n"),
  "_posts/2024-02-01-second.md": [
    "---",
    "title: Second",
    "date: 2024-02-01 12:00:00 -0500",
    "last_modified_at: 2024-06-01 10:00:00 -0400",
    "tags: [Ruby, Jekyll]",
    "---",
    "Second post, edited in June.",
    "",
  ].join("\n"),
  "_posts/2024-03-05-third.md": [
    "---",
    "title: Third",
    "date: 2024-03-05 08:30:00 -0500",
    "categories: notes",
    "feed:",
    "  excerpt_only: true",
    "---",
    "The third post's excerpt.",
    "",
    "And more after it.",
    "",
  ].join("\n"),
};

/** Writes the blog into a new temporary folder and returns its root. */
export async function writeBlogSite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "blog-site-"));
  for (const [path, text] of Object.entries(blogFiles)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
