import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absoluteUrl, normalizeUrl } from "../../src/bundler/site/absolute-url.js";
import { readSiteConfig, type SiteConfig } from "../../src/bundler/site/config.js";
import { postAddress, type PostAddress } from "../../src/bundler/site/post-address.js";
import { findPostFiles } from "../../src/bundler/site/post-files.js";
import { escapeUrlPath, postId, postUrl, sanitizeUrl, titleFromSlug, unknownPlaceholders } from "../../src/bundler/site/permalink.js";
import { slugify } from "../../src/bundler/site/slugify.js";
import { dateScalar, postTime, xmlSchema } from "../../src/bundler/site/post-time.js";
import { layOutSite, permalinkSite } from "../support/jekyll-sites.js";
import { hasCorpus, layOutCorpusSite, readJekyllReference } from "../support/shared.js";
import { readReferenceTable, type ReferenceVariant } from "../support/jekyll-tables.js";
import { CORE_SCHEMA, load } from "js-yaml";

/** Jekyll's front matter block: the YAML between the first two `---` lines. */
function frontMatterOf(text: string): string {
  return /^---\s*\n([\s\S]*?)\n?^(?:---|\.\.\.)\s*$/m.exec(text)?.[1] ?? "";
}

/** Every post of a laid-out site, placed by the publisher. */
async function placePosts(dir: string, config: SiteConfig, drafts: boolean): Promise<Map<string, PostAddress | { error: string }>> {
  const { posts } = await findPostFiles(dir, { ...config, showDrafts: drafts });
  const placed = new Map<string, PostAddress | { error: string }>();
  for (const file of posts) {
    const yaml = frontMatterOf(await readFile(join(dir, file.file), "utf8"));
    const frontMatter = (load(yaml, { schema: CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
    placed.set(file.file, postAddress(config, { file, frontMatter, dateScalar: dateScalar(yaml) }));
  }
  return placed;
}

describe("post URLs, ids and dates against Jekyll 4.3 + jekyll-feed 0.17 (tests/fixtures/jekyll-permalinks.tsv)", async () => {
  const variants = await readReferenceTable("jekyll-permalinks.tsv");
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dirname(dir), { recursive: true, force: true });
  });

  it("covers every style, the custom placeholders, baseurls and zones", () => {
    expect(variants.map((v) => v.name)).toEqual(permalinkSite.variants.map((v) => v.name));
    expect(variants.every((v) => v.rows.length >= 30)).toBe(true);
  });

  describe.each(variants.map((v) => [v.name, v] as [string, ReferenceVariant]))("%s", (_, variant) => {
    let config: SiteConfig;
    let placed: Map<string, PostAddress | { error: string }>;
    beforeAll(async () => {
      const dir = await layOutSite(permalinkSite, variant.config);
      dirs.push(dir);
      config = readSiteConfig(dir).config;
      placed = await placePosts(dir, config, variant.flags === "drafts");
    });

    it("takes the same files as posts", () => {
      expect([...placed.keys()].sort()).toEqual(variant.rows.map((row) => row[0]).sort());
    });

    it("gives each post Jekyll's URL, date, categories, tags, Atom id and output file", () => {
      for (const [file, url, atomId, date, categories, tags, output] of variant.rows) {
        const ours = placed.get(file!);
        expect(ours, file).toBeDefined();
        if (!ours || "error" in ours) throw new Error(`${file}: ${ours && "error" in ours ? ours.error : "missing"}`);
        expect({ file, url: ours.url, date: ours.date }).toEqual({ file, url, date });
        expect({ file, atomId: ours.atomId }).toEqual({ file, atomId });
        expect({ file, output: ours.outputFile }).toEqual({ file, output });
        expect({ file, categories: ours.categories, tags: ours.tags }).toEqual({ file, categories: JSON.parse(categories!), tags: JSON.parse(tags!) });
      }
    });

    it("gives the feed Jekyll's own id", () => {
      const feedPath = (variant.config.feed as { path?: string } | undefined)?.path ?? "/feed.xml";
      expect(absoluteUrl(config, feedPath)).toBe(variant.extra);
    });
  });
});

