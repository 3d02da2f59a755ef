// A category's label: the readable name a tag gives it in its feeds' titles, its page and the OPML.
import { describe, expect, it } from "vitest";
import { summarizeFeed } from "../../src/bundler/layout/feed-lists.js";
import type { PostRecord } from "../../src/post.js";
import { syntheticRecords } from "../support/records.js";

const tagged = (...tags: string[][]): PostRecord[] => syntheticRecords(tags.length).map((record, i) => ({ ...record, categories: ["markup"], tags: tags[i]! }));
const labelOf = (records: PostRecord[]) => summarizeFeed({ id: "category/markup", kind: "category" }, records, 10).info.label;

describe("a category's label", () => {
  it("is the tag more than half of its posts carry", () => {
    expect(labelOf(tagged(["标记"], ["标记", "css"], ["css"]))).toBe("标记");
  });

  it("is none when no tag is on most of its posts", () => {
    expect(labelOf(tagged(["标记"], ["css"]))).toBeUndefined();
  });

  it("is none when that tag is the category's own name in another case: `Markup (markup)` says nothing twice", () => {
    expect(labelOf(tagged(["Markup"], ["Markup", "css"], ["markup"]))).toBeUndefined();
  });
});
