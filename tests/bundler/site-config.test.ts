import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { absoluteUrl } from "../../src/bundler/site/absolute-url.js";
import { postAuthor } from "../../src/bundler/site/authors.js";
import { DEFAULT_EXCLUDES, readSiteConfig } from "../../src/bundler/site/config.js";
import { applyDefaults, defaultsFor, readDefaults } from "../../src/bundler/site/defaults.js";
import { postAddress } from "../../src/bundler/site/post-address.js";
import { findPostFiles } from "../../src/bundler/site/post-files.js";
import { dataSite, layOutSite } from "../support/jekyll-sites.js";
import { readReferenceTable } from "../support/jekyll-tables.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "site-config-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function site(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return readSiteConfig(dir);
}

describe("readSiteConfig against Jekyll 4.3's own reading (tests/fixtures/jekyll-settings.tsv)", async () => {
  const variants = await readReferenceTable("jekyll-settings.tsv");
  const dirs: string[] = [];
  afterAll(async () => {
    for (const laid of dirs) await rm(dirname(laid), { recursive: true, force: true });
  });

  it.each(variants.map((v) => [v.name, v] as const))("%s: the same settings, defaults, site.data and first post URL", async (_, variant) => {
    const jekyll = JSON.parse(variant.rows[0]![0]!) as Record<string, unknown>;
    const laid = await layOutSite(dataSite, variant.config);
    dirs.push(laid);
    const { config } = readSiteConfig(laid);
    expect(config.data).toEqual(jekyll.data);
    expect({
      exclude: config.raw.exclude,
      include: config.raw.include,
      excerpt_separator: config.raw.excerpt_separator,
      markdown_ext: config.raw.markdown_ext,
      kramdown: config.raw.kramdown,
      feed: config.raw.feed ?? null,
      permalink: config.raw.permalink,
      timezone: config.raw.timezone,
    }).toEqual({
      exclude: jekyll.exclude,
      include: jekyll.include,
      excerpt_separator: jekyll.excerpt_separator,
      markdown_ext: jekyll.markdown_ext,
      kramdown: jekyll.kramdown,
      feed: jekyll.feed,
      permalink: jekyll.permalink,
      timezone: jekyll.timezone,
    });
    expect(absoluteUrl(config, "/feed.xml")).toBe(jekyll.feed_url);
    const { posts } = await findPostFiles(laid, config);
    const placed = postAddress(config, { file: posts[0]!, frontMatter: { title: "a" } });
    expect("url" in placed && placed.url).toBe(jekyll.post_url);
  });
});

