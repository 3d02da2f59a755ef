import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { archiveSite as site, asArchive } from "../support/archive-site.js";
import { root } from "../support/shared.js";

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await asArchive(await mkdtemp(join(tmpdir(), "posts-")));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const good = (title: string, date: string) => `---\ntitle: "${title}"\ndate: ${date}\ncategories: emnews\ntags: 东财滚动新闻\n---\n正文。\n`;

describe("buildPosts on posts/", () => {
  it("publishes every sample but the future, unpublished and archive-copy ones, newest first", async () => {
    const { records, skipped, problems } = await buildPosts(join(root, "posts"));
    expect(records).toHaveLength(9);
    expect(records.map((r) => r.date)).toEqual([...records.map((r) => r.date)].sort((a, b) => Date.parse(b) - Date.parse(a)));
    expect(skipped.map((s) => [s.file, s.reason.split(" ")[0]])).toEqual([
      ["_posts/2024-03-09-202403090000000008.md", "published:"],
      ["_posts/2099-01-01-202099010100000007.md", "dated"],
      ["old_post/2024-03-14-202403141000000002.md", "same"],
    ]);
    expect(problems).toEqual([]);
  });
});

describe("bad input", () => {
  it("reports a broken post with file and reason, and still publishes the good ones", async () => {
    const dir = await folder({
      "_posts/2024-01-01-ok.md": good("好", "2024-01-01 08:00:00 +0800"),
      "_posts/2024-01-02-broken.md": '---\ntitle: "unclosed\ndate: 2024-01-02 08:00:00 +0800\n---\n正文\n',
      "_posts/2024-01-03-notitle.md": "---\ndate: 2024-01-03 08:00:00 +0800\n---\n正文\n",
      "_posts/nodate.md": '---\ntitle: "无日期"\ndate: someday\n---\n正文\n',
      "_posts/2024-01-05-code.md": "---js\n{ title: 'x' }\n---\n正文\n",
      "_posts/2024-01-06-plain.md": "没有 front matter。\n",
    });
    const { records, problems } = await buildPosts(dir);
    // as Jekyll: a post without a title takes one from its file name, one without front matter too
    expect(records.map((r) => r.title)).toEqual(["Plain", "Notitle", "好"]);
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p.message]));
    expect(byFile["_posts/2024-01-02-broken.md"]).toMatch(/front matter is not valid YAML/);
    expect(byFile["_posts/2024-01-03-notitle.md"]).toBeUndefined();
    expect(byFile["_posts/nodate.md"]).toMatch(/not named YYYY-MM-DD-title.ext, so not a post/);
    expect(byFile["_posts/2024-01-05-code.md"]).toMatch(/only YAML is read/);
    expect(byFile["_posts/2024-01-06-plain.md"]).toMatch(/no front matter .*published as Jekyll publishes it/);
  });

  it("holds back a post the site's defaults hold back, and titles one from them, as Jekyll does", async () => {
    const dir = await folder({
      "_config.yml": "timezone: Asia/Shanghai\ndefaults:\n  - scope: { path: drafts-here }\n    values: { published: false }\n  - scope: { path: _posts/2024-01-02-titled.md }\n    values: { title: From defaults }\n",
      "drafts-here/_posts/2024-01-01-held.md": good("被默认值扣下", "2024-01-01 08:00:00 +0800"),
      "_posts/2024-01-02-titled.md": "---\ndate: 2024-01-02 08:00:00 +0800\n---\n正文\n",
    });
    const { records, skipped } = await buildPosts(dir);
    expect(records.map((r) => r.title)).toEqual(["From defaults"]);
    expect(skipped).toEqual([expect.objectContaining({ file: "drafts-here/_posts/2024-01-01-held.md" })]);
  });

  it("publishes a post whose published: is quoted text, as Ruby takes any text for true, and says so", async () => {
    const dir = await folder({
      "_posts/2024-01-01-quoted.md": '---\ntitle: t\npublished: "false"\n---\n正文\n',
      "_posts/2024-01-02-no.md": "---\ntitle: u\npublished: no\n---\n正文\n",
    });
    const { records, skipped, problems } = await buildPosts(dir);
    expect(records.map((r) => r.title)).toEqual(["t"]);
    expect(skipped.map((s) => s.file)).toEqual(["_posts/2024-01-02-no.md"]);
    expect(problems).toEqual([expect.objectContaining({ file: "_posts/2024-01-01-quoted.md", severity: "warning", message: expect.stringMatching(/published: "false" is text, not false/) })]);
  });

  it("serves a permalink written with raw Chinese or spaces where a browser asks for it, percent-encoded, as a web server serves Jekyll's file", async () => {
    const dir = await folder({ "_posts/2024-01-03-a.md": "---\ntitle: a\npermalink: /专题/x y.html\n---\n正文\n" });
    const { records, problems } = await buildPosts(dir);
    expect(records.map((r) => [r.path, r.id])).toEqual([["/%E4%B8%93%E9%A2%98/x%20y.html", "https://finews.withounder.com/%E4%B8%93%E9%A2%98/a"]]);
    expect(problems).toEqual([]);
  });

  it("dates a post by its file name when the front matter has no date, as Jekyll does, without a word", async () => {
    const dir = await folder({ "_posts/2024-02-03-x.md": `---\ntitle: "t"\n---\n正文\n` });
    const { records, problems } = await buildPosts(dir);
    expect(records[0]!.date).toBe("2024-02-03T00:00:00+08:00");
    expect(problems).toEqual([]);
  });

  it("falls back to the file name's date when the front matter's is not a date, and says so (Jekyll would stop the build)", async () => {
    const dir = await folder({ "_posts/2024-02-03-x.md": `---\ntitle: "t"\ndate: someday\n---\n正文\n` });
    const { records, problems } = await buildPosts(dir);
    expect(records[0]!.date).toBe("2024-02-03T00:00:00+08:00");
    expect(problems.map((p) => p.message)).toEqual(["date someday is not a date; used the file name's date"]);
  });

  it("publishes one post when two files give the same permalink, and reports the other", async () => {
    const dir = await folder({
      "_posts/2024-01-01-same.md": good("甲", "2024-01-01 08:00:00 +0800"),
      "_posts/sub/2024-01-01-same.markdown": good("乙", "2024-01-01 09:00:00 +0800"),
    });
    const { records, problems } = await buildPosts(dir);
    expect(records).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/same permalink/);
  });
});

