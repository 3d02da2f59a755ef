// Small Jekyll sites, as data: tests/support/jekyll-reference.ts builds them with the real
// `jekyll build` and writes what Jekyll made of them to tests/fixtures/jekyll-*.tsv; the tests
// lay out the same files and check that the publisher's reading gives Jekyll's answers.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A site's files (path → text) and the settings each build of it uses. */
export interface JekyllSite {
  files: Record<string, string>;
  variants: { name: string; config: Record<string, unknown>; drafts?: boolean; safe?: boolean }[];
}

const post = (frontMatter: string, body = "Text.\n") => `---\n${frontMatter}${frontMatter && !frontMatter.endsWith("\n") ? "\n" : ""}---\n${body}`;

/** Each post's body names its file, so that the reference tool finds the page Jekyll wrote for it. */
const marked = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [path, `${text}\nMarker ${path}\n`]));

const base = { title: "Reference", url: "https://example.com", timezone: "Asia/Shanghai", plugins: ["jekyll-feed"], feed: { posts_limit: 1000 } };

/** Permalinks, ids, dates and categories of posts of every kind, under each permalink style. */
export const permalinkSite: JekyllSite = {
  files: marked({
    "_posts/2020-01-05-hello-world.md": post("title: Hello"),
    "_posts/2020-01-05-late-night.md": post("date: 2020-01-05 23:30:00 -0500"),
    "_posts/2020-01-05-yaml-utc.md": post("date: 2020-01-05 20:00:00"),
    "_posts/2020-01-05-quoted-local.md": post('date: "2020-01-05 20:00:00"'),
    "_posts/2020-01-05-no-seconds.md": post("date: 2020-01-05 20:00"),
    "_posts/2020-01-06-date-only.md": post("date: 2020-01-04"),
    "_posts/2020-01-05-iso-z.md": post("date: 2020-01-05T23:00:00Z"),
    "_posts/2020-1-7-short-date.md": post(""),
    "_posts/2020-03-08-dst-gap.md": post("date: '2020-03-08 02:30:00'"),
    "news/_posts/2020-02-01-path-category.md": post("categories: Foo foo Bar\ncategory: Hot Topic"),
    "news/world/_posts/2020-02-01-two-levels.md": post('categories: [News, 央视新闻, "C++", "x/y", "a b"]'),
    "_posts/sub/2020-02-02-subfolder.md": post("tags: one two"),
    "_posts/2020-02-03-slug.md": post("slug: Custom Slug!"),
    "_posts/2020-02-03-slug-with-slash.md": post("slug: a/b"),
    "_posts/2020-02-03-中文 标题.md": post("title: 中文"),
    "_posts/2020-02-03-Ｆｕｌｌ-width，逗号.md": post(""),
    "_posts/2020-02-03-cafe\u0301-nfd.md": post(""),
    "_posts/2020-02-03-trailing.dots..md": post(""),
    "_posts/2020-02-03-100%-sure & (more).md": post(""),
    "_posts/2020-02-03-hash#tag.md": post(""),
    "_posts/2020-02-03-UPPER Case.md": post(""),
    "_posts/2020-02-03-own-permalink.md": post("permalink: /custom/:year/:title/"),
    "_posts/2020-02-03-fixed.md": post("permalink: /fixed.html"),
    "_posts/2020-02-03-noslash.md": post("permalink: noslash/:slug"),
    "_posts/2020-02-03-title-only.md": post("title: Something Else Entirely"),
    "_posts/2020-02-03-page.html": post("title: An HTML post", "<p>HTML.</p>\n"),
    "_posts/2020-02-03-mk.markdown": post(""),
    "_posts/2021-01-01-iso-week.md": post(""),
    "_posts/2019-12-30-week-one.md": post(""),
    "_posts/2020-03-01-single-category.md": post("category: Single Word Category\ntags: [x, y]"),
    "_posts/2020-03-03-.md": post(""),
    "blog/_posts/2020-04-01-defaulted.md": post("categories: own"),
    "blog/_posts/2020-04-02-default-slug.md": post(""),
    "_posts/2020-04-03-globbed.md": post(""),
    "_drafts/draft-post.md": post("date: 2020-05-01 10:00:00 +0000"),
    "_drafts/2020-05-02-dated-draft.md": post(""),
    "news/_drafts/2020-05-03-news-draft.md": post(""),
  }),
  variants: [
    {
      name: "default",
      config: {
        ...base,
        defaults: [
          { scope: { path: "blog" }, values: { categories: ["FromDefault"] } },
          { scope: { path: "blog/_posts/2020-04-02*" }, values: { slug: "Slug From Defaults" } },
          { scope: { path: "_posts/2020-04-*" }, values: { permalink: "/glob/:title/" } },
        ],
      },
    },
    { name: "date-baseurl", config: { ...base, permalink: "date", baseurl: "/blog" } },
    { name: "pretty", config: { ...base, permalink: "pretty" } },
    { name: "ordinal", config: { ...base, permalink: "ordinal" } },
    { name: "weekdate-new-york", config: { ...base, permalink: "weekdate", timezone: "America/New_York" } },
    { name: "none", config: { ...base, permalink: "none" } },
    {
      name: "every-date-part",
      config: { ...base, timezone: "Pacific/Kiritimati", permalink: "/:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day/:hour/:minute/:second/:title:output_ext" },
    },
    { name: "week-parts", config: { ...base, permalink: "/:w_year/W:week/:w_day/:short_day/:long_day/:slug/" } },
    { name: "name-parts", config: { ...base, permalink: "/:collection/:categories/:slugified_categories/:name/:slug/:title/" } },
    { name: "path", config: { ...base, permalink: "/:path:output_ext" } },
    { name: "underscore-and-no-ext", config: { ...base, permalink: "/:month_:day/:title" } },
    { name: "utc-url-slash", config: { ...base, timezone: "UTC", url: "https://Example.COM/", baseurl: "blog/", permalink: "/:categories/:title.html" } },
    { name: "no-url", config: { ...base, url: undefined, baseurl: "/sub" } },
    { name: "drafts", config: { ...base, show_drafts: true }, drafts: true },
    { name: "collections-permalink", config: { ...base, permalink: "pretty", collections: { posts: { permalink: "/p/:title/" } } } },
  ],
};

