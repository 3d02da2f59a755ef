import { SaxesParser } from "saxes";
import { XMLParser, XMLValidator } from "fast-xml-parser";

// Elements that may repeat, by path, so one and many read the same way.
const arrays = new Set([
  "rss.channel.item",
  "rss.channel.atom:link",
  "rss.channel.item.category",
  "feed.link",
  "feed.entry",
  "feed.entry.link",
  "feed.entry.category",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (_name, jpath) => arrays.has(String(jpath)),
});

/** Parses a feed as a reader would; throws when it is not well-formed XML. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml);
}

/** Text of a parsed element, whether it came as a plain string or with attributes. */
export function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "#text" in node) return String((node as { "#text": unknown })["#text"]);
  return "";
}

/**
 * Why `xml` is not well-formed XML 1.0, by a strict parser (saxes, as jsdom uses); undefined when it
 * is. With `namespaces`, also every prefix must be declared, as feedparser and feedvalidator require.
 */
export function notWellFormed(xml: string, { namespaces = false } = {}): string | undefined {
  const parser = new SaxesParser({ xmlns: namespaces });
  let problem: string | undefined;
  parser.on("error", (error) => (problem ??= error.message));
  parser.write(xml).close();
  return problem;
}
