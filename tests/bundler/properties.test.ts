// Property-based: the cleaner and sanitizer never throw and never let an active element through;
// dates and front matter never throw past their own errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanArticleHtml } from "../../src/bundler/article/clean.js";
import { FrontMatterError, parseFrontMatter } from "../../src/bundler/read/front-matter.js";
import { parsePostDate } from "../../src/bundler/read/post-date.js";
import { markdownToHtml } from "../../src/bundler/article/markdown.js";
import { sanitizeArticleHtml } from "../../src/bundler/article/sanitize.js";
import { archiveSite as site } from "../support/archive-site.js";

const tags = ["p", "a", "img", "script", "style", "iframe", "svg", "math", "span", "center", "div", "form", "template", "noscript", "object", "base", "meta", "table", "td", "br"];
const attributes = ['href="javascript:alert(1)"', "onerror=alert(1)", 'src="//x.example/a.png"', 'style="display:none"', 'id="stock_0.1"', 'class="keytip"', 'href="data:text/html,x"', 'href="https://ok.example/"', "data-x=1", 'xlink:href="javascript:x"'];

/** Random HTML soup: tags open and close in any order, with hostile attributes and text. */
const soup = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...tags), fc.subarray(attributes, { maxLength: 3 })).map(([tag, attrs]) => `<${tag} ${attrs.join(" ")}>`),
      fc.constantFrom(...tags).map((tag) => `</${tag}>`),
      fc.string({ maxLength: 12 }),
      fc.constantFrom("<!-- c -->", "<", ">", "&", "]]>", "<http://a.example/x>", "<>", "> quote\n\n", "[返回首页](//x/)", "\r\n"),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(""));

const allowedTags = new Set("p br hr a img strong b em i u s del ins sub sup small mark blockquote q cite abbr ul ol li dl dt dd h2 h3 h4 h5 h6 pre code table caption thead tbody tfoot tr th td figure figcaption div input".split(" "));
const allowedAttributes = new Set(["href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "id", "class", "role", "rel", "type", "disabled", "checked"]);
/** The values kramdown's markup needs, and nothing that could run or restyle the page. */
const allowedValues: Record<string, RegExp> = {
  class: /^(?:language-[\w+#.-]+|footnotes?|reversefootnote|task-list(?:-item(?:-checkbox)?)?)$/,
  id: /^[\p{L}\p{M}\p{N}\p{Pc}:.-]+$/u,
  role: /^doc-(?:noteref|backlink|endnotes?)$/,
  rel: /^footnote$/,
  type: /^checkbox$/,
};

describe("cleaning any HTML", () => {
  it("never throws and never leaves an active element or attribute", () => {
    fc.assert(
      fc.property(soup, (html) => {
        const cleaned = cleanArticleHtml(markdownToHtml(html), { baseUrl: "https://finews.withounder.com/a/b.html", httpsHosts: site.httpsHosts }, { archiveLines: true });
        const safe = sanitizeArticleHtml(cleaned.html);
        // text keeps "<" escaped, so every "<…>" left is a real tag: check each against the allow-list
        for (const [tag, name, attrs] of safe.matchAll(/<\/?([a-z0-9]+)([^>]*)>/g)) {
          expect(allowedTags.has(name!), tag).toBe(true);
          for (const [, attribute, value] of attrs!.matchAll(/([^\s=/]+)="([^"]*)"/g)) {
            expect(allowedAttributes.has(attribute!), tag).toBe(true);
            if (attribute === "href" || attribute === "src") expect(value, tag).toMatch(/^(https?:|mailto:)/);
            if (Object.hasOwn(allowedValues, attribute!)) expect(value!.split(" ").every((v) => allowedValues[attribute!]!.test(v)), tag).toBe(true);
          }
        }
        expect(safe).not.toMatch(/<(?![a-z/])/);
      }),
      { numRuns: 400 },
    );
  });
});

describe("reading front matter and dates", () => {
  it("parsePostDate never throws, and what it accepts is RFC 3339", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace("T", " ").slice(0, 19) + " +0800")), (raw) => {
        const date = parsePostDate(raw, site.timeZone);
        if (date) expect(date.iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
      }),
    );
  });

  it("parseFrontMatter throws nothing but its own error or YAML's, and runs nothing", () => {
    fc.assert(
      fc.property(fc.constantFrom("---\n", "---js\n", "---yaml\n", "", "---coffee\n"), fc.string(), (open, inside) => {
        try {
          parseFrontMatter(`${open}${inside}\n---\nbody`);
        } catch (error) {
          expect(error instanceof FrontMatterError || (error as Error).name === "YAMLException").toBe(true);
        }
      }),
    );
  });
});
