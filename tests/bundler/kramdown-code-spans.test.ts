// Code spans as kramdown reads them in Jekyll 4.3 (expected: what `jekyll build` wrote, less
// rouge's class on <code>, which the publisher does not write).
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";

const render = (markdown: string) => markdownToHtml(markdown).replace(/\n$/, "");

describe("code spans, as kramdown reads them", () => {
  it("take a lone backtick between spaces for a backtick", () => {
    expect(render("`   `\n")).toBe("<p>`   `</p>");
    expect(render("A ` lone and ` spaced ` one\n")).toBe("<p>A ` lone and ` spaced ` one</p>");
  });

  it("end at the next run like the opening one, and lose a space at each end of a longer run", () => {
    expect(render("`code` and `` a ` b `` and `a``b`\n")).toBe("<p><code>code</code> and <code>a ` b</code> and <code>a</code><code>b</code></p>");
    expect(render("``  two  ``\n")).toBe("<p><code> two </code></p>");
  });
});
