// Each kind of bad post, in a file made for it: reported with file and reason, the good ones published.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { TextEncoder } from "node:util";
import { describe, expect, it } from "vitest";
import { buildPosts, type FolderBuild } from "../../src/bundler/records/build-posts.js";
import fc from "fast-check";
import { MAX_NESTING, MAX_TERMS, MAX_TERM_LENGTH, nestingDepth } from "../../src/bundler/records/build-post.js";
import { decodePost } from "../../src/bundler/read/decode.js";
import { MAX_FEED_CONTENT } from "../../src/bundler/layout/feed-lists.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest } from "../../src/kv/manifest.js";
import { archiveSite as site, asArchive, buildArchivePost } from "../support/archive-site.js";
import { readArticle, readFeedWindow } from "../../src/worker/store.js";
import { publishRecords } from "../support/bundles.js";
import { JsWorkMeter } from "../support/js-work.js";
import { commonHanzi, encodeGbk } from "../support/gbk.js";
import { MemoryKv } from "../support/memory-kv.js";
import { corpusDir, hasCorpus } from "../support/shared.js";

const post = (front: string, body = "正文。\n") => `---\n${front}\n---\n${body}`;
const ok = (title: string, date = "2024-01-01 08:00:00 +0800") => post(`title: ${title}\ndate: ${date}\ncategories: emnews`);

/** A Chinese post as a Windows tool would save it. */
const gbkPost = () => encodeGbk(post('title: "中文标题"\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews', "正文。"))!;

async function bundleOf(files: Record<string, string | Uint8Array>): Promise<FolderBuild & { messages: Record<string, string[]> }> {
  const dir = await asArchive(await mkdtemp(join(tmpdir(), "bad-posts-")));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  const result = await buildPosts(dir, { now: Date.UTC(2025, 0, 1) });
  const messages: Record<string, string[]> = {};
  for (const p of result.problems) (messages[p.file] ??= []).push(`${p.severity}: ${p.message}`);
  return { ...result, messages };
}

describe("front matter broken by the title", () => {
  it.each([
    // the title as jekyll-feed writes it: its quotes curly
    ['title: "a "quoted" word"', "a “quoted” word", /repaired/],
    ["title: 公司: 业绩大增", "公司: 业绩大增", /repaired/],
    ["title: 公司 #1 产品", "公司 #1 产品", /read as the whole line/],
    ["title: *ST某某复牌", "*ST某某复牌", /repaired/],
  ])("repairs %s and says so", async (line, title, message) => {
    const { records, messages } = await bundleOf({ "_posts/2024-01-01-a.md": post(`${line}\ndate: 2024-01-01 08:00:00 +0800`) });
    expect(records.map((r) => r.title)).toEqual([title]);
    expect(messages["_posts/2024-01-01-a.md"]).toEqual([expect.stringMatching(message)]);
  });

  it("reports a title whose intent is not clear, and publishes the rest", async () => {
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-a.md": post('title: "no closing quote\ndate: 2024-01-01 08:00:00 +0800'),
      "_posts/2024-01-02-b.md": ok("好"),
    });
    expect(records.map((r) => r.title)).toEqual(["好"]);
    expect(messages["_posts/2024-01-01-a.md"]![0]).toMatch(/^error: front matter is not valid YAML/);
  });

  it("says on which line of the file the title was", async () => {
    const { problems } = await bundleOf({
      "_posts/2024-01-01-a.md": post('layout: post\ntitle: "a "b" c"\ndate: 2024-01-01 08:00:00 +0800'),
      "_posts/2024-01-02-b.md": post('layout: post\ndate: 2024-01-02\ntitle: "no closing'),
    });
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ["_posts/2024-01-01-a.md", 3],
      ["_posts/2024-01-02-b.md", 4],
    ]);
  });
});

