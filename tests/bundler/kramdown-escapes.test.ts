// Backslash escapes as kramdown reads them in Jekyll 4.3 (expected: what `jekyll build` wrote).
import { describe, expect, it } from "vitest";
import { markdownOptionsFromJekyll, markdownToHtml } from "../../src/bundler/article/markdown.js";

const line = "A \\^(1+)$ and 50\\% off, a\\*b, \\~x\\~, c\\/d, e\\@f, g\\&amp;h, i\\?j, k\\,l m\\;n\n";

describe("backslash escapes, as kramdown reads them", () => {
  it("keep the backslash before a mark kramdown does not escape", () => {
    expect(markdownToHtml(line).trim()).toBe("<p>A \\^(1+)$ and 50\\% off, a*b, ~x~, c\\/d, e\\@f, g\\&amp;h, i\\?j, k\\,l m\\;n</p>");
  });

  it("keep it before ~ too with kramdown's own input", () => {
    expect(markdownToHtml(line, markdownOptionsFromJekyll({ kramdown: { input: "kramdown" } })).trim()).toBe("<p>A \\^(1+)$ and 50\\% off, a*b, \\~x\\~, c\\/d, e\\@f, g\\&amp;h, i\\?j, k\\,l m\\;n</p>");
  });
});
