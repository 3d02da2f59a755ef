import { COMMENT_NODE, ELEMENT_NODE, parseBody, type Element, type Node } from "./dom.js";

export interface CleanedArticle {
  /** Body HTML with eastmoney markup and hidden parts removed (and the archive's lines, for a site that has them). Not yet sanitized. */
  html: string;
  /** Text of the leading `> digest` blockquote, which is taken out of the body (archive lines only). */
  digest?: string;
  /** The original article, from the `<http://…>` line near the end (archive lines only). */
  sourceUrl?: string;
}

export interface UrlPolicy {
  /** Base for relative URLs. */
  baseUrl: string;
  /** When the site names no origin: URLs on this one (the base's) are written from the root, without it. */
  localOrigin?: string;
  /** Hosts (and their subdomains) whose `http://` URLs become `https://`. */
  httpsHosts: readonly string[];
}


/** Normalized visible text: whitespace runs become one space. */
export function textOf(node: Node): string {
  return (node.textContent ?? "").replace(/\s+/g, " ").trim();
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

/** Elements by tag name, in document order, as a list that later changes do not disturb. */
function each(root: Element, tagName: string, action: (element: Element) => void): void {
  for (const element of Array.from(root.getElementsByTagName(tagName))) action(element);
}

function hasClass(element: Element, name: string): boolean {
  return (element.getAttribute("class") ?? "").split(/\s+/).includes(name);
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden")) return true;
  const style = (element.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}

/** eastmoney's live-quote placeholders, `span[id^=quote_]` and `span[id^=bkquote_]`: nothing to read. */
function isQuoteWidget(element: Element): boolean {
  return element.tagName === "SPAN" && /^(bk)?quote_/.test(element.getAttribute("id") ?? "");
}

/** eastmoney's quote links (`a.keytip`, `a.infokey`, `span[id^=stock_|bk_|Info.]`, `span.em_stock_key_common`): the words stay. */
function isQuoteLink(element: Element): boolean {
  if (element.tagName === "A") return hasClass(element, "keytip") || hasClass(element, "infokey");
  if (element.tagName !== "SPAN") return false;
  return /^(stock_|bk_|Info\.)/.test(element.getAttribute("id") ?? "") || hasClass(element, "em_stock_key_common");
}

/**
 * One walk for the rules that look at a single node: comments and hidden elements go, quote
 * widgets go, quote links are unwrapped to their words. (A walk costs a tenth of the
 * querySelectorAll calls it replaces, which compile their selector on every call.)
 */
function sweep(parent: Node): void {
  for (let node = parent.firstChild; node; ) {
    const next = node.nextSibling;
    if (node.nodeType === COMMENT_NODE) node.remove();
    else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (isHidden(element) || isQuoteWidget(element)) element.remove();
      else {
        sweep(element);
        if (isQuoteLink(element)) unwrap(element);
      }
    }
    node = next;
  }
}

const blockTags = new Set(["P", "DIV", "TABLE", "UL", "OL", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6", "PRE", "FIGURE"]);

/** `<center>` becomes a paragraph, or just goes away when it holds blocks. */
function replaceCenter(body: Element): void {
  each(body, "center", (center) => {
    if (Array.from(center.children).some((c) => blockTags.has(c.tagName))) return unwrap(center);
    const p = body.ownerDocument.createElement("p");
    p.append(...Array.from(center.childNodes));
    center.replaceWith(p);
  });
}

/**
 * The article's headings under the page's own `<h1>`, no level skipped: its highest heading becomes
 * `<h2>` and each one after it at most one level below the one before (`# A`, `#### B` → h2, h3),
 * as HTML's outline wants; their order and ids stay.
 */
function outlineHeadings(body: Element): void {
  const headings = Array.from(body.querySelectorAll("h1, h2, h3, h4, h5, h6"));
  if (headings.length === 0) return;
  const levelOf = (heading: Element) => Number(heading.tagName[1]);
  const top = Math.min(...headings.map(levelOf));
  let previous = 1;
  for (const heading of headings) {
    const level = Math.min(levelOf(heading) - top + 2, previous + 1);
    previous = level;
    if (level === levelOf(heading)) continue;
    const renamed = body.ownerDocument.createElement(`h${level}`);
    for (const { name, value } of Array.from(heading.attributes)) renamed.setAttribute(name, value);
    renamed.append(...Array.from(heading.childNodes));
    heading.replaceWith(renamed);
  }
}

/** A `<br>` that ends a block draws nothing but an empty line. */
function removeTrailingBreaks(body: Element): void {
  each(body, "br", (br) => {
    let next = br.nextSibling;
    while (next && next.nodeType !== ELEMENT_NODE && textOf(next) === "") next = next.nextSibling;
    if (!next) br.remove();
  });
}

function removeEmptyParagraphs(body: Element): void {
  each(body, "p", (p) => {
    if (textOf(p) === "" && p.getElementsByTagName("img").length === 0) p.remove();
  });
}

/** Footers like `[返回东财滚动新闻](…)｜[返回首页](…)`, on one line or two. */
function isNavigationFooter(p: Element): boolean {
  const links = Array.from(p.getElementsByTagName("a"));
  if (links.length === 0 || !links.every((a) => textOf(a).startsWith("返回"))) return false;
  const rest = links.reduce((text, a) => text.replace(textOf(a), ""), textOf(p));
  return /^[\s｜|/·]*$/.test(rest);
}

/** The `<http://…>` line: one autolink whose text is its own address. */
function autolinkOf(p: Element): string | undefined {
  const links = p.getElementsByTagName("a");
  if (links.length !== 1) return undefined;
  const href = links[0]!.getAttribute("href") ?? "";
  return textOf(p) === textOf(links[0]!) && /^(https?:)?\/\//i.test(href) ? href : undefined;
}

/** Removes the footer, the source line and the empty `<>` line from the end of the body. */
function takeTrailer(body: Element): string | undefined {
  let sourceUrl: string | undefined;
  // kramdown makes a table of a footer written on one line with an ASCII bar, `[返回…](…) | [返回首页](…)`
  for (let last = body.lastElementChild; last && (last.tagName === "P" || last.tagName === "TABLE"); last = body.lastElementChild) {
    if (isNavigationFooter(last) || textOf(last) === "<>") {
      last.remove();
      continue;
    }
    if (last.tagName === "TABLE") break;
    const link = autolinkOf(last);
    if (link && !sourceUrl) {
      sourceUrl = link;
      last.remove();
      continue;
    }
    break;
  }
  return sourceUrl;
}

function takeDigest(body: Element): string | undefined {
  const first = body.firstElementChild;
  if (!first || first.tagName !== "BLOCKQUOTE") return undefined;
  const digest = textOf(first);
  first.remove();
  return digest || undefined;
}

/** Absolute https-preferring URL, or undefined when it cannot be one. */
export function absoluteUrl(raw: string, policy: UrlPolicy): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed.startsWith("//") ? `https:${trimmed}` : trimmed, policy.baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol === "http:" && policy.httpsHosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`))) {
    url.protocol = "https:";
  }
  return url.href;
}

function absolutizeUrls(body: Element, policy: UrlPolicy): void {
  for (const [tagName, attribute] of [["a", "href"], ["img", "src"]] as const) {
    each(body, tagName, (e) => {
      if (!e.hasAttribute(attribute)) return;
      const url = absoluteUrl(e.getAttribute(attribute) ?? "", policy);
      if (url) e.setAttribute(attribute, policy.localOrigin && url.startsWith(`${policy.localOrigin}/`) ? url.slice(policy.localOrigin.length) : url);
      else e.removeAttribute(attribute);
    });
  }
}

/** Which rules apply beyond those for any site. */
export interface CleanRules {
  /** The archive's own lines leave the body: `> digest`, `<http://…>`, `返回…` footers, `<>` (`feed_publisher.archive_lines`). */
  archiveLines: boolean;
}

/**
 * Turns the HTML that Markdown rendering gives for a post into a clean article body.
 * Each rule is listed, with an example, in docs/posts.md ("Cleaning rules").
 */
export function cleanArticleHtml(html: string, policy: UrlPolicy, rules: CleanRules): CleanedArticle {
  const body = parseBody(html);
  sweep(body);
  replaceCenter(body);
  removeTrailingBreaks(body);
  removeEmptyParagraphs(body);
  outlineHeadings(body);
  const digest = rules.archiveLines ? takeDigest(body) : undefined;
  const sourceUrl = rules.archiveLines ? takeTrailer(body) : undefined;
  absolutizeUrls(body, policy);
  return {
    html: body.innerHTML.trim(),
    digest,
    sourceUrl: sourceUrl ? absoluteUrl(sourceUrl, policy) : undefined,
  };
}
