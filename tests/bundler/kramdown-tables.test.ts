// Tables as kramdown reads them in Jekyll 4.3 (expected: what `jekyll build` wrote, white space
// between tags aside, less rouge's class on code spans).
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";

const tight = (html: string) => html.replace(/>\s+</g, "><").trim();

describe("tables, as kramdown reads them", () => {
  it("end the header at the first separator line, start a body at each later one and the footer at a |=== line", () => {
    const markdown = "| H1 | H2 |\n|:---|---:|\n| a | b |\n|---\n| c | `d|e` |\n|=====\n| f | g |\n";
    expect(tight(markdownToHtml(markdown))).toBe(
      tight(`<table><thead><tr><th style="text-align: left">H1</th><th style="text-align: right">H2</th></tr></thead>
<tbody><tr><td style="text-align: left">a</td><td style="text-align: right">b</td></tr></tbody>
<tbody><tr><td style="text-align: left">c</td><td style="text-align: right"><code>d|e</code></td></tr></tbody>
<tfoot><tr><td style="text-align: left">f</td><td style="text-align: right">g</td></tr></tfoot></table>`),
    );
  });

  it("take lines with a pipe after a blank line for a table without a header, but not after a line of text", () => {
    expect(tight(markdownToHtml("Edit | Settings here\n\na | b\nc | d\n"))).toBe(
      "<table><tbody><tr><td>Edit</td><td>Settings here</td></tr></tbody></table><table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>",
    );
    expect(tight(markdownToHtml("Text before\n| not | a table |\n"))).toBe("<p>Text before\n| not | a table |</p>");
  });

  it("need a body, and read an escaped pipe as a pipe", () => {
    expect(tight(markdownToHtml("| a \\| b | c |\n|---|---|\n| 1 | 2 |\n\n| x |\n|---|\n\nAfter.\n"))).toBe(
      "<table><thead><tr><th>a | b</th><th>c</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table><p>| x |\n|—|</p><p>After.</p>",
    );
  });
});
