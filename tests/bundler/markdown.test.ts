import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import yaml from "js-yaml";
import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanArticleHtml } from "../../src/bundler/article/clean.js";
import { JEKYLL_MARKDOWN_DEFAULTS, markdownOptionsFromJekyll, markdownToHtml } from "../../src/bundler/article/markdown.js";
import { sanitizeArticleHtml } from "../../src/bundler/article/sanitize.js";
import { shapeOf } from "../support/html-shape.js";
import { JsWorkMeter, workGrowth } from "../support/js-work.js";
import { corpusDir, hasCorpus } from "../support/shared.js";

const fixtures = join(import.meta.dirname, "../fixtures/markdown");

const read = (name: string) => readFileSync(join(fixtures, name), "utf8");

// Each NAME.html is what `jekyll build` (4.3.1, kramdown 2.4.0, kramdown-parser-gfm 1.1.0) wrote for
// NAME.md; tests/fixtures/markdown/regenerate.sh writes them again.
const cases = readdirSync(fixtures)
  .filter((file) => file.endsWith(".html"))
  .map((file) => {
    const name = file.replace(/\.html$/, "");
    const config = name.includes(".") ? (yaml.load(read(`${name}.yml`)) as Record<string, unknown>) : {};
    return { name, markdown: `${name.split(".")[0]}.md`, config };
  });

describe("markdownToHtml writes what Jekyll's kramdown writes", () => {
  it("has fixtures to compare with", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["typography", "headings", "footnotes", "blocks", "eastmoney", "toc", "options.wrap", "options.kramdown", "options.plain", "options.straight"]));
  });

  it.each(cases)("$name", ({ name, markdown, config }) => {
    expect(shapeOf(markdownToHtml(read(markdown), markdownOptionsFromJekyll(config)))).toBe(shapeOf(read(`${name}.html`)));
  });
});

describe("kramdown's rules, one by one", () => {
  const html = (source: string) => markdownToHtml(source).trim();

  it("curls quotes and sets dashes, ellipses and guillemets in text, never in code or raw HTML", () => {
    expect(html(`"It's" -- 'a' --- b... <<c>> \`"x"\``)).toBe("<p>“It’s” – ‘a’ — b… «c» <code>&quot;x&quot;</code></p>");
    expect(html(`<p>"raw" -- html...</p>`)).toBe(`<p>"raw" -- html...</p>`);
  });

  it("closes a quote after a CJK character, as kramdown does (中文”引号”), unless smart_quotes keeps them straight", () => {
    expect(html('中文"引号"测试')).toBe("<p>中文”引号”测试</p>");
    const straight = markdownOptionsFromJekyll({ kramdown: { smart_quotes: "apos,apos,quot,quot" } });
    expect(markdownToHtml('中文"引号"测试 -- it\'s', straight).trim()).toBe("<p>中文&quot;引号&quot;测试 – it's</p>");
  });

  it("takes emphasis next to CJK punctuation as kramdown does", () => {
    expect(html("这是**“引号”**后面")).toBe("<p>这是<strong>“引号”</strong>后面</p>");
  });

  it("numbers duplicate and Chinese heading ids the GFM way, and leaves out an empty one", () => {
    expect(html("# 中文 标题\n\n# 中文 标题\n\n# ???\n\n# A -- B")).toBe(
      '<h1 id="中文-标题">中文 标题</h1>\n<h1 id="中文-标题-1">中文 标题</h1>\n<h1>???</h1>\n<h1 id="a--b">A – B</h1>',
    );
  });

  it("writes kramdown's footnote markup", () => {
    expect(html("A[^n].\n\n[^n]: Note.")).toBe(
      '<p>A<sup id="fnref:n" role="doc-noteref"><a href="#fn:n" class="footnote" rel="footnote">1</a></sup>.</p>\n' +
        '<div class="footnotes" role="doc-endnotes">\n<ol>\n<li id="fn:n" role="doc-endnote"><p>Note.\u00a0<a href="#fnref:n" class="reversefootnote" role="doc-backlink">&#8617;</a></p>\n</li>\n</ol>\n</div>',
    );
  });

  it("renders each post on its own: heading ids and footnote numbers start afresh", () => {
    const post = "# Same\n\nA[^1].\n\n[^1]: x";
    expect(markdownToHtml(post)).toBe(markdownToHtml(post));
    expect(markdownToHtml(post)).toContain('<h1 id="same">');
  });
});

