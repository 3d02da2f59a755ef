import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "../../src/bundler/article/sanitize.js";

// Well-known XSS vectors (OWASP filter evasion cheat sheet and friends).
const vectors = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  "<body onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  "<svg onload=alert(1)><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example"><input name="p"><button>go</button></form>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
  "<template><script>alert(1)</script></template>",
  '<div data-x="1" class="c" id="i" onclick="alert(1)">x</div>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<isindex action="javascript:alert(1)" type=image>',
  "<a href=\"https://ok.example\" onmouseover=alert(1)>ok</a>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
];

const active = /<(script|iframe|object|embed|form|input|button|style|meta|base|link|svg|math|template|noscript|details|video|source|isindex|body)\b|\son\w+\s*=|javascript:|vbscript:|data:|\sstyle=|\sclass=|\sid=|\sdata-/i;

describe("sanitizeArticleHtml (allow-list)", () => {
  it.each(vectors)("leaves nothing active of %s", (vector) => {
    const clean = sanitizeArticleHtml(vector);
    expect(clean).not.toMatch(active);
    expect(clean).not.toContain("alert(1)<");
  });

  it("keeps ordinary links, images and text", () => {
    const html = '<p>见 <a href="https://quote.eastmoney.com/x" title="行情">行情</a>，<a href="mailto:a@b.example">来信</a>。</p><p><img src="https://img.example/a.jpg" alt="图" width="10" height="20"></p>';
    expect(sanitizeArticleHtml(html)).toBe(
      '<p>见 <a href="https://quote.eastmoney.com/x" title="行情">行情</a>，<a href="mailto:a@b.example">来信</a>。</p><p><img alt="图" src="https://img.example/a.jpg" width="10" height="20" /></p>',
    );
  });

  it("escapes '&' in attribute values (linkedom leaves it raw)", () => {
    expect(sanitizeArticleHtml('<img src="https://x.example/a?b=1&c=2" alt="">')).toContain('src="https://x.example/a?b=1&amp;c=2"');
  });

  it("keeps an image's width and height only as pixels, as HTML allows them", () => {
    expect(sanitizeArticleHtml('<img src="https://x.example/a.png" width="100%" height="40">')).toBe('<img alt="" src="https://x.example/a.png" height="40" />');
    expect(sanitizeArticleHtml('<img width="12px" src="https://x.example/a.png" height="auto">')).toBe('<img alt="" src="https://x.example/a.png" />');
  });

  it("gives every image an alt and moves article headings below the page's h1", () => {
    expect(sanitizeArticleHtml('<img src="https://x.example/a.png"><h1>t</h1>')).toBe('<img alt="" src="https://x.example/a.png" /><h2>t</h2>');
  });

  describe("ids, classes and roles: only kramdown's, only its values", () => {
    it.each([
      ['<code class="language-x&quot; onclick=&quot;alert(1)">c</code>', "<code>c</code>"],
      ["<code class='language-x\" onclick=\"alert(1)'>c</code>", "<code>c</code>"],
      ['<code class="language-js evil">c</code>', '<code class="language-js">c</code>'],
      ['<p class="language-js">p</p>', "<p>p</p>"],
      ['<h2 id="javascript:alert(1)">t</h2>', "<h2>t</h2>"],
      ['<h2 id="x onmouseover=alert(1)">t</h2>', "<h2>t</h2>"],
      ['<h2 id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">t</h2>', "<h2>t</h2>"],
      ['<h1 id="中文-标题">t</h1>', '<h2 id="中文-标题">t</h2>'],
      ['<p id="p">p</p>', "<p>p</p>"],
      ['<sup id="fnref:1" role="button" onclick="alert(1)">1</sup>', '<sup id="fnref:1">1</sup>'],
      ['<a href="javascript:alert(1)" class="footnote" rel="footnote noopener" role="doc-backlink">x</a>', '<a class="footnote" role="doc-backlink">x</a>'],
      ['<div class="footnotes" role="doc-endnotes" onclick="alert(1)" style="position:fixed">x</div>', '<div class="footnotes" role="doc-endnotes">x</div>'],
      ['<div class="footnotes evil">x</div>', "x"],
      ['<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" onfocus="alert(1)" autofocus>', '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'],
      ['<input type="image" src="javascript:alert(1)" disabled>', ""],
      ['<input type="checkbox">', ""],
    ])("%s", (input, expected) => {
      expect(sanitizeArticleHtml(input)).toBe(expected);
    });
  });

  describe("styles: only a table column's alignment", () => {
    it.each([
      ['<th style="text-align: left">a</th>', "kramdown's", '<th style="text-align:left">a</th>'],
      ['<td style="text-align:right">b</td>', "markdown-it's", '<td style="text-align:right">b</td>'],
      ['<td align="center">c</td>', "commonmarker's align attribute, obsolete in HTML5", '<td style="text-align:center">c</td>'],
      ['<td style="color:red;text-align:center;background:url(javascript:alert(1))">d</td>', "one of several", '<td style="text-align:center">d</td>'],
      ['<td align="javascript:alert(1)" style="position:fixed">e</td>', "anything else", "<td>e</td>"],
      ['<p style="text-align:center">f</p>', "outside a table", "<p>f</p>"],
    ])("%s keeps %s", (input, _why, expected) => {
      expect(sanitizeArticleHtml(`<table><tr>${input}</tr></table>`)).toBe(`<table><tr>${expected}</tr></table>`);
    });
  });

  it("keeps commonmarker's footnotes (a <section>) as kramdown's footnotes block, and no other section", () => {
    expect(sanitizeArticleHtml('<section class="footnotes"><ol><li id="fn1"><p>Bee.</p></li></ol></section><section>x</section>')).toBe(
      '<div class="footnotes"><ol><li id="fn1"><p>Bee.</p></li></ol></div>x',
    );
  });
});