describe("readSiteConfig", () => {
  it("gives Jekyll's defaults to a site without _config.yml, and says the zone is UTC", async () => {
    const { config, problems } = await site({});
    expect(config).toMatchObject({
      title: "",
      url: "",
      baseurl: "",
      lang: "",
      timeZone: "UTC",
      permalinkStyle: "date",
      permalink: "/:categories/:year/:month/:day/:title:output_ext",
      future: false,
      showDrafts: false,
      exclude: DEFAULT_EXCLUDES,
      include: [".htaccess"],
      excerptSeparator: "\n\n",
      markdown: "kramdown",
      markdownExtensions: ["markdown", "mkdown", "mkdn", "mkd", "md"],
      collectionsDir: "",
      feed: { path: "/feed.xml", postsLimit: 10, excerptOnly: false, categories: [], tags: false },
      publisher: { itemsPerFeed: 50, httpsHosts: [], websubHub: "", archives: [], archiveLines: false },
      data: {},
    });
    expect(problems).toEqual([{ file: "_config.yml", severity: "warning", message: expect.stringMatching(/timezone is not set.*UTC/) }]);
  });

  it("reads every setting it knows into its field", async () => {
    const { config, problems } = await site({
      "_config.yml": [
        "title: My Site",
        "description: Notes",
        "url: https://example.com",
        "baseurl: blog/",
        "lang: zh-CN",
        "timezone: Asia/Shanghai",
        "author: {name: Jane, email: jane@example.com, uri: https://jane.example}",
        "permalink: pretty",
        "future: yes", // YAML 1.1, as Jekyll's YAML reader has it
        "show_drafts: true",
        "exclude: [old/]",
        "include: [_pages]",
        "excerpt_separator: <!--more-->",
        "markdown_ext: md, MARKDOWN",
        "plugins: [jekyll-feed]",
        "collections_dir: content",
        "feed:",
        "  path: atom.xml",
        "  posts_limit: 25",
        "  excerpt_only: true",
        "  categories: [news]",
        "  tags: {except: [draft]}",
        "feed_publisher:",
        "  items_per_feed: 20",
        "  https_hosts: [Example.ORG]",
        "  websub_hub: https://hub.example/",
        "  archives: [old_post/]",
        "  archive_lines: true",
      ].join("\n"),
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      title: "My Site",
      description: "Notes",
      url: "https://example.com",
      baseurl: "/blog",
      lang: "zh-CN",
      timeZone: "Asia/Shanghai",
      author: { name: "Jane", email: "jane@example.com", uri: "https://jane.example" },
      permalink: "/:categories/:year/:month/:day/:title/",
      future: true,
      showDrafts: true,
      exclude: ["old/", ...DEFAULT_EXCLUDES],
      include: ["_pages"],
      excerptSeparator: "<!--more-->",
      markdownExtensions: ["md", "markdown"],
      plugins: ["jekyll-feed"],
      collectionsDir: "content",
      feed: { path: "/atom.xml", postsLimit: 25, excerptOnly: true, categories: ["news"], tags: { except: ["draft"], path: "/feed/by_tag/" } },
      publisher: { itemsPerFeed: 20, httpsHosts: ["example.org"], websubHub: "https://hub.example/", archives: ["old_post"], archiveLines: true },
    });
    expect(config.raw.title).toBe("My Site");
  });

  it("takes `name` for the title when there is no `title`, as jekyll-feed does", async () => {
    expect((await site({ "_config.yml": "name: Named\n" })).config.title).toBe("Named");
  });

  it("stops at a _config.yml that does not parse, naming its line (the defaults would change every id)", async () => {
    await expect(site({ "_config.yml": "title: ok\nurl: [unclosed\ntimezone: UTC\n" })).rejects.toThrow(/^_config\.yml:\d+: does not parse as YAML .*nothing was published/);
  });

  it("stops at TOML settings, which it does not read", async () => {
    await expect(site({ "_config.toml": "title = 'x'\n" })).rejects.toThrow(/_config\.toml: TOML settings are not read/);
  });

  it("reports a _config.yml that is not a mapping", async () => {
    const { problems } = await site({ "_config.yml": "- a\n- b\n" });
    expect(problems[0]).toMatchObject({ severity: "error", message: expect.stringMatching(/not a mapping/) });
  });

  it("reports each bad value on its line and gives that key its default, keeping the others", async () => {
    const lines = [
      "title: Kept",
      "url: example.com",
      "baseurl: https://example.com/blog",
      "timezone: Mars/Olympus",
      "permalink: /:year/:basename/",
      "future: maybe",
      "exclude: old",
      "plugins: jekyll-feed",
      "author: {email: a@example.com}",
      "feed:",
      "  posts_limit: ten",
      "  colour: red",
      "feed_publisher:",
      "  items_per_feed: 0",
      "  https_hosts: [example.org, 'not a host']",
      "  archives: [../outside, old_post]",
      "  extra: 1",
    ];
    const { config, problems } = await site({ "_config.yml": lines.join("\n") });
    const at = (line: number) => problems.filter((p) => p.line === line).map((p) => `${p.severity}: ${p.message}`);
    expect(config.title).toBe("Kept");
    expect(at(2)).toEqual([expect.stringMatching(/^error: url should be the site's origin/)]);
    expect(config.url).toBe("");
    expect(at(3)).toEqual([expect.stringMatching(/^error: baseurl/)]);
    expect(config.baseurl).toBe("");
    expect(at(4)).toEqual([expect.stringMatching(/^error: timezone "Mars\/Olympus" is not an IANA zone/)]);
    expect(config.timeZone).toBe("UTC");
    expect(at(5)).toEqual([expect.stringMatching(/^error: permalink .*:basename.*date, used instead/)]);
    expect(config.permalink).toBe("/:categories/:year/:month/:day/:title:output_ext");
    expect(at(6)).toEqual([expect.stringMatching(/^error: future: should be true or false/)]);
    expect(at(7)).toEqual([expect.stringMatching(/^error: exclude: should be a list/)]);
    expect(config.exclude).toEqual(DEFAULT_EXCLUDES);
    expect(at(8)).toEqual([expect.stringMatching(/^error: plugins: should be a list/)]);
    expect(at(9)).toEqual([expect.stringMatching(/^error: author should be a name/)]);
    expect(config.author).toBeUndefined();
    expect(at(11)).toEqual([expect.stringMatching(/^error: feed.posts_limit should be a whole number/)]);
    expect(config.feed.postsLimit).toBe(10);
    expect(at(12)).toEqual([expect.stringMatching(/^warning: feed.colour is not a jekyll-feed 0.17 setting/)]);
    expect(at(14)).toEqual([expect.stringMatching(/^error: feed_publisher.items_per_feed/)]);
    expect(at(15)).toEqual([expect.stringMatching(/"not a host" are not host names/)]);
    expect(config.publisher.httpsHosts).toEqual(["example.org"]);
    expect(at(16)).toEqual([expect.stringMatching(/"\.\.\/outside" is not a folder inside the site/)]);
    expect(config.publisher.archives).toEqual(["old_post"]);
    expect(at(17)).toEqual([expect.stringMatching(/^warning: feed_publisher.extra is not a setting/)]);
  });

  it("keeps a url's trailing slash, as Jekyll's ids have it, with a warning", async () => {
    const { config, problems } = await site({ "_config.yml": "url: https://example.com/\ntimezone: UTC\n" });
    expect(config.url).toBe("https://example.com/");
    expect(absoluteUrl(config, "/x")).toBe("https://example.com//x");
    expect(problems).toEqual([expect.objectContaining({ line: 1, severity: "warning", message: expect.stringMatching(/ends with "\/"/) })]);
  });

  it("lets collections.posts.permalink override permalink, and says other collections are not published", async () => {
    const { config, problems } = await site({ "_config.yml": "timezone: UTC\npermalink: pretty\ncollections:\n  posts:\n    permalink: /p/:title/\n  recipes:\n    output: true\n" });
    expect(config.permalink).toBe("/p/:title/");
    expect(problems).toEqual([expect.objectContaining({ line: 3, severity: "warning", message: expect.stringMatching(/recipes are not published/) })]);
  });

  it("reads _config.yaml when there is no _config.yml, and says which one of two it read", async () => {
    expect((await site({ "_config.yaml": "title: Y\ntimezone: UTC\n" })).config.title).toBe("Y");
    const both = await site({ "_config.yml": "title: A\ntimezone: UTC\n" });
    expect(both.config.title).toBe("A");
    expect(both.problems).toEqual([{ file: "_config.yaml", severity: "warning", message: "not read: Jekyll reads _config.yml and no other" }]);
  });

  it("allows anchors, aliases and merge keys in the owner's own _config.yml", async () => {
    const { config, problems } = await site({
      "_config.yml": "timezone: UTC\nbase: &base {layout: post, author: Jane}\ndefaults:\n  - scope: {path: ''}\n    values:\n      <<: *base\n      layout: article\n",
    });
    expect(problems).toEqual([]);
    expect(config.defaults).toEqual([{ scope: { path: "" }, values: { layout: "article", author: "Jane" } }]);
  });

  it("reports a data file that does not parse, and reads the rest", async () => {
    const { config, problems } = await site({ "_config.yml": "timezone: UTC\n", "_data/good.yml": "a: 1\n", "_data/bad.yml": "a: [1\n" });
    expect(config.data).toEqual({ good: { a: 1 } });
    expect(problems).toEqual([expect.objectContaining({ file: "_data/bad.yml", severity: "error", message: expect.stringMatching(/data file not read/) })]);
  });
});

describe("front matter defaults", () => {
  const report = () => undefined;

  it("apply later and longer scopes over earlier ones, and the post's own front matter over all (Jekyll 4.3's precedence)", () => {
    const defaults = readDefaults(
      [
        { scope: { path: "" }, values: { layout: "base", a: "root", b: "root" } },
        { scope: { path: "", type: "posts" }, values: { a: "posts" } },
        { scope: { path: "blog" }, values: { b: "blog" } },
        { scope: { path: "blog/_posts" }, values: { c: "blog-posts" } },
        { scope: { path: "blog", type: "posts" }, values: { c: "blog-typed" } },
        { scope: { path: "bl" }, values: { d: "prefix" } },
      ],
      report,
    );
    // the shorter `blog` with a type comes after the longer path: it only fills gaps
    expect(defaultsFor(defaults, "blog/_posts/2020-01-01-x.md")).toEqual({ layout: "base", a: "posts", b: "blog", c: "blog-posts", d: "prefix" });
    expect(defaultsFor(defaults, "_posts/2020-01-01-x.md")).toEqual({ layout: "base", a: "posts", b: "root" });
    expect(applyDefaults({ layout: "own", b: null }, defaultsFor(defaults, "_posts/2020-01-01-x.md"), [])).toMatchObject({ layout: "own", b: "root" });
  });

  it("match glob scopes on the post's path and its folders", () => {
    const defaults = readDefaults([{ scope: { path: "*/_posts/2020-*" }, values: { g: 1 } }, { scope: { path: "_posts/**/deep" }, values: { h: 1 } }], report);
    expect(defaultsFor(defaults, "news/_posts/2020-01-01-x.md")).toEqual({ g: 1 });
    expect(defaultsFor(defaults, "_posts/a/deep/2020-01-01-x.md")).toEqual({ h: 1 });
    expect(defaultsFor(defaults, "_posts/2020-01-01-x.md")).toEqual({});
    // Dir.glob expands braces and never lets `*` take a leading dot
    const braces = readDefaults([{ scope: { path: "{news,blog}/_posts/*" }, values: { b: 1 } }], report);
    expect(defaultsFor(braces, "blog/_posts/2020-01-01-x.md")).toEqual({ b: 1 });
    expect(defaultsFor(braces, "blog/_posts/.2020-01-01-x.md")).toEqual({});
    expect(defaultsFor(braces, "other/_posts/2020-01-01-x.md")).toEqual({});
  });

  it("never apply type drafts or a path with a leading slash, as in Jekyll 4.3, and say so", () => {
    const said: string[] = [];
    const defaults = readDefaults(
      [
        { scope: { path: "", type: "drafts" }, values: { d: 1 } },
        { scope: { path: "/blog/" }, values: { s: 1 } },
        { scope: { path: "", type: "post" }, values: { p: 1 } },
      ],
      (_, message) => said.push(message),
    );
    expect(defaultsFor(defaults, "blog/_drafts/x.md")).toEqual({ p: 1 });
    expect(said).toEqual([expect.stringMatching(/type drafts never applies/), expect.stringMatching(/starts with "\/"/)]);
  });

  it("join categories from the path, the defaults and the front matter instead of replacing them", () => {
    const data = applyDefaults({ categories: "Own two" }, { categories: ["FromDefault"] }, ["blog"]);
    expect(data.categories).toEqual(["blog", "FromDefault", "Own", "two"]);
  });
});

describe("postAuthor, as jekyll-feed writes <author>", () => {
  const site = { raw: { author: "site-author" }, data: { authors: { jane: { name: "Jane Doe", email: "jane@example.com" } } } };

  it("looks a post's author up in _data/authors.yml", () => {
    expect(postAuthor({ author: "jane" }, site)).toEqual({ name: "Jane Doe", email: "jane@example.com" });
    expect(postAuthor({ authors: ["jane", "bob"] }, site)).toEqual({ name: "Jane Doe", email: "jane@example.com" });
  });

  it("falls back to the site's author, and to an empty name", () => {
    expect(postAuthor({ author: "" }, site)).toEqual({ name: "site-author" });
    expect(postAuthor({}, { raw: {}, data: {} })).toEqual({ name: "" });
    expect(postAuthor({ author: { name: "Inline", uri: "https://x.example" } }, site)).toEqual({ name: "Inline", uri: "https://x.example" });
  });
});