describe("hostile bodies stay linear", () => {
  // Each took minutes with markdown-it-attrs or markdown-it-footnote's own tail (quadratic). Work
  // counted (see JsWorkMeter), not timed: twice the input costs twice the work, not four times.
  let meter: JsWorkMeter;
  beforeAll(async () => void (meter = await JsWorkMeter.start()));
  afterAll(() => meter.stop());
  it.each([
    ["span attribute lists", (n: number) => "*a*{: .x} ".repeat(n)],
    ["footnotes", (n: number) => `${Array.from({ length: n }, (_, i) => `x[^${i}]`).join(" ")}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: n`).join("\n")}`],
    ["unclosed {::comment}", (n: number) => "{::comment}\n".repeat(n)],
    ["attribute list definitions", (n: number) => "{:a: .x}\n".repeat(n)],
  ])("20,000 %s", async (_name, make) => {
    expect(() => markdownToHtml(make(20_000))).not.toThrow();
    expect(await workGrowth(async (n) => (await meter.count("renderMarkdown", make(n))).work, 2_000)).toBeLessThan(2.5);
  });
});

describe("markdownOptionsFromJekyll", () => {
  it("gives Jekyll 4.3's defaults for an empty or missing kramdown block", () => {
    expect(markdownOptionsFromJekyll({})).toEqual(JEKYLL_MARKDOWN_DEFAULTS);
    expect(markdownOptionsFromJekyll({ kramdown: null })).toEqual(JEKYLL_MARKDOWN_DEFAULTS);
    expect(JEKYLL_MARKDOWN_DEFAULTS).toMatchObject({ input: "GFM", autoIds: true, hardWrap: false, footnoteNr: 1, syntaxHighlighter: "rouge" });
  });

  it("reads the keys that change the HTML and ignores the rest", () => {
    const options = markdownOptionsFromJekyll({
      highlighter: "none",
      kramdown: { input: "kramdown", auto_ids: "false", auto_id_prefix: "h-", hard_wrap: true, footnote_nr: "3", smart_quotes: "sbquo,lsquo,bdquo,ldquo", toc_levels: [1, 2], math_engine: "mathjax" },
    });
    expect(options).toMatchObject({ input: "kramdown", autoIds: false, autoIdPrefix: "h-", hardWrap: true, footnoteNr: 3, smartQuotes: ["‚", "‘", "„", "“"], syntaxHighlighter: null });
    expect(markdownOptionsFromJekyll({ kramdown: { smart_quotes: [8216, 8217, 8220, 8221] } })).toMatchObject({ smartQuotes: ["‘", "’", "“", "”"] });
    expect(markdownOptionsFromJekyll({ kramdown: { syntax_highlighter_opts: { disable: true } } })).toMatchObject({ syntaxHighlighter: null });
    const ruby = markdownOptionsFromJekyll({ kramdown: { syntax_highlighter_opts: { default_lang: "ruby", guess_lang: true } } });
    expect(markdownToHtml("```\nx\n```\n\n    y", ruby)).toBe('<pre><code class="language-ruby">x\n</code></pre>\n<pre><code class="language-ruby">y\n</code></pre>\n');
    expect(markdownOptionsFromJekyll({ kramdown: { gfm_quirks: "paragraph_end,no_auto_typographic" } })).toMatchObject({ typographicSymbols: false });
  });

  it.each([
    [{ kramdown: "yes" }, /kramdown: "yes" is not a mapping/],
    [{ kramdown: { input: "gfm" } }, /kramdown.input: "gfm" .*"GFM" or "kramdown"/],
    [{ kramdown: { auto_ids: "maybe" } }, /kramdown.auto_ids: "maybe" is not true or false/],
    [{ kramdown: { smart_quotes: "lsquo,rsquo" } }, /kramdown.smart_quotes/],
    [{ kramdown: { smart_quotes: "lsquo,rsquo,nosuch,rdquo" } }, /kramdown.smart_quotes: "nosuch" is not an HTML entity name/],
    [{ kramdown: { footnote_nr: 1.5 } }, /kramdown.footnote_nr: 1.5 is not a whole number/],
    [{ kramdown: { syntax_highlighter: "coderay" } }, /kramdown.syntax_highlighter: "coderay"/],
    [{ kramdown: { syntax_highlighter_opts: { default_lang: "a b" } } }, /kramdown.syntax_highlighter_opts.default_lang: "a b"/],
  ])("refuses %j with an error that names the key", (config, message) => {
    expect(() => markdownOptionsFromJekyll(config)).toThrow(message);
  });
});

describe("through the whole body pipeline", () => {
  const policy = { baseUrl: "https://example.com/2024/01/01/post.html", httpsHosts: [] };
  const page = (markdown: string) => sanitizeArticleHtml(cleanArticleHtml(markdownToHtml(markdown), policy, { archiveLines: false }).html);

  it("keeps heading ids, footnote links and their targets, code languages and task checkboxes", () => {
    const html = page("# 标题 One\n\nText[^a].\n\n```js\nx\n```\n\n- [x] done\n\n[^a]: Note.");
    expect(html).toContain('<h2 id="标题-one">');
    expect(html).toContain('<sup id="fnref:a" role="doc-noteref"><a href="https://example.com/2024/01/01/post.html#fn:a" class="footnote" rel="footnote">1</a></sup>');
    expect(html).toContain('<li id="fn:a" role="doc-endnote">');
    expect(html).toContain('<div class="footnotes" role="doc-endnotes">');
    expect(html).toContain('<code class="language-js">');
    expect(html).toContain('<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />');
  });

  it("drops IAL attributes the allow-list does not know", () => {
    expect(page('Para\n{: .note #p onclick="alert(1)" style="color:red"}')).toBe("<p>Para</p>");
  });
});

describe.skipIf(!hasCorpus)("the finews archive", () => {
  const old = new MarkdownIt({ html: true, linkify: false, typographer: false });
  const undoTypography = (html: string) =>
    html.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/—/g, "---").replace(/–/g, "--").replace(/…/g, "...").replace(/«\u00a0?/g, "<<").replace(/\u00a0?»/g, ">>");
  const posts = hasCorpus ? readdirSync(corpusDir).filter((f) => f.endsWith(".md")) : [];

  it.each(posts)("%s changes at most by kramdown's typography and heading ids", (file) => {
    const body = matter(readFileSync(join(corpusDir, file), "utf8")).content;
    const withoutIds = (html: string) => html.replace(/(<h[1-6]) id="[^"]*"/g, "$1");
    expect(undoTypography(withoutIds(markdownToHtml(body)))).toBe(undoTypography(old.render(body)));
  });
});
