// Link URLs as kramdown reads them in Jekyll 4.3 (expected: what `jekyll build` wrote; spaces in
// an href percent-encoded, as a browser would ask for them).
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";

describe("link URLs, as kramdown reads them", () => {
  it("take spaces, up to the parenthesis that closes, with a title after white space", () => {
    expect(markdownToHtml('I recommend [You and Your Research](You and Your Research), ![a b](some image.png "T") and [p](http://x.example/a(b)c)\n').trim()).toBe(
      '<p>I recommend <a href="You%20and%20Your%20Research">You and Your Research</a>, <img src="some%20image.png" alt="a b" title="T"> and <a href="http://x.example/a(b)c">p</a></p>',
    );
  });

  it("make a link of a javascript: URL too, whose href the sanitizer then drops", () => {
    expect(markdownToHtml("the [readme](javascript:go('x')) file\n").trim()).toBe(`<p>the <a href="javascript:go('x')">readme</a> file</p>`);
  });

  it("leave the text as written when the parenthesis never closes", () => {
    expect(markdownToHtml("a [no](close\n").trim()).toBe("<p>a [no](close</p>");
  });
});
