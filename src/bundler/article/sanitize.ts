import sanitizeHtml from "sanitize-html";

/**
 * The ids kramdown's and commonmarker's markup need (heading ids, `fn:name`, `fnref:name:2`, `fnref1` on footnotes): word
 * characters of any script, `-`, `_`, `:`, `.`. Anything else (spaces, quotes, brackets, a
 * `javascript:alert(1)`) loses its id rather than reach the page.
 */
const SAFE_ID = /^[\p{L}\p{M}\p{N}\p{Pc}:.-]{1,200}$/u;

/** The one value each of these attributes may have on a tag, as kramdown writes it. */
const KNOWN_VALUES: Record<string, Record<string, string>> = {
  role: { sup: "doc-noteref", a: "doc-backlink", li: "doc-endnote", div: "doc-endnotes" },
  rel: { a: "footnote" },
  type: { input: "checkbox" },
};

const isKnown = (tagName: string, name: string, value: string) =>
  name === "id" ? SAFE_ID.test(value) : !Object.hasOwn(KNOWN_VALUES, name) || KNOWN_VALUES[name]![tagName] === value;

/** Drops an unsafe id and any role, rel or type other than the one kramdown writes there. */
function knownAttributes(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const names = Object.keys(attribs);
  if (names.every((name) => isKnown(tagName, name, attribs[name]!))) return { tagName, attribs };
  return { tagName, attribs: Object.fromEntries(names.filter((name) => isKnown(tagName, name, attribs[name]!)).map((name) => [name, attribs[name]!])) };
}

/** An image's `width` and `height` only as HTML allows them, a number of pixels: `100%` is dropped (the page's CSS fits images to it). */
function imageSize(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  return Object.fromEntries(Object.entries(attribs).filter(([name, value]) => (name !== "width" && name !== "height") || /^\d+$/.test(value)));
}

const ALIGN = /^(?:left|right|center)$/;

/** commonmarker aligns a table's column with the obsolete `align` attribute: as a style, like kramdown. */
function cellAlign(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { align, ...rest } = attribs;
  if (align === undefined || rest.style !== undefined || !ALIGN.test(align)) return { tagName, attribs: rest };
  return { tagName, attribs: { ...rest, style: `text-align: ${align}` } };
}

/**
 * The allow-list every article body passes through last: only these tags and attributes survive,
 * URLs only as http, https or mailto. Anything else (scripts, handlers, styles, frames, forms,
 * SVG, data-*) is dropped; the text of a dropped element stays unless it is code. Ids, classes
 * and roles survive only where kramdown writes them: heading and footnote ids, footnote and
 * task-list classes, `language-*` on code, the footnotes' ARIA roles; styles only as a table
 * column's `text-align`.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "a", "img", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "abbr", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "pre", "code", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption",
    "div", "input",
  ],
  allowedAttributes: {
    // id: commonmarker's footnote references (`<a id="fnref1">`), which the notes' backlinks point to
    a: ["href", "title", "rel", "role", "id"],
    img: ["src", "alt", "width", "height", "title"],
    // style: only a column's text-align (allowedStyles), as kramdown and markdown-it write it
    th: ["colspan", "rowspan", "style"],
    td: ["colspan", "rowspan", "style"],
    ol: ["start"],
    abbr: ["title"],
    h2: ["id"], h3: ["id"], h4: ["id"], h5: ["id"], h6: ["id"],
    sup: ["id", "role"],
    li: ["id", "role"],
    div: ["role"],
    input: ["type", "disabled", "checked"],
  },
  allowedClasses: {
    code: [/^language-[\w+#.-]+$/],
    a: ["footnote", "reversefootnote"],
    div: ["footnotes"],
    ul: ["task-list"],
    ol: ["task-list"],
    li: ["task-list-item"],
    input: ["task-list-item-checkbox"],
  },
  allowedStyles: { th: { "text-align": [ALIGN] }, td: { "text-align": [ALIGN] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The page has its own <h1>: an article heading one level down keeps the outline right.
    h1: (_tagName, attribs) => knownAttributes("h2", attribs),
    ...Object.fromEntries(["h2", "h3", "h4", "h5", "h6", "sup", "li", "a", "input"].map((tag) => [tag, knownAttributes])),
    div: knownAttributes,
    // commonmarker's footnotes are a <section>; kept as kramdown's <div class="footnotes">
    section: (_tagName, attribs) => (attribs.class === "footnotes" ? { tagName: "div", attribs: { class: "footnotes" } } : { tagName: "section", attribs }),
    th: cellAlign,
    td: cellAlign,
    img: (tagName, attribs) => ({ tagName, attribs: { alt: "", ...imageSize(attribs) } }),
  },
  // An image needs its source; an input is only ever a task list's disabled checkbox; a div is only
  // kramdown's footnotes, and any other goes as before, its content staying ("excludeTag" unwraps).
  exclusiveFilter: (frame) => {
    if (frame.tag === "div") return frame.attribs.class === "footnotes" ? false : "excludeTag";
    return (frame.tag === "img" && !frame.attribs.src) || (frame.tag === "input" && (frame.attribs.type !== "checkbox" || frame.attribs.disabled === undefined));
  },
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, options);
}