describe("one article in _posts/ and old_post/", () => {
  const copy = (title: string, extra = "") => `---\ntitle: "${title}"\ndate: 2024-01-05 08:00:00 +0800\ncategories: emnews\n${extra}---\n正文。\n`;
  const broken = '---\ntitle: "unclosed\ndate: 2024-01-05 08:00:00 +0800\n---\n正文\n';
  // name: [_posts copy, old_post copy, the title published (none: undefined)]
  const shapes: Record<string, [string, string, string | undefined]> = {
    "bad-good": [broken, copy("旧副本"), "旧副本"],
    "bad-bad": [broken, broken, undefined],
    "good-good": [copy("新副本"), copy("旧副本"), "新副本"],
    "good-unpublished": [copy("新副本"), copy("旧副本", "published: false\n"), "新副本"],
    "unpublished-good": [copy("新副本", "published: false\n"), copy("旧副本"), undefined],
    "blank-line-good": [`\n${copy("新副本")}`, copy("旧副本"), "新副本"],
    "future-good": [copy("新副本").replace("2024-01-05", "2099-01-05"), copy("旧副本"), undefined],
  };

  it("publishes each article that can be published exactly once, and every message says what really became of it", async () => {
    const files: Record<string, string> = {};
    for (const [name, [posts, old]] of Object.entries(shapes)) {
      files[`_posts/2024-01-05-${name}.md`] = posts;
      files[`old_post/2024-01-05-${name}.md`] = old;
    }
    const { records, skipped, problems } = await buildPosts(await folder(files), { now: Date.UTC(2025, 0, 1) });
    for (const [name, [, , title]] of Object.entries(shapes)) {
      const published = records.filter((r) => r.path.endsWith(`/${name}.html`));
      expect(published.map((r) => r.title), name).toEqual(title ? [title] : []);
    }
    const said = (file: string) => [...skipped.filter((s) => s.file === file).map((s) => s.reason), ...problems.filter((p) => p.file === file).map((p) => p.message)].join(" | ");
    expect(said("old_post/2024-01-05-bad-good.md")).toMatch(/_posts\/2024-01-05-bad-good\.md, the copy that would be published, could not be built: this copy stands in for it/);
    expect(said("_posts/2024-01-05-bad-good.md")).toMatch(/front matter is not valid YAML/);
    expect(said("old_post/2024-01-05-bad-bad.md")).toMatch(/front matter is not valid YAML/);
    expect(said("old_post/2024-01-05-good-good.md")).toBe("same file name as _posts/2024-01-05-good-good.md, which is published instead");
    expect(said("old_post/2024-01-05-unpublished-good.md")).toBe("same file name as _posts/2024-01-05-unpublished-good.md, which is not published (published: false)");
    expect(said("old_post/2024-01-05-future-good.md")).toMatch(/which is published when it is due \(2099-01-05/);
    expect(said("_posts/2024-01-05-blank-line-good.md")).toMatch(/front matter read after 1 blank line at the top of the file/);
    // nothing claims a copy is published that is not
    for (const skip of skipped.filter((s) => /which is published instead/.test(s.reason))) {
      const speaker = /same file name as (\S+),/.exec(skip.reason)![1]!;
      expect(records.some((r) => r.path.endsWith(`/${speaker.split("-").slice(3).join("-").replace(/\.md$/, ".html")}`)), skip.reason).toBe(true);
    }
  });
});

describe("titles", () => {
  it("are jekyll-feed's, as its readers show them: smartified, inline markup out, character references read", async () => {
    const dir = await folder({
      "_posts/2024-01-02-quote.md": "---\ntitle: \"Don&rsquo;t &amp; won&#8217;t: a &lt;video&gt; tag, R&D\"\n---\nBody.\n",
      "_posts/2024-01-03-smart.md": "---\ntitle: 'He said \"go\" -- then... <em>left</em>   1 < 2 --- A&B　全角'\n---\nBody.\n",
    });
    const titles = (await buildPosts(dir)).records.map((r) => r.title);
    expect(titles).toEqual(["He said “go” – then… left 1 < 2 — A&B　全角", "Don’t & won’t: a <video> tag, R&D"]);
  });

  it("keep a tag that is not inline markup as text, where jekyll-feed's strip_html would drop the words", async () => {
    const dir = await folder({ "_posts/2024-01-02-tags.md": "---\ntitle: '示例：<video> & <audio> 标签，<code>&lt;p&gt;</code> 段落'\n---\nBody.\n" });
    expect((await buildPosts(dir)).records[0]!.title).toBe("示例：<video> & <audio> 标签，<p> 段落");
  });
});

describe("summaries", () => {
  it("are the body's text where the excerpt has none (a post that opens with an image), so no reader gets an item without one", async () => {
    const dir = await folder({
      "_posts/2024-01-02-image.md": "---\ntitle: Image\n---\n![a chart](https://img.example/a.png)\n\nThe chart shows the week.\n\nMore text.\n",
      "_posts/2024-01-03-none.md": "---\ntitle: None\nexcerpt_separator: \"\"\n---\n![a chart](https://img.example/a.png)\n\nText.\n",
    });
    const summaries = Object.fromEntries((await buildPosts(dir)).records.map((r) => [r.title, r.summary]));
    expect(summaries).toEqual({ Image: "The chart shows the week.", None: "" });
  });
});