describe("files", () => {
  it("reports empty files, files without front matter and invalid UTF-8; reads BOM, CRLF and GBK", async () => {
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-empty.md": "",
      "_posts/2024-01-02-blank.md": "  \n\n",
      "_posts/2024-01-03-plain.md": "没有 front matter\n",
      "_posts/2024-01-04-bom.md": `\uFEFF${ok("BOM")}`,
      "_posts/2024-01-05-crlf.md": ok("CRLF").replace(/\n/g, "\r\n"),
      "_posts/2024-01-06-gbk.md": gbkPost(),
      "_posts/2024-01-07-bytes.md": Uint8Array.from([...new TextEncoder().encode(ok("坏")), 0xff, 0xfe, 0x80]),
      "_posts/2024-01-08-frontonly.md": post('title: "只有标题"\ndate: 2024-01-08 08:00:00 +0800', ""),
    });
    expect(records.map((r) => r.title).sort()).toEqual(["BOM", "CRLF", "Plain", "中文标题", "只有标题"].sort());
    expect(records.find((r) => r.title === "中文标题")!.contentHtml).toBe("<p>正文。</p>");
    expect(messages["_posts/2024-01-01-empty.md"]).toEqual(["error: empty file"]);
    expect(messages["_posts/2024-01-02-blank.md"]).toEqual(["error: empty file"]);
    expect(messages["_posts/2024-01-03-plain.md"]![0]).toMatch(/^warning: no front matter .*published as Jekyll publishes it/);
    expect(messages["_posts/2024-01-06-gbk.md"]).toEqual(["warning: file is GBK, not UTF-8: read as GBK; save it as UTF-8"]);
    expect(messages["_posts/2024-01-07-bytes.md"]![0]).toMatch(/^error: file is not UTF-8 \(invalid byte at offset \d+\)/);
    expect(messages["_posts/2024-01-08-frontonly.md"]).toEqual(["warning: the post has no body: published with its title only"]);
    for (const record of records) expect(record.title + record.contentHtml).not.toMatch(/\uFFFD|\r/);
  });
});

describe("dates", () => {
  it("reads every common form, falls back to the file name, and reports what it cannot read", async () => {
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-jekyll.md": ok("jekyll", "2024-01-01 08:00:00 +0800"),
      "_posts/2024-01-02-iso.md": ok("iso", "2024-01-02T08:00:00+08:00"),
      "_posts/2024-01-03-dayonly.md": ok("dayonly", "2024-01-03"),
      "_posts/2024-01-04-naive.md": ok("naive", "2024-01-04 08:00:00"),
      "_posts/2024-01-05-impossible.md": ok("impossible", "2024-02-30 10:00:00"),
      "_posts/2024-01-06-missing.md": post("title: missing"),
      "_posts/-202401070000.md": post("title: nodate\ndate:  +0800"),
      "_posts/2024-01-07-quoted.md": ok("quoted", '"2024-02-31 10:00:00"'),
      "_posts/2024-01-08-month13.md": ok("month13", "2024-13-01 10:00:00"),
    });
    const dates = Object.fromEntries(records.map((r) => [r.title, r.date]));
    // as Jekyll reads them: an unquoted time without an offset is UTC (YAML's timestamp), a day past
    // the month's end rolls into the next month; shown in the site's zone
    expect(dates).toEqual({
      jekyll: "2024-01-01T08:00:00+08:00",
      iso: "2024-01-02T08:00:00+08:00",
      dayonly: "2024-01-03T00:00:00+08:00",
      naive: "2024-01-04T16:00:00+08:00",
      impossible: "2024-03-01T18:00:00+08:00",
      missing: "2024-01-06T00:00:00+08:00",
      quoted: "2024-03-02T10:00:00+08:00",
      // Jekyll stops the whole build on a month 13; here the file name's date stands in, with a warning
      month13: "2024-01-08T00:00:00+08:00",
    });
    expect(messages["_posts/2024-01-07-quoted.md"]).toEqual([expect.stringMatching(/has no such day: read as 2024-03-02T10:00:00\+08:00, as Jekyll reads it/)]);
    expect(messages["_posts/2024-01-08-month13.md"]).toEqual([expect.stringMatching(/date 2024-13-01 10:00:00 is not a date; used the file name's date/)]);
    expect(messages["_posts/2024-01-05-impossible.md"]).toEqual([expect.stringMatching(/date 2024-02-30 10:00:00 has no such day: read as 2024-03-01T18:00:00\+08:00, as Jekyll reads it/)]);
    expect(messages["_posts/-202401070000.md"]).toContainEqual(expect.stringMatching(/^error: /));
    for (const record of records) expect(record.date).not.toMatch(/Invalid/);
  });
});

describe("size", () => {
  it("serves a huge post whole as a page, and caps it in feeds", async () => {
    const huge = "<p>很长的段落。</p>\n".repeat(120_000);
    const { records } = await bundleOf({ "_posts/2024-01-01-huge.md": post('title: "巨大的文章"\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews', `> 摘要。\n\n${huge}`) });
    expect(records[0]!.contentHtml.length).toBeGreaterThan(1_000_000);
    const kv = new MemoryKv();
    await publishRecords(kv, records);
    const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
    const page = (await readFeedWindow(kv.namespace(), manifest, "main", 1, 50))!;
    expect(page.items[0]!.contentHtml.length).toBeLessThan(MAX_FEED_CONTENT);
    expect(page.items[0]!.contentHtml).toContain(`<a href="https://finews.withounder.com${records[0]!.path}">阅读全文`);
    expect((await readArticle(kv.namespace(), manifest, records[0]!.path))?.contentHtml).toBe(records[0]!.contentHtml);
  });

  it("publishes HTML nested 500 deep, and refuses deeper before parsing it (parsers take the square of the depth)", async () => {
    const nested = (depth: number) => `${"<div>".repeat(depth)}深处${"</div>".repeat(depth)}\n`;
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-deep.md": post(`title: deep\ndate: 2024-01-01 08:00:00 +0800`, nested(MAX_NESTING)),
      "_posts/2024-01-02-deeper.md": post(`title: deeper\ndate: 2024-01-02 08:00:00 +0800`, nested(MAX_NESTING + 1)),
      "_posts/2024-01-03-deepest.md": post(`title: deepest\ndate: 2024-01-03 08:00:00 +0800`, nested(200_000)),
      "_posts/2024-01-04-fine.md": ok("fine", "2024-01-04 08:00:00 +0800"),
    });
    expect(records.map((r) => r.title)).toEqual(["fine", "deep"]);
    expect(records[1]!.contentHtml).toContain("深处");
    for (const file of ["_posts/2024-01-02-deeper.md", "_posts/2024-01-03-deepest.md"]) {
      expect(messages[file]).toEqual([`error: the body's HTML is nested more than ${MAX_NESTING} levels deep (an article needs a few dozen): not built`]);
    }
  });

  it("counts nesting as written: void elements, self-closing tags and stray closing tags do not deepen it", () => {
    expect(nestingDepth("<p>a<br>b<img src=x><hr/></p><p><b>c</b></p>", 10)).toBe(2);
    expect(nestingDepth("</div></div><p>x</p>", 10)).toBe(1);
    expect(nestingDepth("<div>".repeat(30), 10)).toBe(11);
  });

  it("reports a title too long to be one", async () => {
    const { records, messages } = await bundleOf({ "_posts/2024-01-01-long.md": ok(`"${"长".repeat(1_500)}"`) });
    expect(records).toEqual([]);
    expect(messages["_posts/2024-01-01-long.md"]![0]).toMatch(/title is 1500 characters long/);
  });
});

