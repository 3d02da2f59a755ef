import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { absoluteUrl, cleanArticleHtml } from "../../src/bundler/article/clean.js";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";
import { sanitizeArticleHtml } from "../../src/bundler/article/sanitize.js";
import { archiveSite as site } from "../support/archive-site.js";
import { hasCorpus, layOutCorpusSite } from "../support/shared.js";

const policy = { baseUrl: "https://finews.withounder.com/emnews/2024/01/02/1.html", httpsHosts: site.httpsHosts };

/** The whole path a post body takes: Markdown, cleaning, sanitizing. */
function clean(markdown: string) {
  const cleaned = cleanArticleHtml(markdownToHtml(markdown), policy, { archiveLines: true });
  return { ...cleaned, html: sanitizeArticleHtml(cleaned.html) };
}

describe("the archive's own lines, on a site that has none (feed_publisher.archive_lines off)", () => {
  it("keeps a leading blockquote and a closing link in the body, as Jekyll does", () => {
    const markdown = "> Only one thing is impossible.\n\nThe post itself.\n\n[Discuss this post](https://news.example/item?id=1)\n";
    const cleaned = cleanArticleHtml(markdownToHtml(markdown), policy, { archiveLines: false });
    expect(sanitizeArticleHtml(cleaned.html)).toBe('<blockquote>\n<p>Only one thing is impossible.</p>\n</blockquote>\n<p>The post itself.</p>\n<p><a href="https://news.example/item?id=1">Discuss this post</a></p>');
    expect([cleaned.digest, cleaned.sourceUrl]).toEqual([undefined, undefined]);
    // the archive takes both out
    expect(cleanArticleHtml(markdownToHtml(markdown), policy, { archiveLines: true })).toMatchObject({ digest: "Only one thing is impossible.", sourceUrl: "https://news.example/item?id=1" });
  });
});

describe("cleaning eastmoney markup", () => {
  it("unwraps stock, board and info quote links to their words", () => {
    const { html } = clean(
      '<p><span id="stock_0.000001"><a href="http://quote.eastmoney.com/unify/r/0.000001" class="keytip" data-code="0,000001">甲股份</a></span><span id="quote_0.000001"></span>与<span id="bk_90.BK0001"><a href="http://quote.eastmoney.com/unify/r/90.BK0001" class="keytip">乙板块</a></span><span id="bkquote_90.BK0001"></span>发布<span id="Info.3332"><a href="http://data.eastmoney.com/notices/stock.html" class="infokey">公告</a></span>。</p>',
    );
    expect(html).toBe("<p>甲股份与乙板块发布公告。</p>");
  });

  it("drops span.em_stock_key_common and its bogus href, keeping the word", () => {
    expect(clean('<p>看<span web="1" href="http://quote.eastmoney.com/x" class="em_stock_key_common" data-code="90,BK1">丙概念</span>。</p>').html).toBe("<p>看丙概念。</p>");
  });

  it("removes hidden paragraphs and comments, and keeps the K-chart image without its wrapper attributes", () => {
    const { html } = clean(
      '<p style="display:none;height:1px;overflow:hidden"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.eastmoney.com/unify/r/0.000001" data-code="000001|0|2" class="EmImageRemark" target="_blank"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.000001&imageType=k" border="0" alt="K图" data-code="K" style="border:1px solid;" width="578" height="276" /></a></p><!-- EM_StockImg_End --><p>正文</p>',
    );
    expect(html).toBe(
      '<p><a href="https://quote.eastmoney.com/unify/r/0.000001"><img alt="K图" src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.000001&amp;imageType=k" width="578" height="276" /></a></p><p>正文</p>',
    );
  });

  it("turns <center> into a paragraph and protocol-relative images into https", () => {
    expect(clean('<center><img src="//img.example/a.jpg" alt="image" style="padding:3px" /></center><p>注</p>').html).toBe(
      '<p><img alt="image" src="https://img.example/a.jpg" /></p><p>注</p>',
    );
  });

  it("drops a <br /> that ends a paragraph, keeps one inside it", () => {
    expect(clean("<p>一<br />二<br /></p>").html).toBe("<p>一<br />二</p>");
  });

  it("keeps the p.em_media source credit as text", () => {
    expect(clean('<p>正文</p><p class="em_media">（文章来源：<span id="bk_90.BK0473"><a href="http://quote.eastmoney.com/x" class="keytip">证券</a></span>某报）</p>').html).toBe(
      "<p>正文</p><p>（文章来源：证券某报）</p>",
    );
  });
});

