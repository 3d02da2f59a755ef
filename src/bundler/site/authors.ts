import type { FeedAuthor, SiteConfig } from "./config.js";
import { isMapping } from "./site-yaml.js";


/** Liquid's `default` filter: nil, false and empty strings, lists and mappings give way. */
const given = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== false && value !== "" && !(Array.isArray(value) && value.length === 0) && !(isMapping(value) && Object.keys(value).length === 0);

const words = (value: unknown): string | undefined => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

/**
 * A post's `<author>` as jekyll-feed 0.17 writes it: the post's `author`, else the first of its
 * `authors`, else the site's `author`; a name found as a key of `site.data.authors`
 * (`_data/authors.yml`) is replaced by that entry; then its `name` (or the value itself when it
 * is a plain name), `email` and `uri`. jekyll-feed always writes the element, with an empty name
 * when there is none (where it would print a mapping without `name` as Ruby text, the name is "").
 */
export function postAuthor(data: Record<string, unknown>, site: Pick<SiteConfig, "raw" | "data">): FeedAuthor {
  const authors = data.authors;
  let author: unknown = data.author;
  if (!given(author)) author = Array.isArray(authors) ? authors[0] : undefined;
  if (!given(author)) author = site.raw.author;
  const table = site.data.authors;
  const key = words(author);
  if (key !== undefined && isMapping(table) && Object.hasOwn(table, key) && given(table[key])) author = table[key];
  if (!isMapping(author)) return { name: given(author) ? (words(author) ?? "") : "" };
  const name = given(author.name) ? (words(author.name) ?? "") : "";
  const email = given(author.email) ? words(author.email) : undefined;
  const uri = given(author.uri) ? words(author.uri) : undefined;
  return { name, ...(email !== undefined && { email }), ...(uri !== undefined && { uri }) };
}
