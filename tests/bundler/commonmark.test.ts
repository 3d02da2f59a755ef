import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { markdownOptionsFromJekyll, markdownToHtml } from "../../src/bundler/article/markdown.js";
import { shapeOf } from "../support/html-shape.js";

const fixtures = join(import.meta.dirname, "../fixtures/commonmark");
const read = (name: string) => readFileSync(join(fixtures, name), "utf8");

// Each NAME.CONFIG.html is what `jekyll build` (4.3.1, jekyll-commonmark 1.4.0, commonmarker 0.23.6,
// jekyll-commonmark-ghpages 0.5.1) wrote for NAME.md with CONFIG.yml; regenerate.sh writes them again.
const cases = readdirSync(fixtures)
  .filter((file) => file.endsWith(".html"))
  .map((file) => {
    const [markdown, config] = file.split(".");
    return { name: `${markdown} with ${config}`, markdown: `${markdown}.md`, html: file, config: yaml.load(read(`${config}.yml`)) as Record<string, unknown> };
  });

describe("markdownToHtml writes what Jekyll's CommonMark converters write", () => {
  it.each(cases)("$name", ({ markdown, html, config }) => {
    expect(shapeOf(markdownToHtml(read(markdown), markdownOptionsFromJekyll(config)))).toBe(shapeOf(read(html)));
  });
});
