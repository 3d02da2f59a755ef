import { parseHTML } from "linkedom";

/** What shapeOf needs of linkedom's nodes (its own types are loose). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  previousSibling: DomNode | null;
  nextSibling: DomNode | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  append(node: DomNode): void;
  replaceWith(node: DomNode): void;
}
interface DomDocument {
  body: DomElement;
  createElement(tagName: string): DomElement;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const BLOCK = new Set("p div ul ol li dl dt dd table thead tbody tfoot tr th td blockquote pre h1 h2 h3 h4 h5 h6 hr figure".split(" "));

/**
 * The DOM of a body, written out so that Jekyll's spelling (kramdown's, commonmarker's) and markdown-it's of the same thing
 * compare equal: attributes sorted, whitespace between blocks dropped and within text collapsed,
 * and rouge's wrapping (div.highlighter-rouge > div.highlight > pre > code > spans; the class on
 * code spans) taken back to the `<pre><code class="language-x">` the publisher writes.
 */
export function shapeOf(html: string): string {
  const document = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as DomDocument;
  for (const div of Array.from(document.querySelectorAll("div.highlighter-rouge"))) {
    const classes = (div.getAttribute("class") ?? "").split(/\s+/);
    const pre = document.createElement("pre");
    const code = document.createElement("code");
    const language = classes.find((c) => c.startsWith("language-"));
    if (language) code.setAttribute("class", language);
    const rest = classes.filter((c) => c !== language && c !== "highlighter-rouge");
    if (rest.length) pre.setAttribute("class", rest.join(" "));
    if (div.id) pre.setAttribute("id", div.id);
    code.textContent = div.textContent;
    pre.append(code);
    div.replaceWith(pre);
  }
  for (const code of Array.from(document.querySelectorAll("code.highlighter-rouge"))) {
    const rest = (code.getAttribute("class") ?? "").split(/\s+/).filter((c) => c !== "language-plaintext" && c !== "highlighter-rouge");
    if (rest.length) code.setAttribute("class", rest.join(" "));
    else code.removeAttribute("class");
  }
  const isBlock = (node: DomNode | null) => !node || (node.nodeType === 1 && BLOCK.has((node as DomElement).tagName.toLowerCase()));
  const write = (node: DomNode, inPre: boolean): string => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? "";
      if (inPre) return text;
      if (/^[ \t\r\n]*$/.test(text) && (isBlock(node.previousSibling) || isBlock(node.nextSibling))) return "";
      return text.replace(/[ \t\r\n]+/g, " ");
    }
    if (node.nodeType === 8) return `<!--${node.textContent}-->`;
    if (node.nodeType !== 1) return "";
    const element = node as DomElement;
    const tag = element.tagName.toLowerCase();
    const attributes = Array.from(element.attributes, (a) => ` ${a.name}="${a.value}"`).sort().join("");
    const inner = Array.from(element.childNodes, (child) => write(child, inPre || tag === "pre")).join("");
    return `<${tag}${attributes}>${inner}</${tag}>${BLOCK.has(tag) && !inPre ? "\n" : ""}`;
  };
  return Array.from(document.body.childNodes, (child) => write(child, false)).join("").replace(/ ?\n ?/g, "\n").trim();
}

