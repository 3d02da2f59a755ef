// `{% link %}` of a page or static file, against what Jekyll 4.3 wrote for the same site under six
// permalink styles (tests/fixtures/site-files/jekyll-urls.tsv, made by build-expected.sh there).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { readSiteConfig } from "../../src/bundler/site/config.js";
import { SiteFiles } from "../../src/bundler/site/site-files.js";

const fixture = join(import.meta.dirname, "../fixtures/site-files");
const root = join(fixture, "site");
const rows = readFileSync(join(fixture, "jekyll-urls.tsv"), "utf8").trim().split("\n").slice(1).map((line) => line.split("\t") as [string, string, string]);
const styles = [...new Set(rows.map(([style]) => style))];

/** Every file of the fixture site, from its root. */
function everyFile(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? everyFile(join(dir, entry.name)) : [relative(root, join(dir, entry.name))]));
}

const filesFor = (site: string, permalinkStyle: string) => new SiteFiles(site, { ...readSiteConfig(site).config, permalinkStyle });

describe("{% link %} of a site's pages and static files, as Jekyll writes it", () => {
  it.each(styles)("permalink: %s", (style) => {
    const files = filesFor(root, style);
    const jekyll = new Map(rows.filter(([s]) => s === style).map(([, file, url]) => [file, url]));
    // what Jekyll did not list (the post, _hidden/, the excluded secret.md, _config.yml) is not found
    const ours = new Map(everyFile().map((file) => [file, files.urlOf(file)] as const).filter(([, url]) => url !== undefined));
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(jekyll));
  });

  it("finds nothing outside the site, below a symbolic link, or named with dot segments", () => {
    const site = mkdtempSync(join(tmpdir(), "site-files-"));
    try {
      cpSync(root, site, { recursive: true });
      symlinkSync(join(site, "docs"), join(site, "linked"));
      symlinkSync("/etc/hostname", join(site, "host.txt"));
      const files = filesFor(site, "date");
      for (const path of ["../site-files/site/about.md", "docs/../about.md", "./about.md", "linked/guide.md", "host.txt", "docs", "/etc/passwd", ""]) {
        expect(files.urlOf(path), path).toBeUndefined();
      }
      expect(files.urlOf("about.md")).toBe("/b/about.html");
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe("a post's {% link %} to a page, through a publish", () => {
  const liquidSite = join(import.meta.dirname, "../fixtures/liquid/site");
  const expected = readFileSync(join(import.meta.dirname, "../fixtures/liquid/expected/tags.html"), "utf8");
  let scratch: string | undefined;
  afterAll(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it("writes the page's URL as Jekyll did, without a warning", async () => {
    const { records, problems } = await buildPosts(liquidSite, { now: Date.parse("2030-01-01") });
    const tags = records.find((r) => r.path === "/2021/06/01/tags.html")!;
    for (const line of ["link page: /blog/about.html", "link guide: /blog/guide/", "link dynamic: /blog/about.html"]) {
      expect(expected).toContain(line);
      expect(tags.contentHtml).toContain(line);
    }
    expect(problems.filter((p) => p.file.endsWith("tags.html")).map((p) => p.message).join("\n")).not.toMatch(/link:/);
  });

  it("is built again when the page's permalink changes", async () => {
    scratch = mkdtempSync(join(tmpdir(), "site-files-"));
    cpSync(liquidSite, scratch, { recursive: true });
    const cacheDir = join(scratch, ".cache");
    const now = Date.parse("2030-01-01");
    await buildPosts(scratch, { now, cacheDir });
    const about = join(scratch, "about.md");
    const text = readFileSync(about, "utf8");
    writeFileSync(about, text.replace("title: About", "title: About\npermalink: /about-us/"));
    const { records } = await buildPosts(scratch, { now, cacheDir });
    expect(records.find((r) => r.path === "/2021/06/01/tags.html")!.contentHtml).toContain("link page: /blog/about-us/");
  });
});
