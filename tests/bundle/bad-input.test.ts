// Each kind of bad post, in a file made for it: reported with file and reason, the good ones published.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { TextEncoder } from "node:util";
import { describe, expect, it } from "vitest";
import { bundlePosts, type BundleResult } from "../../src/bundle/bundle-posts.js";
import { MAX_FEED_CONTENT } from "../../src/bundle/layout/feed-lists.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest } from "../../src/kv/manifest.js";
import { site } from "../../src/site.js";
import { readArticle, readFeedWindow } from "../../src/worker/store.js";
import { deployRecords } from "../support/bundles.js";
import { MemoryKv } from "../support/memory-kv.js";

const post = (front: string, body = "正文。\n") => `---\n${front}\n---\n${body}`;
const ok = (title: string, date = "2024-01-01 08:00:00 +0800") => post(`title: ${title}\ndate: ${date}\ncategories: emnews`);

/** GBK bytes of a Chinese post, as a Windows tool would save it (encoded by hand: no GBK encoder in Node). */
function gbkPost(): Uint8Array {
  const head = new TextEncoder().encode('---\ntitle: "');
  const title = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xea, 0xcc, 0xe2]); // 中文标题
  const tail = new TextEncoder().encode('"\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews\n---\n');
  const body = Uint8Array.from([0xd5, 0xfd, 0xce, 0xc4, 0xa1, 0xa3]); // 正文。
  return Uint8Array.from([...head, ...title, ...tail, ...body]);
}

async function bundleOf(files: Record<string, string | Uint8Array>): Promise<BundleResult & { messages: Record<string, string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), "bad-posts-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  const result = await bundlePosts(dir, site, { now: Date.UTC(2025, 0, 1) });
  const messages: Record<string, string[]> = {};
  for (const p of result.problems) (messages[p.file] ??= []).push(`${p.severity}: ${p.message}`);
  return { ...result, messages };
}

