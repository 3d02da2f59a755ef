// Lists as kramdown reads them in Jekyll 4.3 (each expected output is what `jekyll build` made of
// the input, white space between tags aside).
import { describe, expect, it } from "vitest";
import { markdownOptionsFromJekyll, markdownToHtml } from "../../src/bundler/article/markdown.js";

const tight = (html: string) => html.replace(/>\s+</g, "><").trim();

describe("lists, as kramdown reads them", () => {
  it("end a paragraph at an ordered marker of any number (GFM input), as a year at the start of a line does", () => {
    expect(tight(markdownToHtml("Some text in\n2011. His post follows.\n"))).toBe("<p>Some text in</p><ol><li>His post follows.</li></ol>");
    expect(tight(markdownToHtml("A line\n* a bullet\n"))).toBe("<p>A line</p><ul><li>a bullet</li></ul>");
  });

  it("number every ordered list from 1, and take `1)` for text", () => {
    expect(tight(markdownToHtml("3. three\n4. four\n\n1) haha\n"))).toBe("<ol><li>three</li><li>four</li></ol><p>1) haha</p>");
  });

  it("interrupt no paragraph with kramdown's own input", () => {
    const options = markdownOptionsFromJekyll({ kramdown: { input: "kramdown" } });
    expect(tight(markdownToHtml("Some text in\n2011. His post follows.\n\nA line\n* a bullet\n\nA line\n1. one\n", options))).toBe(
      "<p>Some text in\n2011. His post follows.</p><p>A line\n* a bullet</p><p>A line\n1. one</p>",
    );
  });
});
