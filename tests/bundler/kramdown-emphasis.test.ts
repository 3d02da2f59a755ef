// Emphasis as kramdown reads it in Jekyll 4.3: each expected output is what `jekyll build` made of
// the line.
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";

const render = (line: string) => markdownToHtml(`${line}\n`).trim();

describe("emphasis, as kramdown reads it", () => {
  it.each([
    ["**Browser of choice:**Just two years ago", "<p><strong>Browser of choice:</strong>Just two years ago</p>"],
    ["**注意：**内容在这里", "<p><strong>注意：</strong>内容在这里</p>"],
    ["中文**“引号”**后面", "<p>中文<strong>“引号”</strong>后面</p>"],
    ["**1.**2 and __a__b", "<p><strong>1.</strong>2 and __a__b</p>"],
    ["_Note:_text and *Note:*text", "<p>_Note:_text and <em>Note:</em>text</p>"],
  ])("closes after punctuation whatever follows, but not an underscore before a letter: %s", (line, html) => {
    expect(render(line)).toBe(html);
  });

  it.each([
    ["This site is **not owned by GitHub**. But", "<p>This site is <strong>not owned by GitHub</strong>. But</p>"],
    ["snake_case_name and foo_bar_ baz", "<p>snake_case_name and foo_bar_ baz</p>"],
    ["word*emph*word and word_emph_word", "<p>word<em>emph</em>word and word_emph_word</p>"],
    ["a ** b ** c", "<p>a ** b ** c</p>"],
    ["before**after** and **before**after", "<p>before<strong>after</strong> and <strong>before</strong>after</p>"],
    ['**bold**.Next and (*paren*) and "**quoted**"', "<p><strong>bold</strong>.Next and (<em>paren</em>) and “<strong>quoted</strong>”</p>"],
  ])("reads what CommonMark reads alike the same: %s", (line, html) => {
    expect(render(line)).toBe(html);
  });
});
