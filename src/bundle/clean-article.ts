import { parseHTML } from "linkedom";

export interface CleanedArticle {
  /** Body HTML with eastmoney markup, hidden parts, footer and source line removed. Not yet sanitized. */
  html: string;
  /** Text of the leading `> digest` blockquote, which is taken out of the body. */
  digest?: string;
  /** The original article, from the `<http://…>` line near the end. */
  sourceUrl?: string;
  /** Text of the first paragraph left in the body: the summary when there is no digest. */
  lead: string;
}

export interface UrlPolicy {
  /** Base for relative URLs. */
  baseUrl: string;
  /** Hosts (and their subdomains) whose `http://` URLs become `https://`. */
  httpsHosts: readonly string[];
}

// Minimal DOM shapes: linkedom's own types are loose, these say what the cleaner relies on.
type Node = {
  nodeType: number;
  textContent: string | null;
  parentNode: Node | null;
  childNodes: ArrayLike<Node>;
  remove(): void;
};
type Element = Node & {
  tagName: string;
  children: ArrayLike<Element>;
  lastElementChild: Element | null;
  firstElementChild: Element | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<Element>;
  replaceWith(...nodes: Node[]): void;
  append(...nodes: Node[]): void;
  innerHTML: string;
};

const COMMENT_NODE = 8;
const ELEMENT_NODE = 1;

/** Normalized visible text: whitespace runs become one space. */
export function textOf(node: Node): string {
  return (node.textContent ?? "").replace(/\s+/g, " ").trim();
}

function removeComments(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === COMMENT_NODE) child.remove();
    else if (child.nodeType === ELEMENT_NODE) removeComments(child);
  }
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function each(root: Element, selector: string, action: (element: Element) => void): void {
  for (const element of Array.from(root.querySelectorAll(selector))) action(element);
}

/** eastmoney's quote widgets: keep the words, drop the markup and the quote links. */
function unwrapQuoteMarkup(body: Element): void {
  each(body, 'span[id^="quote_"], span[id^="bkquote_"]', (e) => e.remove());
  each(body, "a.keytip, a.infokey", unwrap);
  each(body, 'span[id^="stock_"], span[id^="bk_"], span[id^="Info."], span.em_stock_key_common', unwrap);
}

function removeHidden(body: Element): void {
  each(body, "[style], [hidden]", (e) => {
    const style = (e.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
    if (e.hasAttribute("hidden") || style.includes("display:none") || style.includes("visibility:hidden")) e.remove();
  });
}

const blockTags = new Set(["P", "DIV", "TABLE", "UL", "OL", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6", "PRE", "FIGURE"]);

/** `<center>` becomes a paragraph, or just goes away when it holds blocks. */
function replaceCenter(body: Element): void {
  each(body, "center", (center) => {
    if (Array.from(center.children).some((c) => blockTags.has(c.tagName))) return unwrap(center);
    const p = (body as unknown as { ownerDocument: { createElement(t: string): Element } }).ownerDocument.createElement("p");
    p.append(...Array.from(center.childNodes));
    center.replaceWith(p);
  });
}

/** A `<br>` that ends a block draws nothing but an empty line. */
function removeTrailingBreaks(body: Element): void {
  each(body, "br", (br) => {
    let next = (br as unknown as { nextSibling: Node | null }).nextSibling;
    while (next && next.nodeType !== ELEMENT_NODE && textOf(next) === "") next = (next as unknown as { nextSibling: Node | null }).nextSibling;
    if (!next) br.remove();
  });
}

function removeEmptyParagraphs(body: Element): void {
  each(body, "p", (p) => {
    if (textOf(p) === "" && p.querySelectorAll("img").length === 0) p.remove();
  });
}

/** Footers like `[返回东财滚动新闻](…)｜[返回首页](…)`, on one line or two. */
function isNavigationFooter(p: Element): boolean {
  const links = Array.from(p.querySelectorAll("a"));
  if (links.length === 0 || !links.every((a) => textOf(a).startsWith("返回"))) return false;
  const rest = links.reduce((text, a) => text.replace(textOf(a), ""), textOf(p));
  return /^[\s｜|/·]*$/.test(rest);
}

/** The `<http://…>` line: one autolink whose text is its own address. */
function autolinkOf(p: Element): string | undefined {
  const links = p.querySelectorAll("a");
  if (links.length !== 1) return undefined;
  const href = links[0]!.getAttribute("href") ?? "";
  return textOf(p) === textOf(links[0]!) && /^(https?:)?\/\//i.test(href) ? href : undefined;
}

/** Removes the footer, the source line and the empty `<>` line from the end of the body. */
function takeTrailer(body: Element): string | undefined {
  let sourceUrl: string | undefined;
  for (let last = body.lastElementChild; last && last.tagName === "P"; last = body.lastElementChild) {
    if (isNavigationFooter(last) || textOf(last) === "<>") {
      last.remove();
      continue;
    }
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
  for (const [selector, attribute] of [["a[href]", "href"], ["img[src]", "src"]] as const) {
    each(body, selector, (e) => {
      const url = absoluteUrl(e.getAttribute(attribute) ?? "", policy);
      if (url) e.setAttribute(attribute, url);
      else e.removeAttribute(attribute);
    });
  }
}

/**
 * Turns the HTML that Markdown rendering gives for a post into a clean article body.
 * Each rule is listed, with an example, in the README ("Cleaning rules").
 */
export function cleanArticleHtml(rendered: string, policy: UrlPolicy): CleanedArticle {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${rendered}</body></html>`);
  const body = document.body as unknown as Element;
  removeComments(body);
  removeHidden(body);
  unwrapQuoteMarkup(body);
  replaceCenter(body);
  removeTrailingBreaks(body);
  removeEmptyParagraphs(body);
  const digest = takeDigest(body);
  const sourceUrl = takeTrailer(body);
  absolutizeUrls(body, policy);
  const firstText = Array.from(body.querySelectorAll("p")).map(textOf).find((text) => text !== "");
  return {
    lead: firstText ?? textOf(body),
    html: body.innerHTML.trim(),
    digest,
    sourceUrl: sourceUrl ? absoluteUrl(sourceUrl, policy) : undefined,
  };
}
