import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";

/**
 * Elements that stand on lines of their own: their text is a block, kept apart from the text
 * around it by a line break. Inline elements add nothing, as Chinese runs words together: a
 * space where a link ends (`<a>宁德时代</a>股份`) would cut a word a reader sees whole.
 */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
  "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
/** Elements whose text no reader sees on the page (sanitized articles hold none; other HTML may). */
const UNSEEN = new Set(["noscript", "script", "style", "template", "textarea", "title"]);
/** What HTML collapses into one space outside `<pre>`: ASCII whitespace only (a no-break space stays). */
const HTML_SPACE_RUN = /[\t\n\f\r ]+/g;

/**
 * The text a reader sees of an article's HTML: tags out, entities decoded, nothing from an
 * attribute (no URL, no `alt`), one line per block (paragraph, heading, list item, table cell,
 * `<br>`), spaces as the page shows them. What the filters match a post against (foldPostText),
 * so words from two paragraphs never meet in one line to make a match nobody can see.
 * A streaming parse (htmlparser2, on which linkedom and sanitize-html are built): no tree is
 * built, a third of what a linkedom document costs.
 */
export function plainTextOf(html: string): string {
  const parts: string[] = [];
  let unseen = 0;
  let pre = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (UNSEEN.has(name)) unseen++;
        else if (BLOCKS.has(name)) parts.push("\n");
        if (name === "pre") pre++;
      },
      onclosetag(name) {
        if (UNSEEN.has(name)) unseen = Math.max(0, unseen - 1);
        else if (BLOCKS.has(name)) parts.push("\n");
        if (name === "pre") pre = Math.max(0, pre - 1);
      },
      ontext(text) {
        if (unseen === 0) parts.push(pre > 0 ? text : text.replace(HTML_SPACE_RUN, " "));
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join("").replace(/[\t\f\r ]*\n\s*/g, "\n").replace(/[\t\f\r ]+/g, " ").trim();
}

/** Ruby Liquid's `strip_html`: scripts, styles and comments out with what they hold, then every tag. */
const STRIP_HTML_BLOCKS = /<script[\s\S]*?<\/script>|<!--[\s\S]*?-->|<style[\s\S]*?<\/style>/gi;
const STRIP_HTML_TAGS = /<[\s\S]*?>/g;

/**
 * An excerpt's text as jekyll-feed writes its summary (`post.excerpt | strip_html`), with the
 * entities decoded that a reader's HTML summary would show decoded. Two regular expressions, as
 * Liquid does it: an excerpt is often the whole body, and a parse would cost as much as its build.
 */
export function strippedText(html: string): string {
  return decodeHTML(html.replace(STRIP_HTML_BLOCKS, "").replace(STRIP_HTML_TAGS, ""));
}
