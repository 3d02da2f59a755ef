import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JEKYLL_MARKDOWN_DEFAULTS, markdownOptionsFromJekyll, markdownToHtml, markdownWarnings } from "../../src/bundler/article/markdown.js";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { shapeOf } from "../support/html-shape.js";
import { JsWorkMeter, workGrowth } from "../support/js-work.js";

const fixtures = join(import.meta.dirname, "../fixtures/commonmark");
const read = (name: string) => readFileSync(join(fixtures, name), "utf8");

// Each NAME.CONFIG.html is what `jekyll build` (4.3.1, jekyll-commonmark 1.4.0, commonmarker 0.23.6,
// jekyll-commonmark-ghpages 0.5.1) wrote for NAME.md with CONFIG.yml; regenerate.sh writes them again.
const cases = readdirSync(fixtures)
  .filter((file) => file.endsWith(".html"))
  .map((file) => {
    const [markdown, config] = file.split(".");
    return { name: `${markdown} with ${config}`, markdown: `${markdown}.md`, html: file, config: yaml.load(read(`${config}.yml`)) as Record<string, unknown> };
  });

describe("markdownToHtml writes what Jekyll's CommonMark converters write", () => {
  it.each(cases)("$name", ({ markdown, html, config }) => {
    expect(shapeOf(markdownToHtml(read(markdown), markdownOptionsFromJekyll(config)))).toBe(shapeOf(read(html)));
  });
});

const commonMark = (commonmark?: unknown, markdown = "CommonMark") => markdownOptionsFromJekyll({ markdown, commonmark });
const render = (source: string, commonmark?: unknown, markdown?: string) => markdownToHtml(source, commonMark(commonmark, markdown)).trim();

describe("the converter _config.yml names", () => {
  it("reads CommonMark and CommonMarkGhPages by their exact names, GFM in any case, and kramdown as before", () => {
    expect(commonMark()).toMatchObject({ converter: "CommonMark", unsafe: false, smart: false, footnotes: false, extensions: { table: false, autolink: false } });
    expect(commonMark(undefined, "CommonMarkGhPages")).toMatchObject({ converter: "CommonMarkGhPages", unsafe: false });
    expect(markdownOptionsFromJekyll({ markdown: "Kramdown" })).toEqual(JEKYLL_MARKDOWN_DEFAULTS);
    for (const markdown of ["GFM", "gfm"]) {
      // GitHub Pages replaces the site's commonmark: block with its own
      expect(commonMark({ options: ["hardbreaks"] }, markdown)).toEqual({
        converter: "CommonMarkGhPages",
        extensions: { table: true, strikethrough: true, autolink: true, tagfilter: true, tasklist: false },
        unsafe: true, smart: false, hardBreaks: false, noBreaks: false, footnotes: true, doubleTilde: false,
      });
    }
  });

  it("takes jekyll-commonmark's option names in any case and its extension names as written", () => {
    expect(commonMark({ options: ["Unsafe", "SMART", "hardbreaks", "nobreaks", "footnotes", "strikethrough_double_tilde", "sourcepos"], extensions: ["table", "tasklist"] })).toEqual({
      converter: "CommonMark",
      extensions: { table: true, strikethrough: false, autolink: false, tagfilter: false, tasklist: true },
      unsafe: true, smart: true, hardBreaks: true, noBreaks: true, footnotes: true, doubleTilde: true,
    });
    expect(commonMark({ extensions: ["Table", "autolink"] })).toMatchObject({ extensions: { table: false, autolink: true } });
  });

  it("renders an unknown converter as kramdown, and never reads a kramdown: block it does not use", () => {
    expect(markdownOptionsFromJekyll({ markdown: "Redcarpet" })).toEqual(JEKYLL_MARKDOWN_DEFAULTS);
    expect(markdownOptionsFromJekyll({ markdown: 42 })).toEqual(JEKYLL_MARKDOWN_DEFAULTS);
    expect(() => markdownOptionsFromJekyll({ markdown: "CommonMark", kramdown: { auto_ids: "maybe" } })).not.toThrow();
  });

  it("warns, naming the key, about an unknown converter and about what jekyll-commonmark leaves out", () => {
    expect(markdownWarnings({ markdown: "kramdown" })).toEqual([]);
    expect(markdownWarnings({ markdown: "CommonMark", commonmark: { options: ["unsafe"], extensions: ["table"] } })).toEqual([]);
    expect(markdownWarnings({ markdown: "Redcarpet" })).toEqual([{ key: ["markdown"], message: expect.stringMatching(/^markdown: "Redcarpet" is not a converter the publisher has.*rendered with kramdown/) }]);
    expect(markdownWarnings({ markdown: "commonmark" })).toEqual([{ key: ["markdown"], message: expect.stringMatching(/Jekyll does not find it either: it takes the name only as "CommonMark"/) }]);
    expect(markdownWarnings({ markdown: "CommonMark", commonmark: { options: ["unsafe", "nosuch"], extensions: ["table", "Autolink"] } })).toEqual([
      { key: ["commonmark", "options", 1], message: expect.stringMatching(/"nosuch" is not a valid option/) },
      { key: ["commonmark", "extensions", 1], message: expect.stringMatching(/"Autolink" is not a valid extension/) },
    ]);
    expect(markdownWarnings({ markdown: "CommonMarkGhPages", commonmark: { options: "unsafe" } })).toEqual([{ key: ["commonmark", "options"], message: expect.stringMatching(/should be a list of option names.*none is used/) }]);
    expect(commonMark({ options: ["unsafe", 1] })).toMatchObject({ unsafe: false });
  });
});