describe("front matter broken by the title", () => {
  it.each([
    ['title: "a "quoted" word"', 'a "quoted" word', /repaired/],
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
    expect(records.map((r) => r.title).sort()).toEqual(["BOM", "CRLF", "中文标题", "只有标题"].sort());
    expect(records.find((r) => r.title === "中文标题")!.contentHtml).toBe("<p>正文。</p>");
    expect(messages["_posts/2024-01-01-empty.md"]).toEqual(["error: empty file"]);
    expect(messages["_posts/2024-01-02-blank.md"]).toEqual(["error: empty file"]);
    expect(messages["_posts/2024-01-03-plain.md"]![0]).toMatch(/no front matter/);
    expect(messages["_posts/2024-01-06-gbk.md"]).toEqual(["warning: file is GBK, not UTF-8: read as GBK; save it as UTF-8"]);
    expect(messages["_posts/2024-01-07-bytes.md"]![0]).toMatch(/^error: file is not UTF-8 \(invalid bytes after byte \d+\)/);
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
    });
    const dates = Object.fromEntries(records.map((r) => [r.title, r.date]));
    expect(dates).toEqual({
      jekyll: "2024-01-01T08:00:00+08:00",
      iso: "2024-01-02T08:00:00+08:00",
      dayonly: "2024-01-03T00:00:00+08:00",
      naive: "2024-01-04T08:00:00+08:00",
      impossible: "2024-01-05T00:00:00+08:00",
      missing: "2024-01-06T00:00:00+08:00",
    });
    expect(messages["_posts/2024-01-05-impossible.md"]).toEqual([expect.stringMatching(/"2024-02-30 10:00:00" is not a date; used the file name's date/)]);
    expect(messages["_posts/-202401070000.md"]).toContainEqual(expect.stringMatching(/^error: date "\s*\+0800" is not a date/));
    for (const record of records) expect(record.date).not.toMatch(/Invalid/);
  });
});

describe("size", () => {
  it("serves a huge post whole as a page, and caps it in feeds", async () => {
    const huge = "<p>很长的段落。</p>\n".repeat(120_000);
    const { records } = await bundleOf({ "_posts/2024-01-01-huge.md": post('title: "巨大的文章"\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews', `> 摘要。\n\n${huge}`) });
    expect(records[0]!.contentHtml.length).toBeGreaterThan(1_000_000);
    const kv = new MemoryKv();
    await deployRecords(kv, records);
    const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
    const page = (await readFeedWindow(kv.namespace(), manifest, "main", 1, 50))!;
    expect(page.items[0]!.contentHtml.length).toBeLessThan(MAX_FEED_CONTENT);
    expect(page.items[0]!.contentHtml).toContain("阅读全文");
    expect((await readArticle(kv.namespace(), manifest, records[0]!.path))?.contentHtml).toBe(records[0]!.contentHtml);
  });

  it("publishes HTML nested 5,000 deep, and fails only the post nested too deep for the parsers", async () => {
    const nested = (depth: number) => `${"<div>".repeat(depth)}深处${"</div>".repeat(depth)}\n`;
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-deep.md": post(`title: deep\ndate: 2024-01-01 08:00:00 +0800`, nested(5_000)),
      "_posts/2024-01-02-deeper.md": post(`title: deeper\ndate: 2024-01-02 08:00:00 +0800`, nested(50_000)),
      "_posts/2024-01-03-fine.md": ok("fine", "2024-01-03 08:00:00 +0800"),
    });
    expect(records.map((r) => r.title)).toEqual(["fine", "deep"]);
    expect(records[1]!.contentHtml).toContain("深处");
    expect(messages["_posts/2024-01-02-deeper.md"]).toEqual(["error: the body could not be rendered: its HTML is nested too deeply"]);
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

  it("refuses YAML custom tags and finishes an alias bomb at once", async () => {
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefghi".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`), "title: t", "categories: *i"].join("\n");
    const started = Date.now();
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-tag.md": post("title: !!js/function 'function(){}'\ndate: 2024-01-01"),
      "_posts/2024-01-02-bomb.md": post(`${bomb}\ndate: 2024-01-02`),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(records).toEqual([]);
    expect(messages["_posts/2024-01-01-tag.md"]![0]).toMatch(/^error: front matter is not valid YAML/);
    expect(messages["_posts/2024-01-02-bomb.md"]![0]).toMatch(/^error: front matter is not valid YAML/);
  });
});

describe("permalink", () => {
  it("honours a permalink that stays on the site and ignores, with a report, one that leaves it", async () => {
    const withLink = (slug: string, link: string) => post(`title: ${slug}\ndate: 2024-01-01 08:00:00 +0800\ncategories: emnews\npermalink: ${link}`);
    const { records, messages } = await bundleOf({
      "_posts/2024-01-01-own.md": withLink("own", "/special/page.html"),
      "_posts/2024-01-01-up.md": withLink("up", "/../../etc/passwd.html"),
      "_posts/2024-01-01-abs.md": withLink("abs", "https://evil.example/x.html"),
      "_posts/2024-01-01-host.md": withLink("host", "//evil.example/x.html"),
      "_posts/2024-01-01-dir.md": withLink("dir", "/a/b/"),
    });
    const paths = Object.fromEntries(records.map((r) => [r.title, r.path]));
    expect(paths).toEqual({
      own: "/special/page.html",
      up: "/emnews/2024/01/01/up.html",
      abs: "/emnews/2024/01/01/abs.html",
      host: "/emnews/2024/01/01/host.html",
      dir: "/emnews/2024/01/01/dir.html",
    });
    expect(messages["_posts/2024-01-01-up.md"]![0]).toMatch(/ignored: it climbs out/);
    expect(messages["_posts/2024-01-01-abs.md"]![0]).toMatch(/ignored: it leaves the site/);
    expect(messages["_posts/2024-01-01-host.md"]![0]).toMatch(/ignored: it leaves the site/);
    expect(messages["_posts/2024-01-01-dir.md"]![0]).toMatch(/ignored: only permalinks to .html/);
  });
});
