import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Liquid } from "liquidjs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { LiquidError, renderLiquid, type LiquidInput } from "../../src/bundler/article/liquid.js";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";
import { parseFrontMatter } from "../../src/bundler/read/front-matter.js";
import { dateScalar } from "../../src/bundler/site/post-time.js";
import { parsePostDate } from "../../src/bundler/read/post-date.js";

/**
 * The fixture site of tests/fixtures/liquid/site was built with Jekyll 4.3.1 (Debian) by
 * tests/fixtures/liquid/build-expected.sh; expected/ holds the posts Jekyll wrote. Its `.html`
 * posts are Liquid only (no Markdown, no layout), so Jekyll's output is their rendered Liquid.
 */
const fixtures = join(import.meta.dirname, "../fixtures/liquid");
const siteRoot = join(fixtures, "site");
const SITE_URL = "https://example.org";
const BASEURL = "/blog";

interface FixturePost {
  file: string;
  body: string;
  bodyLine: number;
  page: Record<string, unknown>;
  /** The name `post_url` knows it by. */
  name: string;
}

/** The fixture's posts as Jekyll reads them, in a zone: what the build gives renderLiquid. */
function fixturePosts(timezone: string): FixturePost[] {
  const files = ["_posts/2020-01-15-filters.html", "_posts/2020-03-08-dates.html", "_posts/2021-06-01-tags.html", "_posts/2022-02-02-highlight.md", "_posts/sub/2019-03-02-in-sub.md", "cat/_posts/2018-05-06-in-cat.md"];
  return files.map((file) => {
    const text = readFileSync(join(siteRoot, file), "utf8");
    const { data, body, yaml } = parseFrontMatter(text);
    const rawDate = dateScalar(yaml)?.replace(/^(["'])(.*)\1$/, "$2");
    const [, folder = "", name, ext] = /^(.*?)_posts\/(.*)\.(\w+)$/.exec(file)!;
    const fileName = name!.split("/").at(-1)!;
    const [, fileDate, slug] = /^(\d{4}-\d{2}-\d{2})-(.*)$/.exec(fileName)!;
    const date = parsePostDate(rawDate || fileDate!, timezone)!;
    const toList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : String(value).split(/\s+/));
    const categories = [...folder.split("/").filter(Boolean), ...toList(data.categories)];
    const url = `/${[...categories, date.year, date.month, date.day].join("/")}/${slug}.html`;
    const page = { ...data, title: data.title, date: new Date(date.epochMs), url, id: url.replace(/\.html$/, ""), categories, tags: toList(data.tags), path: file, slug, ext: `.${ext}` };
    const bodyLine = text.slice(0, text.length - body.length).split("\n").length;
    return { file, body, bodyLine, page, name: `${folder}${name}` };
  });
}

function fixtureInput(post: FixturePost, posts: FixturePost[], timezone: string): LiquidInput {
  const byName = new Map(posts.map((p) => [p.name, p]));
  const files: Record<string, string> = { "about.md": "/about.html", "docs/guide.md": "/guide/", ...Object.fromEntries(posts.map((p) => [p.file, p.page.url as string])) };
  const newestFirst = [...posts].sort((a, b) => (b.page.date as Date).getTime() - (a.page.date as Date).getTime());
  return {
    template: post.body,
    file: post.file,
    bodyLine: post.bodyLine,
    site: {
      ...siteConfig,
      timezone,
      data: { authors: { wang: { name: "Wang Lei", city: "Shanghai" }, ann: { name: "Ann Example", city: "Boston" } }, items },
      posts: newestFirst.map((p) => p.page),
    },
    page: post.page,
    siteRoot,
    timezone,
    urlOfPost: (name) => {
      const target = byName.get(name);
      return target && BASEURL + (target.page.url as string);
    },
    urlOfFile: (path) => (Object.hasOwn(files, path) ? BASEURL + files[path] : undefined),
    markdownify: markdownToHtml,
  };
}

const siteConfig = { title: 'Fixture "Site" & Co', description: "A small site whose posts exercise Liquid", url: SITE_URL, baseurl: BASEURL, author_name: "Ann Example" };
const items = [
  { name: "apple", year: 2020, kind: "fruit", tags: ["red", "sweet"], price: "10" },
  { name: "kale", year: "2021", kind: "leaf", tags: ["green"], price: "9.5" },
  { name: "cherry", year: 2020, kind: "fruit", tags: ["red"], price: "100" },
  { name: "date", kind: "fruit", price: "007" },
];

function renderFixture(file: string, timezone: string) {
  const posts = fixturePosts(timezone);
  const post = posts.find((p) => p.file === file)!;
  return renderLiquid(fixtureInput(post, posts, timezone));
}

/** Jekyll's output and ours, line by line, each line labelled by the text before its first `:`. */
function expectSameLines(ours: string, expectedFile: string): void {
  const expected = readFileSync(join(fixtures, "expected", expectedFile), "utf8");
  const label = (text: string) => text.split("\n").map((line, i) => `${i + 1}: ${line}`);
  expect(label(ours)).toEqual(label(expected));
}

/** A post's input with the fixture site around it. */
function input(template: string, more: Partial<LiquidInput> = {}): LiquidInput {
  return {
    template,
    file: "_posts/2021-06-01-post.md",
    site: { ...siteConfig, posts: [], data: {} },
    page: { title: "A post", date: new Date("2021-06-01T04:00:00Z"), url: "/2021/06/01/post.html", tags: ["a"] },
    siteRoot,
    timezone: "Asia/Shanghai",
    urlOfPost: () => undefined,
    urlOfFile: () => undefined,
    markdownify: markdownToHtml,
    ...more,
  };
}

const render = (template: string, more: Partial<LiquidInput> = {}) => renderLiquid(input(template, more));

describe("Liquid rendered as Jekyll 4.3 renders it (the fixture site built with jekyll)", () => {
  it("writes Jekyll's filters as Jekyll does: URLs with the baseurl, escapes, slugify modes, jsonify, where, sort, group_by …", () => {
    const out = renderFixture("_posts/2020-01-15-filters.html", "America/New_York");
    expectSameLines(out.text, "filters.html");
    expect(out.warnings).toEqual([]);
  });

  it("writes dates in the site's zone as Jekyll does, across a change of daylight saving time", () => {
    expectSameLines(renderFixture("_posts/2020-03-08-dates.html", "America/New_York").text, "dates.new-york.html");
  });

  it("writes the same dates in another site zone as Jekyll does there", () => {
    expectSameLines(renderFixture("_posts/2020-03-08-dates.html", "Asia/Shanghai").text, "dates.shanghai.html");
  });

  it("renders includes with parameters, dynamic names and include_relative, post_url and link, site and page data as Jekyll does", () => {
    const out = renderFixture("_posts/2021-06-01-tags.html", "America/New_York");
    expectSameLines(out.text, "tags.html");
    expect(out.warnings).toEqual([]);
    expect(out.uses).toEqual({
      posts: ["2020-01-15-filters", "sub/2019-03-02-in-sub", "cat/2018-05-06-in-cat"],
      files: ["about.md", "docs/guide.md", "_posts/2020-01-15-filters.html"],
      includes: ["_includes/note.html", "_includes/nested/inner.html", "_includes/loop.html", "_posts/snippets/part.txt"],
      site: ["author_name", "baseurl", "data", "description", "posts", "title", "url"],
    });
  });

  it("shows a highlight block's code with the text Jekyll's figure shows, line numbers included", () => {
    const out = renderFixture("_posts/2022-02-02-highlight.md", "America/New_York");
    const html = out.restore!(markdownToHtml(out.text));
    const textOf = (block: string) => block.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const ours = [...html.matchAll(/<(?:table|pre)>[^]*?<\/(?:table|pre)>(?!<\/td>)/g)].map(([block]) => textOf(block));
    const jekyll = readFileSync(join(fixtures, "expected/highlight.html"), "utf8");
    const theirs = [...jekyll.matchAll(/<figure class="highlight">([^]*?)<\/figure>/g)].map(([, block]) => textOf(block!));
    expect(ours).toEqual(theirs);
    expect([...html.matchAll(/<code class="([^"]*)"/g)].map(([, name]) => name)).toEqual(["language-ruby", "language-c--", "language-c--", "language-python", "language-text", "language-unknownlang"].filter((_, i) => i !== 2));
  });
});

interface Probe {
  template: string;
  vars?: Record<string, unknown>;
  jekyll: string;
}

describe("Liquid's and Jekyll's filters on many inputs (tests/fixtures/liquid/filter-probes.jsonl, written by Jekyll)", () => {
  const probes: Probe[] = readFileSync(join(fixtures, "filter-probes.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Probe);
  const groups = new Map<string, Probe[]>();
  for (const probe of probes) {
    const name = /\|\s*(\w+)/.exec(probe.template)?.[1] ?? /\{%\s*(\w+)/.exec(probe.template)?.[1] ?? "output";
    groups.set(name, [...(groups.get(name) ?? []), probe]);
  }
  for (const [name, rows] of groups) {
    it(`${name}: ${rows.length} as Jekyll writes them`, () => {
      const ours = rows.map((row) => renderLiquid({ ...input(row.template), site: { ...siteConfig, posts: [] }, page: { ...row.vars }, timezone: "America/New_York" }).text);
      const shown = (row: Probe, out: string) => `${row.template} ${JSON.stringify(row.vars ?? {})} => ${JSON.stringify(out)}`;
      expect(rows.map((row, i) => shown(row, ours[i]!))).toEqual(rows.map((row) => shown(row, row.jekyll)));
    });
  }
});

describe("highlight blocks survive Markdown", () => {
  const code = 'def f(a, b)\n  puts "<a> & b"\n\n  *not emphasis* {% raw %}{{ not liquid }}{% endraw %}\n\n\nend';
  const shown = 'def f(a, b)\n  puts "&lt;a&gt; &amp; b"\n\n  *not emphasis* {{ not liquid }}\n\n\nend';

  it("comes out exactly: blank lines, <, &, *emphasis* and {{ }} inside raw", () => {
    const out = render(`Before.\n\n{% highlight ruby %}\n${code}\n{% endhighlight %}\n\nAfter *this*.\n`);
    expect(out.text).not.toContain("<pre>");
    const html = out.restore!(markdownToHtml(out.text));
    expect(html).toBe(`<p>Before.</p>\n<pre><code class="language-ruby">${shown}</code></pre>\n<p>After <em>this</em>.</p>\n`);
  });

  it("stays whole inside a list item and right after a paragraph line", () => {
    const out = render(`1. Step:\n   {% highlight python %}\n   x = 1\n\n   y = 2\n   {% endhighlight %}\n2. Next\n\nText\n{% highlight text %}\na\n\nb\n{% endhighlight %}`);
    const html = out.restore!(markdownToHtml(out.text));
    expect(html).toContain('<pre><code class="language-python">   x = 1\n\n   y = 2\n   </code></pre>');
    expect(html).toMatch(/<li>Step:<pre><code class="language-python">[^]*<\/code><\/pre>\n<\/li>\n<li>Next<\/li>/);
    expect(html).toContain('<p>Text</p>\n<pre><code class="language-text">a\n\nb</code></pre>');
    expect(html).not.toContain("liquid-block");
  });

  it("numbers the lines beside the code with linenos, as Jekyll's table does", () => {
    const out = render("{% highlight js linenos %}\nlet a;\n\nlet b;\n{% endhighlight %}\n");
    expect(out.restore!(markdownToHtml(out.text))).toBe('<table><tbody><tr><td><pre>1\n2\n3\n</pre></td><td><pre><code class="language-js">let a;\n\nlet b;\n</code></pre></td></tr></tbody></table>\n');
  });

  it("shows the code's text where Markdown made the placeholder code itself (an indented block)", () => {
    const out = render("Para.\n\n    {% highlight text %}a < b{% endhighlight %}\n");
    expect(out.restore!(markdownToHtml(out.text))).toBe('<p>Para.</p>\n<pre><code class="language-plaintext">a &lt; b\n</code></pre>\n');
  });

  it("leaves a post's own text that looks like a placeholder alone", () => {
    const out = render("<!--liquid-block-0-0-->\n{% highlight text %}x{% endhighlight %}");
    const html = out.restore!(markdownToHtml(out.text));
    expect(html).toContain("<!--liquid-block-0-0-->");
    expect(html).toContain('<pre><code class="language-text">x</code></pre>');
  });

  it("refuses a highlight without a language, as Jekyll does", () => {
    expect(() => render("{% highlight %}x{% endhighlight %}")).toThrow(/highlight is written \{% highlight <language> \[linenos\] %\}.*line 1/);
  });
});

describe("what the publisher lacks is a warning, never raw Liquid", () => {
  it("renders an unknown tag as nothing and names it", () => {
    const out = render("A {% youtube abc %} B\n{% gist 123 %}");
    expect(out.text).toBe("A  B\n");
    expect(out.warnings.map((w) => w.message)).toEqual(["unknown tag {% youtube %}: rendered as nothing (line 1)", "unknown tag {% gist %}: rendered as nothing (line 2)"]);
    expect(out.warnings[1]!.line).toBe(2);
  });

  it("keeps the text between an unknown block's tags", () => {
    const out = render("{% mermaid %}graph{% endmermaid %}");
    expect(out.text).toBe("graph");
    expect(out.warnings.map((w) => w.message)).toEqual(["unknown tag {% mermaid %}: rendered as nothing (line 1)", "unknown tag {% endmermaid %}: rendered as nothing (line 1)"]);
  });

  it("passes an unknown filter's input through and names it, even in a branch not taken", () => {
    const out = render("{{ page.title | sassify | upcase }}\n{% if false %}{{ 1 | emojify }}{% endif %}");
    expect(out.text).toBe("A POST\n");
    expect(out.warnings.map((w) => w.message)).toEqual(["unknown filter sassify: its input is passed through (line 1)", "unknown filter emojify: its input is passed through"]);
  });

  it("treats liquidjs's own extras that Jekyll lacks (layout, render, json) as unknown", () => {
    const out = render("{% layout 'x' %}{% render 'y' %}{{ page.tags | json }}");
    expect(out.text).toBe("a");
    expect(out.warnings).toHaveLength(3);
  });

  it("warns for a post_url, link or include that is not there, and renders nothing for it", () => {
    const out = render("[a]({% post_url 2010-07-21-gone %}) [b]({% link gone.md %}) {% include gone.html %} {% post_url nodate %}");
    expect(out.text).toBe("[a]() [b]()  ");
    expect(out.warnings.map((w) => w.message)).toEqual([
      "post_url: no post 2010-07-21-gone: rendered as nothing (line 1)",
      "link: no file gone.md in the site: rendered as nothing (line 1)",
      "include: _includes/gone.html not found: nothing included (line 1)",
      'post_url: "nodate" is not a post\'s name (YYYY-MM-DD-title, in a subfolder as sub/YYYY-MM-DD-title): rendered as nothing (line 1)',
    ]);
    expect(out.uses).toEqual({ posts: ["2010-07-21-gone"], files: ["gone.md"], includes: ["_includes/gone.html"], site: [] });
  });

  it("warns for a date filter given something that is not a date, and leaves it", () => {
    const out = render("{{ 'soon' | date_to_string }}");
    expect(out.text).toBe("soon");
    expect(out.warnings.map((w) => w.message)).toEqual(['date_to_string: "soon" is not a date: left as it is (line 1)']);
  });
});

describe("a post's Liquid that cannot be rendered fails the post with the line", () => {
  it("says what and where, in the file's lines", () => {
    const error = (() => {
      try {
        render("one\ntwo\n{% if page.title %}never closed", { bodyLine: 6 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LiquidError);
    expect((error as LiquidError).line).toBe(8);
    expect((error as LiquidError).message).toMatch(/^Liquid: .*not closed.* \(line 8\)$/);
  });

  it("names the include and the line that included it", () => {
    const root = tempSite({ "_includes/bad.html": "ok\n{% for x in %}" });
    expect(() => render("a\n{% include bad.html %}", { siteRoot: root })).toThrow(/^Liquid: .* \(_includes\/bad\.html line 2, included at line 2\)$/);
  });

  it("stops a loop without end", () => {
    // a billion iterations: that the test ends at all is the proof, no clock needed
    const loops = "{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}";
    expect(() => render(loops, { limits: { renderMs: 200 } })).toThrow(/rendering took longer than 200 ms \(a loop without end\?\) \(line 1\)/);
  });

  it("stops a range too large to make", () => {
    expect(() => render("{% for i in (1..1000000000) %}{{ i }}{% endfor %}")).toThrow(/made more than 16,000,000 characters and list items/);
  });

  it("stops a text that doubles without end, by filters or by capture", () => {
    expect(() => render('{% assign s = "ab" %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}')).toThrow(/grows without end/);
    expect(() => render('{% capture s %}ab{% endcapture %}{% for i in (1..64) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}')).toThrow(/grows without end/);
    expect(() => render('{% capture k %}{% for i in (1..1000) %}x{% endfor %}{% endcapture %}{% for i in (1..1000000) %}{{ k }}{% endfor %}')).toThrow(/grows without end/);
  });

  it("refuses a template with more tags than can be parsed in reasonable time, before parsing it", () => {
    const parse = vi.spyOn(Liquid.prototype, "parse");
    expect(() => render("{{ x }}".repeat(20_001))).toThrow(/the post has more than 20,000 \{% %\} and \{\{ \}\}: too many to parse/);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("stops an include that includes itself", () => {
    const root = tempSite({ "_includes/self.html": "x{% include self.html %}" });
    expect(() => render("{% include self.html %}", { siteRoot: root })).toThrow(/includes nested more than 16 deep \(does _includes\/self\.html include itself\?\)/);
  });
});

const temporary: string[] = [];
afterAll(() => {
  for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
});

/** A site in a temporary folder, with a secret file beside it that no include may read. */
function tempSite(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "liquid-site-"));
  temporary.push(folder);
  writeFileSync(join(folder, "secret.txt"), "SECRET outside the site");
  const root = join(folder, "site");
  for (const [path, text] of Object.entries({ "_includes/.keep": "", ...files })) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("Liquid stays a sandbox", () => {
  it("refuses includes that climb out, absolute ones and ones with a backslash, as errors of the post", () => {
    const root = tempSite({});
    for (const tag of ["{% include ../../etc/passwd %}", "{% include ../secret.txt %}", "{% include /etc/passwd %}", "{% include a//b %}", "{% include_relative ../../secret.txt %}", "{% include {{ page.where }} %}"]) {
      expect(() => render(tag, { siteRoot: root, page: { where: "../secret.txt" } }), tag).toThrow(/^include refused: .*refused/);
    }
  });

  it("refuses an include through a symbolic link that leads out of _includes, and never shows its text", () => {
    const root = tempSite({});
    symlinkSync(join(root, "../secret.txt"), join(root, "_includes/evil.html"));
    symlinkSync("/etc/passwd", join(root, "_includes/passwd.html"));
    expect(() => render("{% include evil.html %}", { siteRoot: root })).toThrow(/include refused: _includes\/evil\.html leads out of _includes\/ \(a symbolic link\): refused/);
    expect(() => render("{% include passwd.html %}", { siteRoot: root })).toThrow(/leads out of _includes/);
  });

  it("refuses an _includes folder that is itself a link out of the site", () => {
    const folder = mkdtempSync(join(tmpdir(), "liquid-site-"));
    temporary.push(folder);
    mkdirSync(join(folder, "elsewhere"));
    writeFileSync(join(folder, "elsewhere/x.html"), "SECRET");
    mkdirSync(join(folder, "site"));
    symlinkSync(join(folder, "elsewhere"), join(folder, "site/_includes"));
    expect(() => render("{% include x.html %}", { siteRoot: join(folder, "site") })).toThrow(/_includes\/ leads out of the site/);
  });

  it("reads include_relative from the post's own folder only", () => {
    const root = tempSite({ "_posts/part.md": "part {{ include.n }}", "_includes/x.html": "inc" });
    expect(render('{% include_relative part.md n="1" %}', { siteRoot: root }).text).toBe("part 1");
    expect(render("{% include_relative x.html %}", { siteRoot: root }).warnings[0]!.message).toMatch(/_posts\/x\.html not found/);
  });

  it("reaches no prototype: constructor, __proto__ and the like give nothing", () => {
    const templates = [
      "{{ page.constructor }}", "{{ page.__proto__ }}", "{{ constructor }}", "{{ site.posts.constructor }}", "{{ page.title.constructor }}",
      "{{ page.date.constructor }}", "{{ page.date.getTime }}", "{{ page.tags.push }}", "{% assign x = page %}{{ x.__proto__.toString }}", "{{ page | map: 'constructor' | join }}",
      "{{ page.tags | where_exp: 'x', 'x.constructor' | size }}", "{{ page.__proto__.constructor.name }}", "{{ page['__proto__'] }}", "{{ site.__defineGetter__ }}",
      "{% increment __proto__ %}{% increment constructor %}{{ __proto__ }}", "{% assign __proto__ = page %}{{ title }}", "{{ page.title | slugify: 'constructor' }}",
    ];
    const outputs = templates.map((template) => render(template).text);
    // `__proto__` is a variable like any other there: counted in the post's own scope, not an object's prototype
    expect(outputs).toEqual(["", "", "", "", "", "", "", "", "", "", "0", "", "", "", "001", "", "a post"]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it("never calls a function found in the data", () => {
    let called = false;
    const out = render("{{ page.run }}{{ page.nested.run }}", { page: { run: () => (called = true), nested: { run: () => (called = true) } } });
    expect(out.text).toBe("");
    expect(called).toBe(false);
  });
});

describe("the cost of Liquid", () => {
  it("is nothing for a post without {{ or {%: the engine is not touched", () => {
    const parse = vi.spyOn(Liquid.prototype, "parse");
    const template = "# Title\n\nA post with { braces } and %} and }} but no Liquid.\n";
    expect(renderLiquid(input(template, { timezone: "Not/AZone" }))).toEqual({ text: template, warnings: [], uses: { posts: [], files: [], includes: [], site: [] } });
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("parses an include once, and again when the file changes", () => {
    const root = tempSite({ "_includes/x.html": "one" });
    const parse = vi.spyOn(Liquid.prototype, "parse");
    expect(render("{% include x.html %}", { siteRoot: root }).text).toBe("one");
    expect(render("{% include x.html %} ", { siteRoot: root }).text).toBe("one ");
    expect(parse.mock.calls.map(([, file]) => file)).toEqual([undefined, "_includes/x.html", undefined]);
    writeFileSync(join(root, "_includes/x.html"), "two!");
    utimesSync(join(root, "_includes/x.html"), new Date(), new Date(Date.now() + 5_000));
    expect(render("{% include x.html %}", { siteRoot: root }).text).toBe("two!");
    parse.mockRestore();
  });

  it("says which of the site's data a post read, so a cache knows what to build again", () => {
    expect(render("{{ site.title }}").uses.site).toEqual(["title"]);
    expect(render("{{ '/a' | absolute_url }} {{ 'now' | date: '%Y' }} {% for p in site.posts %}{% endfor %}").uses.site).toEqual(["baseurl", "posts", "time", "url"]);
    expect(render("{{ page.title }}").uses.site).toEqual([]);
  });

  it("converts a site's data once for all its posts", () => {
    const site = { ...siteConfig, posts: [{ title: "p", date: new Date("2020-01-01T00:00:00Z") }] };
    const first = render("{{ site.posts.first.date }}", { site });
    site.posts[0]!.title = "changed";
    expect(render("{{ site.posts.first.title }}", { site }).text).toBe("p");
    expect(first.text).toBe("2020-01-01 08:00:00 +0800");
  });
});