describe("CommonMark's rules, one by one", () => {
  it("omits raw HTML as commonmarker does without UNSAFE, keeps it with UNSAFE, and escapes the tagfilter's tags", () => {
    expect(render("<div>x</div>\n\nA <b>b</b>.")).toBe("<!-- raw HTML omitted -->\n<p>A <!-- raw HTML omitted -->b<!-- raw HTML omitted -->.</p>");
    expect(render("<div>x</div>\n\nA <b>b</b>.", { options: ["unsafe"] })).toBe("<div>x</div>\n<p>A <b>b</b>.</p>");
    expect(render("A <script>x</script> <b>b</b>", { options: ["unsafe"], extensions: ["tagfilter"] })).toBe("<p>A &lt;script>x</script> <b>b</b></p>");
  });

  it("adds nothing of kramdown's: no typography, heading ids, footnotes or CJK emphasis unless the converter does", () => {
    // without FOOTNOTES, `[^1]: n` is a link definition, as in cmark
    expect(render('# A "b" -- c\n\nx[^1]\n\n[^1]: n\n\n这是**“引号”**后面')).toBe('<h1>A &quot;b&quot; -- c</h1>\n<p>x<a href="n">^1</a></p>\n<p>这是**“引号”**后面</p>');
    expect(render("# A\n\n# A", undefined, "CommonMarkGhPages")).toBe('<h1 id="a">A</h1>\n<h1 id="a-1">A</h1>');
  });

  it("writes SMART punctuation as cmark does, lone quotes included", () => {
    expect(render(`"It's" -- a---b... 5'10" tall, '90s`, { options: ["smart"] })).toBe("<p>“It’s” – a—b… 5’10” tall, ’90s</p>");
  });

  it("links what GFM's autolink extension links, and no more (a URL runs over emphasis to the next space)", () => {
    expect(render("see www.example.com/a_(b). and https://x.org/_a_ or me@example.com, not example.com or //x.org", { extensions: ["autolink"] })).toBe(
      '<p>see <a href="http://www.example.com/a_(b)">www.example.com/a_(b)</a>. and <a href="https://x.org/_a">https://x.org/_a</a>_ or <a href="mailto:me@example.com">me@example.com</a>, not example.com or //x.org</p>',
    );
  });

  it("numbers footnotes by first reference, with commonmarker's markup", () => {
    expect(render("A[^b] B[^a] A[^b]\n\n[^a]: Ay.\n[^b]: Bee.", { options: ["footnotes"] })).toBe(
      '<p>A<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup> B<sup class="footnote-ref"><a href="#fn2" id="fnref2">2</a></sup> A<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup></p>\n' +
        '<section class="footnotes">\n<ol>\n<li id="fn1">\n<p>Bee. <a href="#fnref1" class="footnote-backref">↩</a></p>\n</li>\n<li id="fn2">\n<p>Ay. <a href="#fnref2" class="footnote-backref">↩</a></p>\n</li>\n</ol>\n</section>',
    );
  });
});