/** Which files are posts: every kind of folder and name Jekyll treats apart. */
export const postFilesSite: JekyllSite = {
  files: marked(Object.fromEntries(
    [
      "_posts/2020-01-01-a.md",
      "_posts/_sub/2020-01-01-underscore-dir.md",
      "_posts/.hid/2020-01-01-dot-dir.md",
      "_posts/sub/deeper/2020-01-01-deep.md",
      "_posts/sub/_mid/2020-01-01-underscore-mid.md",
      "a/b/_posts/2020-01-01-ab.md",
      "_under/_posts/2020-01-01-under-folder.md",
      "incl/_posts/2020-01-01-included.md",
      "_incl2/_posts/2020-01-01-included-underscore.md",
      ".dot/_posts/2020-01-01-dot-folder.md",
      "node_modules/_posts/2020-01-01-node-modules.md",
      "vendor/bundle/_posts/2020-01-01-vendor-bundle.md",
      "vendor/x/_posts/2020-01-01-vendor-x.md",
      "excl/_posts/2020-01-01-excluded.md",
      "excluded-too/_posts/2020-01-01-prefix-excluded.md",
      "_posts/excl2/2020-01-01-excluded-sub.md",
      "_posts/2020-01-01-z.skip.md",
      "_posts/.2020-01-01-dotfile.md",
      "_posts/_2020-01-01-underfile.md",
      "_posts/2020-01-01-backup.md~",
      "_posts/#2020-01-01-hash.md",
      "_posts/~2020-01-01-tilde.md",
      "_posts/2020-1-1-short.md",
      "_posts/20-01-01-two-digit-year.md",
      "_posts/2020-01-01-.md",
      "_posts/2020-01-01-noext",
      "_posts/2020-01-01-two.dots.md",
      "_posts/2020-01-01-text.txt",
      "_posts/2020-01-01-page.html",
      "_posts/2020-01-01-Caps.MD",
      "_posts/2020-01-01-mk.markdown",
      "_posts/2020-01-01-mkdown.mkdown",
      "_posts/2020-01-01-mdown.mdown",
      "_posts/2020-01-01-space name.md",
      "_posts/README.md",
      "_posts/notes.md",
      "_posts/2020-01-01-no-front-matter.md",
      "_drafts/draft.md",
      "_drafts/sub/draft-sub.md",
      "x/_drafts/draft-x.md",
      "_drafts/noext",
      "_site/_posts/2020-01-01-site.md",
      "_layouts/_posts/2020-01-01-layouts.md",
      "_includes/_posts/2020-01-01-includes.md",
      "other/_posts/_posts/2020-01-01-posts-in-posts.md",
      "my_posts_dir/_posts/2020-01-01-underscore-posts-name.md",
      "old_post/2020-01-01-archived.md",
      "old_post/2020-01-02-archived-only.md",
      "index.md",
      "about/README.md",
    ].map((path) => [path, path.endsWith("no-front-matter.md") ? "No front matter.\n" : post("title: t")]),
  )),
  variants: [
    {
      name: "build",
      config: { exclude: ["excl", "_posts/excl2", "*.skip.md"], include: ["_sub", "incl", "_incl2", ".dot"], feed_publisher: { archives: ["old_post"] } },
    },
    { name: "safe", config: { exclude: ["excl", "_posts/excl2", "*.skip.md"], include: ["_sub", "incl", "_incl2", ".dot"] }, safe: true },
    { name: "drafts", config: { show_drafts: true } },
    { name: "collections-dir", config: { collections_dir: "a" } },
  ],
};