describe("the digest, source line and footer", () => {
  it("takes the leading > digest out of the body as the summary", () => {
    const { html, digest } = clean("> 摘要一句。\n\n<p>正文。</p>\n");
    expect(digest).toBe("摘要一句。");
    expect(html).toBe("<p>正文。</p>");
  });

  it.each([
    ["withounder, fullwidth bar", "[返回东财滚动新闻](//finews.withounder.com/emnews/) ｜ [返回首页](//finews.withounder.com/)"],
    ["media category page", "[返回某媒体新闻](//finews.withounder.com/category/moumeiti.html)｜[返回首页](//finews.withounder.com/)"],
    ["relative links, two lines", "[返回东财滚动新闻](../emnews/)\n[返回首页](../)"],
    ["zning.me, two lines", "[返回东财滚动新闻](//finews.zning.me/emnews/)\n[返回首页](//finews.zning.me/)"],
    ["ASCII bar", "[返回东财滚动新闻](/emnews/) | [返回首页](/)"],
    ["home link alone", "[返回首页](//finews.withounder.com/)"],
  ])("removes the %s footer and takes the <http…> line as the source", (_, footer) => {
    const { html, sourceUrl } = clean(`<p>正文。</p>\n\n<http://finance.eastmoney.com/news/1354,1.html>\n\n${footer}\n`);
    expect(html).toBe("<p>正文。</p>");
    expect(sourceUrl).toBe("https://finance.eastmoney.com/news/1354,1.html");
  });

  it("removes the empty <> source line", () => {
    const { html, sourceUrl } = clean("正文。\n\n<>\n\n[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n");
    expect(html).toBe("<p>正文。</p>");
    expect(sourceUrl).toBeUndefined();
  });

  it("keeps a link in the body that is not the last line", () => {
    const { html, sourceUrl } = clean("<https://a.example/x>\n\n正文。\n");
    expect(html).toBe('<p><a href="https://a.example/x">https://a.example/x</a></p>\n<p>正文。</p>');
    expect(sourceUrl).toBeUndefined();
  });
});

describe("text and URLs", () => {
  it("shows a raw '<' in text as text and swallows nothing after it", () => {
    expect(clean("精度满足<1%的要求，A & B 通过。\n").html).toBe("<p>精度满足&lt;1%的要求，A &amp; B 通过。</p>");
  });

  it("drops CR characters", () => {
    expect(clean("一\r\n二\r\n").html).not.toContain("\r");
  });

  it("makes relative and protocol-relative URLs absolute, and eastmoney's http links https", () => {
    expect(absoluteUrl("/emnews/", policy)).toBe("https://finews.withounder.com/emnews/");
    expect(absoluteUrl("../x.html", policy)).toBe("https://finews.withounder.com/emnews/2024/01/x.html");
    expect(absoluteUrl("//img.example/a.png", policy)).toBe("https://img.example/a.png");
    expect(absoluteUrl("http://quote.eastmoney.com/a", policy)).toBe("https://quote.eastmoney.com/a");
    expect(absoluteUrl("http://other.example/a", policy)).toBe("http://other.example/a");
    expect(absoluteUrl("http://[bad", policy)).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)("every corpus post", () => {
  it("comes out with no eastmoney markup, footer or raw source line, and only absolute URLs", async () => {
    const siteDir = (await layOutCorpusSite())!;
    const { records, files } = await buildPosts(siteDir);
    expect(records.length).toBeGreaterThan(50);
    for (const record of records) {
      const where = files.get(record.path)!;
      expect(record.contentHtml, where).not.toMatch(/<span|<center|<!--|\sclass=|\sstyle=|\sid=|\sdata-|\sweb=|返回首页|&lt;http|\r/);
      for (const [, url] of record.contentHtml.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url, where).toMatch(/^https?:\/\//);
      expect(record.contentHtml.trim(), where).not.toBe("");
      const source = await readFile(`${siteDir}/${where}`, "utf8");
      const line = /^<(https?:\/\/[^>]+)>\s*$/m.exec(source);
      if (line) expect(record.sourceUrl, where).toBe(absoluteUrl(line[1]!, policy));
    }
  });
});

describe("headings under the page's own h1", () => {
  const headings = (html: string) => cleanArticleHtml(html, policy, { archiveLines: false }).html;

  it("start at h2 and skip no level, keeping their order, ids and content", () => {
    // an author's `#### Notes` as the first heading, straight after the page's title
    expect(headings('<h4 id="notes">Notes <em>1</em></h4><p>x</p><h5>a</h5><h4>b</h4>')).toBe('<h2 id="notes">Notes <em>1</em></h2><p>x</p><h3>a</h3><h2>b</h2>');
    expect(headings("<h1>T</h1><h2>U</h2><h4>V</h4><h2>W</h2>")).toBe("<h2>T</h2><h3>U</h3><h4>V</h4><h3>W</h3>");
  });

  it("leave an outline that is right already as it is", () => {
    expect(headings("<h2>a</h2><h3>b</h3><h2>c</h2>")).toBe("<h2>a</h2><h3>b</h3><h2>c</h2>");
  });
});