describe("hostile bodies stay linear", () => {
  // Work counted (see JsWorkMeter), not timed: twice the input costs twice the work, not four times.
  const all = { options: ["unsafe", "smart", "footnotes"], extensions: ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] };
  const config = { markdown: "CommonMark", commonmark: all };
  let meter: JsWorkMeter;
  beforeAll(async () => void (meter = await JsWorkMeter.start()));
  afterAll(() => meter.stop());
  it.each([
    ["20,000 `_www.` (each a candidate www link)", 20_000, (n: number) => "x _www.".repeat(n)],
    ["20,000 `(www.a.b<`", 20_000, (n: number) => "(www.a.b<".repeat(n)],
    ["50,000 `a@`", 50_000, (n: number) => "a@".repeat(n)],
    ["a URL closed by 50,000 `)`", 50_000, (n: number) => `http://x.org/${")".repeat(n)}`],
    ["20,000 unclosed `[` before links", 20_000, (n: number) => `${"[".repeat(n)}${" www.a.org".repeat(n / 10)}`],
    ["20,000 `~a` and `'a`", 20_000, (n: number) => "~a 'a ".repeat(n)],
    ["20,000 footnotes", 20_000, (n: number) => `${Array.from({ length: n }, (_, i) => `x[^${i}]`).join(" ")}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: n`).join("\n")}`],
  ])("%s", async (_name, size, make) => {
    expect(() => markdownToHtml(make(size), markdownOptionsFromJekyll(config))).not.toThrow();
    expect(await workGrowth(async (n) => (await meter.count("renderMarkdown", make(n), config)).work, size / 10)).toBeLessThan(2.5);
  });
});

describe("a site on a CommonMark converter, through the whole build", () => {
  async function site(config: string, body: string) {
    const dir = await mkdtemp(join(tmpdir(), "commonmark-"));
    await mkdir(join(dir, "_posts"));
    await writeFile(join(dir, "_config.yml"), `timezone: UTC\n${config}`);
    await writeFile(join(dir, "_posts/2024-01-01-post.md"), `---\ntitle: Post\n---\n${body}`);
    return buildPosts(dir, { now: Date.UTC(2025, 0, 1) });
  }

  it("publishes a site whose converter the publisher does not have, as kramdown, with a warning on _config.yml", async () => {
    const { records, problems } = await site("title: Site\nmarkdown: Redcarpet\n", "# Title\n\nSome *text*.");
    expect(records).toHaveLength(1);
    expect(records[0]!.contentHtml).toContain('<h2 id="title">Title</h2>');
    expect(problems).toEqual([{ file: "_config.yml", line: 3, severity: "warning", message: expect.stringMatching(/^markdown: "Redcarpet"/) }]);
  });

  it("renders GitHub Pages' GFM: tables, strikethrough, links, heading ids, footnotes, raw HTML to the sanitizer", async () => {
    const { records, problems } = await site("markdown: GFM\n", "## Intro\n\n| a |\n|---|\n| ~~b~~ |\n\nSee www.example.com and a note[^1] <b>now</b><script>x()</script>.\n\n[^1]: Note.");
    expect(problems).toEqual([]);
    const html = records[0]!.contentHtml;
    expect(html).toContain('<h2 id="intro">Intro</h2>');
    expect(html).toContain("<td><del>b</del></td>");
    expect(html).toContain('<a href="http://www.example.com/">www.example.com</a>');
    // the note and its reference keep the ids their links point to
    expect(html).toContain('<sup><a href="/2024/01/01/post.html#fn1" id="fnref1">1</a></sup>');
    expect(html).toContain('<li id="fn1">\n<p>Note. <a href="/2024/01/01/post.html#fnref1">↩</a></p>');
    expect(html).toContain("<b>now</b>");
    // the tagfilter's `&lt;script>` is text, as on the page GitHub Pages serves
    expect(html).toContain("&lt;script&gt;x()");
  });

  it("leaves out raw HTML under CommonMark's defaults, highlight blocks included, as Jekyll does", async () => {
    const body = "Text <b>bold</b> and\n\n<div>block</div>\n\n{% highlight ruby %}\nx = 1\n{% endhighlight %}\n\n![a -- b](i.png)";
    const { records } = await site("markdown: CommonMark\n", body);
    const html = records[0]!.contentHtml;
    expect(html).toContain("<p>Text bold and</p>");
    expect(html).not.toMatch(/block|x = 1/);
    expect(html).toContain('alt="a -- b"');
    const unsafe = await site("markdown: CommonMark\ncommonmark: {options: [unsafe, smart]}\n", body);
    expect(unsafe.records[0]!.contentHtml).toContain("<b>bold</b>");
    expect(unsafe.records[0]!.contentHtml).toContain('<pre><code class="language-ruby">x = 1</code></pre>');
    expect(unsafe.records[0]!.contentHtml).toContain('alt="a – b"');
  });
});
