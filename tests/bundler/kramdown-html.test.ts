// Block HTML in Markdown as kramdown reads it in Jekyll 4.3 (each expected output is what
// `jekyll build` made of the input, white space between tags aside).
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";

/** HTML with the white space between tags and at the ends gone: kramdown indents, markdown-it does not. */
const tight = (html: string) => html.replace(/>\s+</g, "><").trim();

describe("block HTML, as kramdown reads it", () => {
  it("runs to the element's end tag across blank lines, so indented HTML after one is HTML, not code", () => {
    const markdown = '<figure class="gallery">\n  <a href="/a.jpg">\n\n    <img src="/a-th.jpg">\n  </a>\n\n  <figcaption>A *caption*</figcaption>\n</figure>\n\nAfter *it*.\n';
    expect(tight(markdownToHtml(markdown))).toBe(tight('<figure class="gallery">\n  <a href="/a.jpg">\n\n    <img src="/a-th.jpg">\n  </a>\n\n  <figcaption>A *caption*</figcaption>\n</figure>\n<p>After <em>it</em>.</p>'));
  });

  it("takes any element but a span-level one, its own kind nested, and a paragraph it interrupts", () => {
    const markdown = [
      '<my-widget data-x="1">\n\n    indented *text*\n\n</my-widget>',
      "<div>\n<div>\n\ninner *a*\n</div>\n\nstill *outer*\n</div>",
      "Text before\n<div>interrupting</div>",
      "<p>A paragraph\n\nwith a blank line</p>",
    ].join("\n\n");
    expect(tight(markdownToHtml(markdown))).toBe(
      tight('<my-widget data-x="1">\n\n    indented *text*\n\n</my-widget><div>\n<div>\n\ninner *a*\n</div>\n\nstill *outer*\n</div><p>Text before</p>\n<div>interrupting</div><p>A paragraph\n\nwith a blank line</p>'),
    );
  });

  it("shows a closing tag that closes nothing as text", () => {
    expect(tight(markdownToHtml('<div class="imgcap">\n<div class="thecap">The caption. </a></div>\n</div>\n\nAfter.\n'))).toBe('<div class="imgcap"><div class="thecap">The caption. &lt;/a></div></div><p>After.</p>');
  });

  it("runs to the end of the text when the end tag never comes", () => {
    expect(tight(markdownToHtml("<section>\nnever closed\n\n*rest* of the document\n"))).toBe("<section>\nnever closed\n\n*rest* of the document");
  });

  it('reads the content of a block element with markdown="1" as Markdown, and drops the attribute', () => {
    const markdown = '<div class="notice" markdown="1">\n**Bold** inside.\n\n* item\n</div>\n\nEnd <span>x</span>\n';
    expect(tight(markdownToHtml(markdown))).toBe('<div class="notice"><p><strong>Bold</strong> inside.</p><ul><li>item</li></ul></div><p>End <span>x</span></p>');
  });

  it("leaves a line that starts with a span-level element to be a paragraph", () => {
    expect(tight(markdownToHtml('<a href="/x">a *link*</a> and text\n'))).toBe('<p><a href="/x">a <em>link</em></a> and text</p>');
  });
});
