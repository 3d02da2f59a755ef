import matter from "gray-matter";
import { CORE_SCHEMA, YAMLException, load } from "js-yaml";

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Whether the file opened with a `---` front matter block at all. */
  hasFrontMatter: boolean;
  /** What was repaired to read it, one sentence each, with the line (reported as warnings). */
  repairs: { message: string; line: number }[];
  /** The front matter's YAML as written (what Jekyll's reading of an unquoted date depends on). */
  yaml: string;
}

export class FrontMatterError extends Error {}

/** js-yaml calls this as it closes each node: a node with an anchor is refused there. */
function refuseAnchors(event: string, state: { anchor: string | null }): void {
  if (event === "close" && state.anchor !== null) throw new YAMLException(`anchors (&${state.anchor}) and aliases are refused: front matter never needs them`);
}

/**
 * YAML only, with js-yaml's CORE schema: no timestamps (so `2021-12-01 20:33:50` stays the
 * string the author wrote, instead of a UTC instant 8 hours off), no `!!js/*` tags, no anchors,
 * so no aliases (front matter never needs them, and an alias bomb cannot grow). js-yaml 4, not
 * 5: 5 reads a front matter block ten times slower.
 */
function loadYaml(source: string): Record<string, unknown> {
  const data = load(source, { schema: CORE_SCHEMA, listener: refuseAnchors as never }) ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter is not a YAML mapping of keys to values");
  }
  return data as Record<string, unknown>;
}

const titleLine = /^title:[ \t]*(.*?)[ \t]*$/m;

/**
 * The archive's generator writes titles unescaped: `title: "a "quoted" word"`, or unquoted with
 * `: `, ` #` or a leading `*`. Such a line has one reading, the whole value is the title; this
 * rewrites it as a YAML string. Undefined when the line is fine or its intent is not clear.
 */
export function repairTitleLine(yaml: string): { yaml: string; title: string } | undefined {
  const match = titleLine.exec(yaml);
  if (!match) return undefined;
  const value = match[1]!;
  let title: string | undefined;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"') && /[^\\]"/.test(value.slice(1, -1))) {
    title = value.slice(1, -1);
  } else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'") && /'(?!')/.test(value.slice(1, -1).replace(/''/g, ""))) {
    title = value.slice(1, -1);
  } else if (!/^["'|>[{!]/.test(value) && (/: | #/.test(value) || /^[*&%@`]/.test(value))) {
    title = value;
  }
  if (title === undefined || title.trim() === "") return undefined;
  return { yaml: yaml.replace(titleLine, () => `title: ${JSON.stringify(title)}`), title };
}

function refuse(language: string) {
  return () => {
    throw new FrontMatterError(`front matter in "${language}" is refused: only YAML is read, code in a post never runs`);
  };
}

/** Splits a post into its YAML front matter and its Markdown body. */
export function parseFrontMatter(text: string): FrontMatter {
  const whole = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // front matter after blank lines, spaces or a second BOM is still the front matter: read, with a word
  const lead = /^[\s\uFEFF]*(?=---)/.exec(whole)?.[0] ?? "";
  const source = whole.slice(lead.length);
  const shift = lead.split("\n").length - 1;
  const hasFrontMatter = source.startsWith("---");
  const language = hasFrontMatter ? matter.language(source, { delimiters: "---" }).name.trim() : "";
  if (language !== "" && language !== "yaml" && language !== "yml") refuse(language)();
  const repairs: FrontMatter["repairs"] = [];
  const yaml = (block: string): Record<string, unknown> => {
    const repaired = repairTitleLine(block);
    const line = shift + source.slice(0, source.search(/^title:/m)).split("\n").length;
    try {
      const data = loadYaml(block);
      // YAML read ` #…` as a comment and dropped it: the title line meant all of it
      if (repaired && typeof data.title === "string" && data.title !== repaired.title) {
        repairs.push({ line, message: `title line read as the whole line, ${JSON.stringify(repaired.title)}: quote titles that hold " #" or ": "` });
        return loadYaml(repaired.yaml);
      }
      return data;
    } catch (error) {
      if (!repaired) throw error;
      const data = loadYaml(repaired.yaml);
      repairs.push({ line, message: `title line repaired as ${JSON.stringify(repaired.title)}: the generator wrote it without escaping` });
      return data;
    }
  };
  // gray-matter ships a JavaScript engine that evals `---js` blocks; every non-YAML engine is replaced.
  const engines = { yaml, javascript: refuse("javascript"), js: refuse("js"), coffee: refuse("coffee"), json: refuse("json"), toml: refuse("toml") };
  // Passing options also keeps gray-matter from caching every file it has seen.
  const parsed = matter(source, { language: "yaml", engines });
  if (lead) repairs.unshift({ line: 1 + shift, message: `front matter read after ${shift ? `${shift} blank line${shift > 1 ? "s" : ""}` : "spaces"} at the top of the file: start the file with ---` });
  return { data: parsed.data as Record<string, unknown>, body: parsed.content, hasFrontMatter, repairs, yaml: parsed.matter };
}