describe("Jekyll's permalink pieces, each on its own", () => {
  const zone = "Asia/Shanghai";
  const time = postTime(undefined, "2020-01-05", zone)!;
  const url = (template: string, data: Record<string, unknown> = {}, relativePath = "_posts/2020-01-05-hello-world.md") =>
    postUrl({ relativePath, data, time, outputExt: ".html" }, template);

  it("reads `:month_` as :month and a literal `_` (Jekyll's underscore rule)", () => {
    expect(url("/:month_:day/:title")).toBe("/01_05/hello-world");
  });

  it("leaves literal text of a template as written and squeezes repeated slashes", () => {
    expect(url("//blog//:title/")).toBe("/blog/hello-world/");
    expect(url("/:categories/:title/")).toBe("/hello-world/");
  });

  it("turns `..` into `/` and drops `./`, so no permalink climbs out of the site", () => {
    expect(sanitizeUrl("/../a/./b/..x")).toBe("/a/b/x");
    expect(url("/:categories/:title.html", { categories: ["..", "."] })).toBe("/hello-world.html");
  });

  it("finds the placeholders Jekyll does not know", () => {
    expect(unknownPlaceholders("/:year/:basename/:month_/:title")).toEqual([":basename"]);
    expect(() => url("/:basename/")).toThrow(/:basename/);
  });

  it("escapes as Jekyll's URL.escape_path: sub-delims, `:`, `@` and `?` kept; `#`, `%`, space and non-ASCII encoded", () => {
    expect(escapeUrlPath("a b#c%d?e")).toBe("a%20b%23c%25d?e");
    expect(escapeUrlPath("a:~!$&()*,;=@+")).toBe("a:~!$&()*,;=@+");
    expect(escapeUrlPath("央视")).toBe("%E5%A4%AE%E8%A7%86");
  });

  it("fails where Jekyll's escaping fails: a value that starts like a URL with a scheme that is none", () => {
    // Jekyll 4.3.1: "Invalid scheme format" / "ambiguous path", and the build stops
    expect(() => escapeUrlPath("1a:b")).toThrow(/scheme/);
    expect(() => escapeUrlPath(":x")).toThrow(/scheme/);
    expect(() => escapeUrlPath("é:x")).toThrow(/scheme/);
    expect(escapeUrlPath("a/b:c")).toBe("a/b:c");
  });

  it("slugifies as Jekyll: pretty keeps case and `._~!$&'()+,;=@`, default lowercases and keeps letters, marks and digits", () => {
    expect(slugify("The _config.yml file", "pretty", true)).toBe("The-_config.yml-file");
    expect(slugify("The _config.yml file")).toBe("the-config-yml-file");
    expect(slugify("--a--")).toBe("a");
    expect(slugify("中文 标题")).toBe("中文-标题");
  });

  it("titles a post without one as Jekyll does (each word capitalized, the rest lowercased)", () => {
    expect(titleFromSlug("hello-world")).toBe("Hello World");
    expect(titleFromSlug("NW2022-x")).toBe("Nw2022 X");
  });

  it("makes the id from the URL's folder and the slug as written", () => {
    const input = { relativePath: "_posts/2020-01-05-hello-world.md", data: { slug: "Hello World" }, time, outputExt: ".html" };
    expect(postId(input, "/2020/01/05/Hello-World.html")).toBe("/2020/01/05/Hello World");
    expect(postId({ ...input, data: {} }, "/x/y/")).toBe("/x/hello-world");
    expect(postId({ ...input, data: {} }, "/")).toBe("/hello-world");
  });

  it("normalizes absolute URLs as Addressable does: NFKC, `//` kept, dot segments removed, host lowercased", () => {
    expect(normalizeUrl("https://Ex.COM:443/b/Ｆｕｌｌ/a b")).toBe("https://ex.com/b/Full/a%20b");
    expect(normalizeUrl("https://ex.com//b/./c/../d")).toBe("https://ex.com//b/d");
    expect(normalizeUrl("https://ex.com/%e4%b8%ad/%41%2f")).toBe("https://ex.com/%E4%B8%AD/A%2F");
    expect(absoluteUrl({ url: "", baseurl: "blog/" }, "/x")).toBe("/blog/x");
  });
});

