import type { Query } from "./query.js";

/**
 * Whether a post's folded text (foldPostText) answers a query: each group has one of its terms
 * in it, as a substring, and no excluded term is. Groups first: most posts fail the first group
 * after one scan, and only those left are scanned for what is excluded.
 */
export function matchesQuery(query: Query, foldedText: string): boolean {
  for (const group of query.include) {
    if (!group.some((term) => foldedText.includes(term))) return false;
  }
  return !query.exclude.some((term) => foldedText.includes(term));
}