describe("nothing in a post runs", () => {
  it.each(["---js", "---javascript", "---coffee"])("%s front matter is refused", async (open) => {
    const { records, messages } = await bundleOf({ "_posts/2024-01-01-a.md": `${open}\n{ title: (globalThis.__pwned = "x") }\n---\n正文\n` });
    expect(records).toEqual([]);
    expect(messages["_posts/2024-01-01-a.md"]![0]).toMatch(/only YAML is read/);
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it("refuses YAML custom tags, and an alias bomb at its first anchor, before any alias is expanded", async () => {
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefghi".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`), "title: t", "categories: *i"].join("\n");
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-tag.md": post("title: !!js/function 'function(){}'\ndate: 2024-01-01"),
      "_posts/2024-01-02-bomb.md": post(`${bomb}\ndate: 2024-01-02`),
    });
    expect(records).toEqual([]);
    expect(messages["_posts/2024-01-01-tag.md"]![0]).toMatch(/^error: front matter is not valid YAML/);
    // refused where the parser closes the first anchored node: 9⁹ categories are never made
    expect(messages["_posts/2024-01-02-bomb.md"]![0]).toMatch(/^error: front matter is not valid YAML: anchors \(&a\) and aliases are refused/);
  });
});

describe("decoding, for any bytes", () => {
  // Chinese text drawn from common characters, as a post holds it
  const chinese = fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), { minLength: 4, maxLength: 200 }).map((cs) => cs.join(""));
  // a byte that can never appear in UTF-8, or a continuation byte with no lead
  const stray = fc.constantFrom(0x80, 0x8f, 0xbf, 0xc0, 0xc1, 0xf5, 0xff);

  it("refuses UTF-8 text with stray bytes, naming the offset of the first, and never reads it as GBK", () => {
    fc.assert(
      fc.property(chinese, fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }), stray, (text, picks, byte) => {
        const bytes = [...new TextEncoder().encode(`---\ntitle: "${text}"\n---\n${text}\n`)];
        // stray bytes put at character boundaries, the last first, so each lands where it is put
        const boundaries = bytes.flatMap((b, i) => ((b & 0xc0) !== 0x80 ? [i] : []));
        const offsets = [...new Set(picks.map((pick) => boundaries[pick % boundaries.length]!))].sort((a, b) => b - a);
        for (const offset of offsets) bytes.splice(offset, 0, byte);
        expect(decodePost(Uint8Array.from(bytes))).toEqual({ error: expect.stringContaining(`invalid byte at offset ${Math.min(...offsets)})`) });
      }),
    );
  });

  // Sixteen characters or more, as a title and a sentence hold: in GBK, about one character in six
  // is also a valid UTF-8 pair, so a shorter text can be both (see the next test).
  it("reads a GBK file as GBK, whatever common Chinese it holds", () => {
    const hanzi = commonHanzi();
    const char = fc.oneof({ weight: 6, arbitrary: fc.nat(hanzi.length - 1).map((i) => hanzi[i]!) }, fc.constantFrom("，", "。", "、", "（", "）", "1", "0", " ", "%"));
    const text = fc.array(char, { minLength: 16, maxLength: 400 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, text, (title, body) => {
        const source = `---\ntitle: "${title}"\n---\n${body}\n`;
        expect(decodePost(encodeGbk(source)!)).toEqual({ text: source, warning: expect.stringContaining("GBK") });
      }),
    );
  });

  it("refuses a short file that is as much UTF-8 as GBK, rather than guess", () => {
    // 隆隆隆隆隆啊 in GBK: the first ten bytes also read as UTF-8 ¡¡¡¡¡
    const bytes = encodeGbk("---\ntitle: x\n---\n隆隆隆隆隆啊")!;
    expect(decodePost(bytes)).toEqual({ error: expect.stringContaining("file is not UTF-8 (invalid byte at offset 27)") });
  });

  it.skipIf(!hasCorpus)("reads every corpus post saved as GBK back as the same text", async () => {
    const files = (await readdir(corpusDir)).filter((name) => name.endsWith(".md"));
    for (const name of files) {
      const text = await readFile(join(corpusDir, name), "utf8");
      const bytes = encodeGbk(text);
      expect(bytes, `${name} has a character GBK lacks`).toBeDefined();
      expect(decodePost(bytes!), name).toEqual(/[^\x00-\x7f]/.test(text) ? { text, warning: expect.stringContaining("GBK") } : { text });
    }
    expect(files.length).toBeGreaterThan(50);
  });

  it("finds a bad byte at the end of a large file in one pass (it took 87 s for 256 KB)", async () => {
    /** `repeats` × 15 bytes of UTF-8 text, then one stray byte. */
    const withStrayByte = (repeats: number) => {
      const text = new TextEncoder().encode(`---\ntitle: 大\n---\n${"新闻正文。".repeat(repeats)}`);
      const bytes = new Uint8Array(text.byteLength + 1);
      bytes.set(text);
      bytes[text.byteLength] = 0xff;
      return bytes;
    };
    const big = withStrayByte(300_000);
    expect(decodePost(big)).toEqual({ error: expect.stringContaining(`invalid byte at offset ${big.byteLength - 1}`) });
    // the work it takes, counted rather than timed: twice the bytes cost twice the work, not four times
    const meter = await JsWorkMeter.start();
    try {
      const cost = async (repeats: number) => {
        const { work, result } = await meter.count("decodeBytes", withStrayByte(repeats));
        expect(result.decoded).toEqual({ error: expect.stringContaining(`invalid byte at offset ${15 * repeats + 19}`) });
        return { work, handed: result.handed };
      };
      await cost(1_000);
      const [one, two] = [await cost(20_000), await cost(40_000)];
      expect(one.work).toBeGreaterThan(20_000);
      expect(two.work / one.work).toBeLessThan(2.2);
      // the decoders see the file at most twice: as UTF-8, and as GBK
      expect(one.handed).toBeLessThanOrEqual(2 * withStrayByte(20_000).byteLength);
    } finally {
      await meter.stop();
    }
  });
});