/** `_config.yml` read with Jekyll's defaults, and `_data/` as `site.data`. */
export const dataSite: JekyllSite = {
  files: {
    "_posts/2020-01-01-a.md": post("title: a"),
    "_data/authors.yml": "jane: &jane\n  name: Jane Doe\n  email: jane@example.com\n  uri: https://jane.example\ndoe: *jane\nbob:\n  name: Bob\n",
    "_data/nav.json": '[{"title": "Home", "url": "/"}, {"title": "About", "url": "/about/"}]\n',
    "_data/table.csv": 'a,b,a,c\n1,,"x",""\n\n"2, two","say ""hi""",3\n4,5,6,7,8\n',
    "_data/people.tsv": "name\tcity\nAnn\tOslo\nLi Wei\t北京\n",
    "_data/my file.yml": "x: 1\n",
    "_data/a.b.yml": "y: 2\n",
    "_data/same.yml": "from: yml\n",
    "_data/same.json": '{"from": "json"}\n',
    "_data/.hidden.yml": "secret: 1\n",
    "_data/notes.txt": "not data\n",
    "_data/sub/dir/deep.yml": "- one\n- two\n",
    "_data/flags.yml": "on: yes\noff: no\nplain: true\nnumber: 1.50\nempty:\nmerged:\n  <<: {a: 1, b: 2}\n  b: 3\n",
  },
  variants: [
    { name: "empty-config", config: {} },
    {
      name: "full-config",
      config: {
        name: "Named Site",
        description: "About it",
        url: "https://example.com",
        baseurl: "/blog/",
        lang: "zh-CN",
        timezone: "Asia/Shanghai",
        author: { name: "Jane", email: "jane@example.com" },
        permalink: "/:year/:title/",
        exclude: ["drafts-old"],
        include: ["_pages"],
        excerpt_separator: "<!--more-->",
        markdown: "kramdown",
        kramdown: { hard_wrap: true, syntax_highlighter_opts: { disable: true } },
        plugins: ["jekyll-feed"],
        collections: { posts: { output: false }, recipes: { output: true } },
        feed: { path: "/atom.xml", posts_limit: 20, excerpt_only: true, categories: ["news"], tags: { only: ["a"], path: "/tags/" } },
        feed_publisher: { items_per_feed: 30, https_hosts: ["example.org"], websub_hub: "https://hub.example/", archives: ["old_post"] },
      },
    },
  ],
};

/**
 * Symbolic links added to the post-files site once it is laid out (git keeps them poorly across
 * machines). `../../outside.md` from `_posts/` is the file beside the site's folder.
 */
export const postFilesLinks: { path: string; target: string }[] = [
  { path: "_posts/2020-01-02-link-inside.md", target: "../a/b/_posts/2020-01-01-ab.md" },
  { path: "_posts/2020-01-03-link-outside.md", target: "../../outside.md" },
  { path: "_posts/linkdir", target: "../a/b/_posts" },
  { path: "linked_a", target: "a" },
];

/** A fingerprint of the sites' definitions: the reference tables carry it, so a table made from other sites is told apart. */
export function sitesFingerprint(): string {
  return createHash("sha256").update(JSON.stringify([permalinkSite, postFilesSite, postFilesLinks, dataSite])).digest("hex").slice(0, 16);
}

/**
 * Writes a site's files into `site/` of a new temporary folder, with one variant's `_config.yml`
 * (JSON is YAML), its links, and `outside.md` beside it for a link to lead out to.
 */
export async function layOutSite(site: JekyllSite, config: Record<string, unknown>, links: typeof postFilesLinks = []): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "jekyll-site-")), "site");
  for (const [path, text] of Object.entries(site.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, "_config.yml"), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(dir, "../outside.md"), "---\ntitle: outside\n---\nOutside the site.\n");
  for (const link of links) await symlink(link.target, join(dir, link.path));
  return dir;
}
