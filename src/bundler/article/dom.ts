import { parseHTML } from "linkedom";

// Minimal DOM shapes: linkedom's own types are loose, these say what the cleaner relies on.
export type Node = {
  nodeType: number;
  textContent: string | null;
  parentNode: Node | null;
  firstChild: Node | null;
  nextSibling: Node | null;
  childNodes: ArrayLike<Node>;
  remove(): void;
};
export type Element = Node & {
  tagName: string;
  children: ArrayLike<Element>;
  lastElementChild: Element | null;
  firstElementChild: Element | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  getElementsByTagName(tagName: string): ArrayLike<Element>;
  querySelectorAll(selectors: string): ArrayLike<Element>;
  attributes: ArrayLike<{ name: string; value: string }>;
  replaceWith(...nodes: Node[]): void;
  append(...nodes: Node[]): void;
  innerHTML: string;
  ownerDocument: Document;
};
export type Document = { body: Element; createElement(tagName: string): Element };

export const COMMENT_NODE = 8;
export const ELEMENT_NODE = 1;

/**
 * One document per thread to parse bodies in: a new document per post would cost a third of the
 * cleaning. linkedom's innerHTML spreads the new children as arguments, so a body of more than
 * this many characters (and so, possibly, as many children) gets a document of its own.
 */
const REUSE_LIMIT = 100_000;
let shared: Document | undefined;

function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** The body of an article's HTML, parsed, as an element the cleaner may change. */
export function parseBody(html: string): Element {
  if (html.length <= REUSE_LIMIT) {
    try {
      shared ??= parseDocument("<!doctype html><html><head></head><body></body></html>");
      const body = shared.createElement("body");
      body.innerHTML = html;
      return body;
    } catch (error) {
      // innerHTML recurses through the new nodes; a whole document's parse goes deeper
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return parseDocument(`<!doctype html><html><head></head><body>${html}</body></html>`).body;
}
