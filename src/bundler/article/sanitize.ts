import sanitizeHtml from "sanitize-html";

/**
 * The allow-list every article body passes through last: only these tags and attributes survive,
 * URLs only as http, https or mailto. Anything else (scripts, handlers, styles, frames, forms,
 * SVG, class/id/data-*) is dropped; the text of a dropped element stays unless it is code.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "a", "img", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "abbr", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "pre", "code", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height", "title"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    ol: ["start"],
    abbr: ["title"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // The page has its own <h1>: an article heading one level down keeps the outline right.
  transformTags: {
    h1: "h2",
    img: (tagName, attribs) => ({ tagName, attribs: { alt: "", ...attribs } }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, options);
}
