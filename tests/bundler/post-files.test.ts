import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSiteConfig, type SiteConfig } from "../../src/bundler/site/config.js";
import { categoriesFromPath, findPostFiles, type PostFile, type RefusedFile } from "../../src/bundler/site/post-files.js";
import { postAddress } from "../../src/bundler/site/post-address.js";
import { layOutSite, postFilesLinks, postFilesSite } from "../support/jekyll-sites.js";
import { readReferenceTable, type ReferenceVariant } from "../support/jekyll-tables.js";

const variants = await readReferenceTable("jekyll-post-files.tsv");
const variant = (name: string) => variants.find((v) => v.name === name)!;

/** Whether the publisher's refusals account for a post Jekyll took: the file itself, or a link to a folder above it. */
const refusedFor = (refused: RefusedFile[], file: string) => refused.find((r) => r.file === file || file.startsWith(`${r.file}/`));

describe("which files are posts, against Jekyll 4.3 (tests/fixtures/jekyll-post-files.tsv)", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dirname(dir), { recursive: true, force: true });
  });

  describe.each(variants.map((v) => [v.name, v] as [string, ReferenceVariant]))("%s", (_, reference) => {
    let config: SiteConfig;
    let posts: PostFile[];
    let refused: RefusedFile[];
    beforeAll(async () => {
      const dir = await layOutSite(postFilesSite, reference.config, postFilesLinks);
      dirs.push(dir);
      config = readSiteConfig(dir).config;
      ({ posts, refused } = await findPostFiles(dir, config));
    });

    it("takes every post Jekyll takes, or says why not", () => {
      const ours = new Set(posts.map((p) => p.relativePath));
      for (const [file] of reference.rows) {
        // in safe mode Jekyll drops a link that leads out of the site; outside it Jekyll follows every link
        if (ours.has(file!)) continue;
        const withFolder = config.collectionsDir ? `${config.collectionsDir}/${file}` : file!;
        expect(refusedFor(refused, withFolder)?.reason, file).toMatch(/symbolic link|unconverted/);
      }
    });

    it("takes nothing Jekyll does not, but the archive folder's files", () => {
      const jekyll = new Set(reference.rows.map((row) => row[0]));
      const extra = posts.filter((p) => !jekyll.has(p.relativePath));
      expect(extra.every((p) => p.archive)).toBe(true);
      expect(extra.map((p) => p.file)).toEqual(reference.config.feed_publisher ? ["old_post/2020-01-01-archived.md", "old_post/2020-01-02-archived-only.md"] : []);
    });

    it("gives each post Jekyll's categories from its folders, and its URL", () => {
      for (const [file, url] of reference.rows) {
        const post = posts.find((p) => p.relativePath === file);
        if (!post || url === "") continue;
        const placed = postAddress(config, { file: post, frontMatter: {} });
        expect("url" in placed && placed.url, file).toBe(url);
      }
    });
  });

  it("never follows a symbolic link, and says so, though Jekyll follows links that stay in the site even in safe mode", async () => {
    const dir = await layOutSite(postFilesSite, variant("safe").config, postFilesLinks);
    dirs.push(dir);
    const { refused } = await findPostFiles(dir, readSiteConfig(dir).config);
    const links = refused.filter((r) => /symbolic link/.test(r.reason)).map((r) => r.file);
    expect(links).toEqual(["_posts/2020-01-02-link-inside.md", "_posts/2020-01-03-link-outside.md", "linked_a"]);
    expect(variant("safe").rows.map((row) => row[0])).toContain("_posts/2020-01-02-link-inside.md");
    expect(variant("safe").rows.map((row) => row[0])).not.toContain("_posts/2020-01-03-link-outside.md");
  });

  it("refuses, with a reason, post-named files of other kinds and Markdown files in _posts that are not named as posts", async () => {
    const dir = await layOutSite(postFilesSite, variant("build").config, postFilesLinks);
    dirs.push(dir);
    const { refused } = await findPostFiles(dir, readSiteConfig(dir).config);
    const reason = (file: string) => refused.find((r) => r.file === file)?.reason;
    expect(reason("_posts/2020-01-01-text.txt")).toMatch(/\.txt file: Jekyll publishes it unconverted/);
    // .mdown is not in Jekyll's markdown_ext: Jekyll copies it as it is
    expect(reason("_posts/2020-01-01-mdown.mdown")).toMatch(/unconverted/);
    expect(reason("_posts/README.md")).toMatch(/not named YYYY-MM-DD-title\.ext.*skips it without a word/);
    expect(reason("_posts/notes.md")).toMatch(/not named/);
    // pages and files Jekyll skips for their names are not posts, and not worth a word
    for (const file of ["index.md", "about/README.md", "_posts/_2020-01-01-underfile.md", "_posts/2020-01-01-backup.md~", "_posts/2020-01-01-noext"]) expect(reason(file), file).toBeUndefined();
  });
});