describe("postAddress", () => {
  const site = { ...readSiteConfig("/nonexistent").config, timeZone: "Asia/Shanghai", url: "https://example.com", baseurl: "/blog" };
  const file = { relativePath: "_drafts/idea.md", categoriesFromPath: [], outputExt: ".html", draft: true };

  it("dates a draft without a date by its file's time, as Jekyll does", () => {
    const placed = postAddress(site, { file, frontMatter: {}, mtimeMs: Date.UTC(2024, 0, 31, 20) });
    expect(placed).toMatchObject({ url: "/2024/02/01/idea.html", path: "/blog/2024/02/01/idea.html", link: "https://example.com/blog/2024/02/01/idea.html", atomId: "https://example.com/blog/2024/02/01/idea" });
  });

  it("says why where Jekyll stops the build", () => {
    expect(postAddress(site, { file, frontMatter: {} })).toEqual({ error: expect.stringMatching(/no date/) });
    expect(postAddress(site, { file, frontMatter: {}, dateScalar: "someday" })).toEqual({ error: expect.stringMatching(/someday/) });
    expect(postAddress({ ...site, permalink: "/:basename/" }, { file: { ...file, relativePath: "_posts/2020-01-01-a.md", draft: false }, frontMatter: {} })).toEqual({ error: expect.stringMatching(/:basename/) });
  });
});

describe("post dates as Jekyll reads them", () => {
  const zone = "Asia/Shanghai";
  const at = (written: string | undefined, fileDate?: string) => xmlSchema(postTime(written, fileDate, zone)!);

  it("reads an unquoted `YYYY-MM-DD HH:MM:SS` without offset as UTC (a YAML timestamp), a quoted one in the site's zone", () => {
    expect(at("2020-01-05 20:00:00")).toBe("2020-01-06T04:00:00+08:00");
    expect(at('"2020-01-05 20:00:00"')).toBe("2020-01-05T20:00:00+08:00");
    expect(at("'2020-01-05 20:00:00'")).toBe("2020-01-05T20:00:00+08:00");
  });

  it("reads forms that are not YAML timestamps in the site's zone, and keeps any offset", () => {
    expect(at("2020-01-05 20:00")).toBe("2020-01-05T20:00:00+08:00");
    expect(at("2020-01-04")).toBe("2020-01-04T00:00:00+08:00");
    expect(at("2020-01-05 23:30:00 -0500")).toBe("2020-01-06T12:30:00+08:00");
  });

  it("dates a post without a date line at midnight of its file name's date, in the site's zone", () => {
    expect(at(undefined, "2020-1-7")).toBe("2020-01-07T00:00:00+08:00");
    expect(at(undefined, "20-01-05")).toBe("2020-01-05T00:00:00+08:00");
    expect(at(undefined, "2021-02-29")).toBe("2021-03-01T00:00:00+08:00");
    expect(postTime(undefined, "2020-13-01", zone)).toBeUndefined();
  });

  it("takes the date line as written, quotes and all, and no comment", () => {
    expect(dateScalar('title: x\ndate: "2020-01-05 20:00:00" # local\n')).toBe('"2020-01-05 20:00:00"');
    expect(dateScalar("title: x\n")).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)("the first site's archive against Jekyll's own build of it (tests/fixtures/jekyll-reference.tsv)", () => {
  it("gives every post, old_post/ archive included, Jekyll's permalink and jekyll-feed's Atom id", async () => {
    const dir = (await layOutCorpusSite())!;
    await writeFile(join(dir, "_config.yml"), "url: https://finews.withounder.com\ntimezone: Asia/Shanghai\nfeed_publisher:\n  archives: [old_post]\n");
    const { config, problems } = readSiteConfig(dir);
    expect(problems).toEqual([]);
    const placed = await placePosts(dir, config, false);
    const reference = await readJekyllReference();
    for (const row of reference) {
      const ours = placed.get(row.sitePath);
      expect(ours && !("error" in ours) && { url: ours.url, atomId: ours.atomId }, row.sitePath).toEqual({ url: row.url, atomId: row.atomId });
    }
    await rm(dir, { recursive: true, force: true });
  });
});
