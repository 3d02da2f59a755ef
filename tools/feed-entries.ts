import { parseHTML } from "linkedom";
import { SaxesParser } from "saxes";
import type { PostRecord } from "../src/post.js";
import type { Author, Site } from "../src/site.js";

/** One entry of an Atom feed, as jekyll-feed writes it and as a reader reads it: text decoded, HTML kept as HTML. */
export interface FeedEntry {
  id: string;
  /** `<link rel="alternate">`: the post's URL. */
  link: string;
  /** Plain text (a `type="html"` title decoded). */
  title: string;
  published: string;
  updated: string;
  /** Category terms: jekyll-feed writes a post's categories, then its tags, all as `<category>`. */
  terms: string[];
  author: Author;
  /** HTML; absent for an entry without content (`feed.excerpt_only`). */
  contentHtml?: string;
  /** Plain text. */
  summary: string;
  /** `media:thumbnail`. */
  image?: string;
}

/** An Atom document's entries, and its RFC 5005 `next` page when it names one. */
export interface AtomPage {
  entries: FeedEntry[];
  next?: string;
}

/** Elements that end a line of text: their text is apart from what is around them. */
const BLOCKS = new Set(
  "address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split(" "),
);
/** Elements whose text no reader sees. */
const UNSEEN = new Set(["script", "style", "template", "noscript"]);

type TextNode = { nodeType: number; textContent: string | null; tagName?: string; childNodes: ArrayLike<TextNode> };

/** Text of HTML: tags gone, blocks apart, white space single; with `typographic` false, curly quotes read as straight ones. */
function readerText(html: string, typographic: boolean): string {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const parts: string[] = [];
  const walk = (node: TextNode) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? "");
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node.tagName ?? "").toLowerCase();
    if (UNSEEN.has(tag)) return;
    const block = BLOCKS.has(tag);
    if (block) parts.push(" ");
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) parts.push(" ");
  };
  walk(document.body as unknown as TextNode);
  const text = parts.join("").replace(/\s+/g, " ").trim();
  return typographic ? text : straightQuotes(text);
}

/** Typographic quotes (smart quotes, primes) as the straight ones they stand for. */
export function straightQuotes(text: string): string {
  return text.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');
}

/** The text a reader sees of a post's HTML, for comparing: quotes straight, white space single. */
export function contentText(html: string): string {
  return readerText(html, false);
}

/** Where the links and images of HTML lead, made absolute on `base`, in order. */
export function contentLinks(html: string, base: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const links: string[] = [];
  for (const element of Array.from(document.querySelectorAll("a[href], img[src]")) as { tagName: string; getAttribute(name: string): string | null }[]) {
    const value = element.getAttribute(element.tagName === "IMG" ? "src" : "href")!.trim();
    links.push(URL.canParse(value, base) ? new URL(value, base).href : value);
  }
  return links;
}

/** Text of an Atom text construct by its `type`. */
function textConstruct(value: string, type: string | undefined): string {
  return type === "html" || type === "xhtml" ? readerText(value, true) : value.replace(/\s+/g, " ").trim();
}

/** Reads an Atom feed's entries, as any reader would (entities and CDATA decoded). Throws on XML that is not well-formed. */
export function parseAtom(xml: string): AtomPage {
  const parser = new SaxesParser({ xmlns: false });
  const entries: FeedEntry[] = [];
  const page: AtomPage = { entries };
  const path: string[] = [];
  let entry: FeedEntry | undefined;
  let text = "";
  let type: string | undefined;
  let contentType: string | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    path.push(tag.name);
    text = "";
    const attr = (name: string) => (typeof tag.attributes[name] === "string" ? (tag.attributes[name] as string) : undefined);
    if (tag.name === "entry" && path.length === 2) {
      entry = { id: "", link: "", title: "", published: "", updated: "", terms: [], author: { name: "" }, summary: "" };
      return;
    }
    if (tag.name === "link") {
      const rel = attr("rel") ?? "alternate";
      if (entry && path.length === 3 && rel === "alternate") entry.link = attr("href") ?? "";
      if (!entry && path.length === 2 && rel === "next") page.next = attr("href");
    }
    if (entry && tag.name === "category") entry.terms.push(attr("term") ?? "");
    if (entry && tag.name === "media:thumbnail") entry.image = attr("url");
    if (tag.name === "title" || tag.name === "summary") type = attr("type");
    if (tag.name === "content") contentType = attr("type");
  });
  parser.on("text", (chunk) => (text += chunk));
  parser.on("cdata", (chunk) => (text += chunk));
  parser.on("closetag", (tag) => {
    const depth = path.length;
    path.pop();
    if (!entry) return;
    if (tag.name === "entry" && depth === 2) {
      entries.push(entry);
      entry = undefined;
      return;
    }
    if (depth === 3) {
      if (tag.name === "id") entry.id = text.trim();
      else if (tag.name === "title") entry.title = textConstruct(text, type);
      else if (tag.name === "published") entry.published = text.trim();
      else if (tag.name === "updated") entry.updated = text.trim();
      else if (tag.name === "summary") entry.summary = textConstruct(text, type);
      else if (tag.name === "content") entry.contentHtml = contentType === "html" || contentType === "xhtml" ? text : escapeText(text);
    } else if (depth === 4 && path[2] === "author") {
      const value = text.trim();
      if (tag.name === "name") entry.author.name = value;
      else if (tag.name === "email" && value) entry.author.email = value;
      else if (tag.name === "uri" && value) entry.author.uri = value;
    }
  });
  parser.write(xml).close();
  return page;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** What jekyll-feed would write for a record: the same fields as `parseAtom` reads, from the records a build made. */
export function entryOfRecord(record: PostRecord, site: Site): FeedEntry {
  return {
    id: record.id,
    link: `${site.url}${site.baseurl}${record.path}`,
    title: record.title,
    published: record.date,
    updated: record.updated ?? record.date,
    terms: [...record.categories, ...record.tags],
    author: record.author ?? site.author ?? { name: "" },
    ...(site.feed.excerptOnly ? {} : { contentHtml: record.contentHtml }),
    summary: record.summary,
    ...(record.image ? { image: record.image } : {}),
  };
}