describe("work per post is bounded", () => {
  const names = fc.array(fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }), fc.string({ minLength: 90, maxLength: 300 })), { maxLength: 5_000 });

  it("keeps at most 20 categories and 20 tags, each at most 100 characters, and says what it left out", () => {
    fc.assert(
      fc.property(names, names, (categories, tags) => {
        const yaml = (list: string[]) => `[${list.map((name) => JSON.stringify(name)).join(", ")}]`;
        const result = buildArchivePost("_posts/2024-01-01-x.md", post(`title: x\ndate: 2024-01-01 08:00:00 +0800\ncategories: ${yaml(categories)}\ntags: ${yaml(tags)}`));
        if (result.status !== "published") return;
        const { record } = result.post;
        expect(record.categories.length).toBeLessThanOrEqual(MAX_TERMS);
        expect(record.tags.length).toBeLessThanOrEqual(MAX_TERMS);
        for (const name of [...record.categories, ...record.tags]) expect(Array.from(name).length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
        const kept = (list: string[]) => list.map((n) => n.trim()).filter((n) => n !== "").length;
        if (kept(categories) > MAX_TERMS || kept(tags) > MAX_TERMS) expect(result.warnings.map((w) => w.message).join()).toMatch(/only the first 20|longer than 100/);
        expect(record.path.length).toBeLessThan(MAX_TERMS * 3 * MAX_TERM_LENGTH * 4);
      }),
      { numRuns: 40 },
    );
  });

  it("deploys a post with 10,000 categories and tags as a handful of small writes", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(" ");
    const { records, messages } = await bundleOf({ "_posts/2024-01-01-many.md": post(`title: many\ndate: 2024-01-01 08:00:00 +0800\ncategories: ${many}\ntags: ${many}`) });
    expect(records[0]!.categories).toHaveLength(20);
    expect(messages["_posts/2024-01-01-many.md"]).toContainEqual("warning: 10000 categories: only the first 20 are kept");
    const kv = new MemoryKv();
    const plan = await publishRecords(kv, records);
    expect(plan.puts.length).toBeLessThan(10);
    expect(kv.bytes).toBeLessThan(100_000);
  });
});