describe("findPostFiles on files git cannot hold", () => {
  let dir: string;
  const settings = (extra: Partial<SiteConfig> = {}) => ({ ...readSiteConfig("/nonexistent").config, ...extra });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "post-files-"));
    await mkdir(join(dir, "_posts"), { recursive: true });
    await writeFile(join(dir, "_posts/2020-01-01-ok.md"), "---\n---\n");
    await writeFile(Buffer.concat([Buffer.from(join(dir, "_posts/2020-01-01-")), Buffer.from([0xff, 0xfe]), Buffer.from(".md")]), "---\n---\n");
    execFileSync("mkfifo", [join(dir, "_posts/2020-01-02-pipe.md")]);
    await mkdir(join(dir, "_posts/2020-01-03-folder.md"));
    await mkdir(join(dir, "_drafts"));
    await writeFile(join(dir, "_drafts/idea.md"), "---\n---\n");
    await symlink("_posts", join(dir, "linked-posts"));
    await mkdir(join(dir, "archive/2020"), { recursive: true });
    await writeFile(join(dir, "archive/2020/2020-01-01-ok.md"), "---\n---\n");
    await writeFile(join(dir, "archive/notes.md"), "");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("refuses a name that is not UTF-8, a named pipe, a folder named like a post and a symbolic link, and reads on", async () => {
    const { posts, refused } = await findPostFiles(dir, settings());
    expect(posts.map((p) => p.file)).toEqual(["_posts/2020-01-01-ok.md"]);
    expect(refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/not UTF-8/),
      expect.stringMatching(/named pipe/),
      expect.stringMatching(/a folder named like a post/),
      expect.stringMatching(/symbolic link/),
    ]);
  });

  it("reads _drafts only when asked, as drafts", async () => {
    const { posts } = await findPostFiles(dir, settings({ showDrafts: true }));
    expect(posts.find((p) => p.file === "_drafts/idea.md")).toMatchObject({ draft: true, relativePath: "_drafts/idea.md", categoriesFromPath: [] });
  });

  it("reads an archive folder's dated files as the posts of the same name in _posts/, at any depth", async () => {
    const { posts } = await findPostFiles(dir, settings({ publisher: { itemsPerFeed: 50, httpsHosts: [], websubHub: "", archives: ["archive/"], filterWindow: 1000, archiveLines: false } }));
    expect(posts.filter((p) => p.archive)).toEqual([
      { file: "archive/2020/2020-01-01-ok.md", relativePath: "_posts/2020-01-01-ok.md", categoriesFromPath: [], draft: false, archive: true, markup: "markdown", outputExt: ".html" },
    ]);
  });

  it("reads nothing, and says nothing, of an archive folder the site does not have", async () => {
    const { posts, refused } = await findPostFiles(dir, settings({ publisher: { itemsPerFeed: 50, httpsHosts: [], websubHub: "", archives: ["gone"], filterWindow: 1000, archiveLines: false } }));
    expect(refused.filter((r) => r.file === "gone")).toEqual([]);
    expect(posts.filter((p) => p.archive)).toEqual([]);
  });
});

describe("categoriesFromPath", () => {
  it("makes a category of each folder above _posts, case kept, none of those below", () => {
    expect(categoriesFromPath("News/World/_posts/sub/2020-01-01-a.md", "_posts")).toEqual(["News", "World"]);
    expect(categoriesFromPath("_posts/sub/2020-01-01-a.md", "_posts")).toEqual([]);
  });

  it("cuts at the first `_posts` even inside a folder's name, as Jekyll does", () => {
    expect(categoriesFromPath("my_posts_dir/_posts/2020-01-01-a.md", "_posts")).toEqual(["my"]);
  });
});
