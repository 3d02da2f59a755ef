import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { jekyllPermalink, slugify } from "../../src/bundler/read/permalink.js";
import { parsePostDate } from "../../src/bundler/read/post-date.js";
import { site } from "../../src/site.js";
import { hasCorpus, layOutCorpusSite, readJekyllReference } from "../support/shared.js";

const date = parsePostDate("2022-06-01 10:00:00 +0800", site.timeZone)!;

describe("jekyllPermalink", () => {
  it("is /:categories/:year/:month/:day/:title.html", () => {
    expect(jekyllPermalink(["emnews"], date, "202206010000000001")).toBe("/emnews/2022/06/01/202206010000000001.html");
  });

  it("lowercases categories, one segment each, without repeats (as Jekyll 4.3 does)", () => {
    expect(jekyllPermalink(["Foo", "Bar", "foo"], date, "x")).toBe("/foo/bar/2022/06/01/x.html");
  });

  it("percent-encodes Chinese categories and slugs the way Jekyll writes them", () => {
    // Jekyll 4.3.1 gave these two for `categories: 央视新闻` and the file `2022-06-01-中文 标题.md`
    expect(jekyllPermalink(["央视新闻"], date, "cncat")).toBe("/%E5%A4%AE%E8%A7%86%E6%96%B0%E9%97%BB/2022/06/01/cncat.html");
    expect(jekyllPermalink(["emnews"], date, "中文 标题")).toBe("/emnews/2022/06/01/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98.html");
  });

  it("keeps a slug's case and never lets a category climb out of the site", () => {
    expect(slugify("NW2022")).toBe("NW2022");
    expect(jekyllPermalink(["..", "."], date, "x")).toBe("/2022/06/01/x.html");
  });
});

describe.skipIf(!hasCorpus)("against Jekyll's own build of the corpus", () => {
  it("gives every post Jekyll's permalink and jekyll-feed's Atom id", async () => {
    const dir = (await layOutCorpusSite())!;
    const { records } = await buildPosts(dir, site);
    const reference = await readJekyllReference();
    const ours = new Map(records.map((r) => [r.path, r.id]));
    for (const row of reference) {
      expect(ours.get(row.url), row.sitePath).toBe(row.atomId);
    }
    expect(ours.size).toBe(new Set(reference.map((r) => r.url)).size);
  });
});