describe("permalink", () => {
  it("places a post's own permalink where Jekyll places it: always a path on the site, whatever it is written as", async () => {
    const withLink = (slug: string, link: string) => post(`title: ${slug}\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews\npermalink: ${link}`);
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-own.md": withLink("own", "/special/page.html"),
      "_posts/2024-01-01-up.md": withLink("up", "/../../etc/passwd.html"),
      "_posts/2024-01-01-abs.md": withLink("abs", "https://evil.example/x.html"),
      "_posts/2024-01-01-host.md": withLink("host", "//evil.example/x.html"),
      "_posts/2024-01-01-dir.md": withLink("dir", "/a/b/"),
    });
    expect(Object.fromEntries(records.map((r) => [r.title, r.path]))).toEqual({
      own: "/special/page.html",
      up: "/etc/passwd.html",
      abs: "/https:/evil.example/x.html",
      host: "/evil.example/x.html",
      dir: "/a/b/",
    });
    // links in feeds are the site's own: the path on the request's origin
    for (const record of records) expect(new URL(record.path, "https://finews.withounder.com").origin).toBe("https://finews.withounder.com");
    expect(messages).toEqual({});
  });

  it("falls back to the site's permalink style, with a report, where a permalink's URL could not be reached or another route answers it", async () => {
    const withLink = (slug: string, link: string) => post(`title: ${slug}\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews\npermalink: "${link}"`);
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-dots.md": withLink("dots", "/%2e%2e/x.html"),
      "_posts/2024-01-01-bad.md": withLink("bad", "/%zz/x.html"),
      "_posts/2024-01-01-old.md": withLink("old", "/category/x.html"),
      "_posts/2024-01-01-feed.md": withLink("feed", "/rss.xml"),
      "_posts/2024-01-01-fine.md": withLink("fine", "/%E4%B8%93%E9%A2%98/x.html"),
    });
    expect(Object.fromEntries(records.map((r) => [r.title, r.path]))).toEqual({
      dots: "/emnews/2024/01/01/dots.html",
      bad: "/%zz/x.html",
      old: "/emnews/2024/01/01/old.html",
      feed: "/emnews/2024/01/01/feed.html",
      fine: "/%E4%B8%93%E9%A2%98/x.html",
    });
    expect(messages["_posts/2024-01-01-dots.md"]![0]).toMatch(/ignored: a browser asks for it as \/x.html/);
    expect(messages["_posts/2024-01-01-old.md"]![0]).toMatch(/ignored: it is an old category link/);
    expect(messages["_posts/2024-01-01-feed.md"]![0]).toMatch(/ignored: the site's own page or feeds are served there/);
  });
});

