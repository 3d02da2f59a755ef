import matter from "gray-matter";
import { CORE_SCHEMA, load } from "js-yaml";

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Whether the file opened with a `---` front matter block at all. */
  hasFrontMatter: boolean;
}

export class FrontMatterError extends Error {}

/**
 * YAML only, with js-yaml's CORE schema: no timestamps (so `2021-12-01 20:33:50` stays the
 * string the author wrote, instead of a UTC instant 8 hours off) and no `!!js/*` tags.
 */
function parseYaml(source: string): Record<string, unknown> {
  const data = load(source, { schema: CORE_SCHEMA }) ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter is not a YAML mapping of keys to values");
  }
  return data as Record<string, unknown>;
}

function refuse(language: string) {
  return () => {
    throw new FrontMatterError(`front matter in "${language}" is refused: only YAML is read, code in a post never runs`);
  };
}

// gray-matter ships a JavaScript engine that evals `---js` blocks; every non-YAML engine is replaced.
const engines = {
  yaml: parseYaml,
  javascript: refuse("javascript"),
  js: refuse("js"),
  coffee: refuse("coffee"),
  json: refuse("json"),
  toml: refuse("toml"),
};

/** Splits a post into its YAML front matter and its Markdown body. */
export function parseFrontMatter(text: string): FrontMatter {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const hasFrontMatter = source.startsWith("---");
  const language = hasFrontMatter ? matter.language(source, { delimiters: "---" }).name.trim() : "";
  if (language !== "" && language !== "yaml" && language !== "yml") refuse(language)();
  // Passing options also keeps gray-matter from caching every file it has seen.
  const parsed = matter(source, { language: "yaml", engines });
  return {
    data: parsed.data as Record<string, unknown>,
    body: parsed.content,
    hasFrontMatter,
  };
}
