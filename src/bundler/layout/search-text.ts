import { foldPostText } from "../../filter/fold.js";
import type { PostRecord } from "../../post.js";
import { plainTextOf } from "../article/plain-text.js";

// Kept on the record itself (a symbol: JSON.stringify never sees it), as its hash is.
const TEXT = Symbol("search text");

/**
 * What a `?q=` filter matches a post against: its title and its article's text, folded
 * (src/filter/fold.ts). Made by the build, with the record, and kept in the build cache, so the
 * edge never strips HTML.
 */
export function searchText(record: PostRecord): string {
  const holder = record as PostRecord & { [TEXT]?: string };
  let text = holder[TEXT];
  if (text === undefined) {
    text = foldPostText(record.title, plainTextOf(record.contentHtml));
    Object.defineProperty(holder, TEXT, { value: text, enumerable: false });
  }
  return text;
}

/** Tells a record its search text, made earlier (in a build thread, or a run before). */
export function rememberSearchText(record: PostRecord, text: string): void {
  if ((record as { [TEXT]?: string })[TEXT] === undefined) Object.defineProperty(record, TEXT, { value: text, enumerable: false });
}
