// Math as kramdown writes it in Jekyll 4.3 (expected outputs are what `jekyll build` made of the
// inputs, white space between tags aside).
import { describe, expect, it } from "vitest";
import { markdownOptionsFromJekyll, markdownToHtml } from "../../src/bundler/article/markdown.js";

const tight = (html: string) => html.replace(/>\s+</g, "><").trim();

describe("math, as kramdown writes it", () => {
  it("writes $$…$$ in text as MathJax's inline math, with nothing inside read as Markdown", () => {
    expect(tight(markdownToHtml("Inline $$a_1 + b_2 < c$$ math, and *em*.\n"))).toBe("<p>Inline \\(a_1 + b_2 &lt; c\\) math, and <em>em</em>.</p>");
  });

  it("writes $$…$$ between blank lines as block math, and inside a paragraph as inline math", () => {
    const markdown = "$$\n\\begin{align}\nx_1 &= y_2\n\\end{align}\n$$\n\nA paragraph\n$$not block$$ here.\n\n$$ one line block $$\n\nText before\n$$\nafter text\n$$\n";
    expect(tight(markdownToHtml(markdown))).toBe(
      "\\[\\begin{align}\nx_1 &amp;= y_2\n\\end{align}\\]\n<p>A paragraph\n\\(not block\\) here.</p>\n\\[one line block\\]\n<p>Text before\n\\(after text\\)</p>",
    );
  });

  it("keeps kramdown's own markup without a math engine", () => {
    const options = markdownOptionsFromJekyll({ kramdown: { math_engine: null } });
    expect(tight(markdownToHtml("Inline $$x_1$$.\n\n$$\ny\n$$\n", options))).toBe('<p>Inline <span class="kdmath">$x_1$</span>.</p><div class="kdmath">$$\ny\n$$</div>');
  });
});
