import type { Token } from "markdown-it";

/** Takes `length` characters of source off the front of an inline token's children (text and soft breaks): a task list's `[ ]` out of its item. */
export function dropLeading(inline: Token, length: number): void {
  const children = inline.children ?? [];
  while (length > 0 && children.length > 0) {
    const first = children[0]!;
    const size = first.type === "softbreak" ? 1 : first.type === "text" ? first.content.length : Infinity;
    if (size === Infinity) return;
    if (size <= length) children.shift();
    else first.content = first.content.slice(length);
    length -= size;
  }
}
