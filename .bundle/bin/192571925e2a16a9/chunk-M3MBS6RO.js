// src/bundle/read-posts.ts
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

// src/paths.ts
function escapePathSegment(segment) {
  return encodeURIComponent(segment).replace(
    /%(24|26|2B|2C|3B|3D|3A|40)/g,
    (_, hex) => String.fromCharCode(parseInt(hex, 16))
  );
}
function canonicalPath(pathname) {
  return pathname.split("/").map((segment) => {
    try {
      return escapePathSegment(decodeURIComponent(segment));
    } catch {
      return segment;
    }
  }).join("/");
}

// src/bundle/permalink.ts
var postFileName = /^(\d{4}-\d{2}-\d{2})-(.+)\.(?:md|markdown|mkdn|mkd|mdown)$/i;
function isPostFileName(fileName) {
  return postFileName.test(fileName);
}
function splitPostFileName(fileName) {
  const match = postFileName.exec(fileName);
  if (match) return { date: match[1], slug: match[2] };
  return { slug: fileName.replace(/\.[^.]+$/, "") };
}
function slugify(text) {
  return text.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, "-").replace(/^-+|-+$/g, "");
}
function jekyllPermalink(categories, date, slug) {
  const categorySegments = [...new Set(categories.map((c) => c.toLowerCase()))];
  const segments = [...categorySegments, date.year, date.month, date.day, `${slugify(slug)}.html`].filter((s) => s !== "" && s !== "." && s !== "..").map(escapePathSegment);
  return `/${segments.join("/")}`;
}

// src/bundle/read-posts.ts
var postExtensions = /\.(md|markdown|mkdn|mkd|mdown)$/i;
var skippedDirectories = /* @__PURE__ */ new Set(["_drafts", "_site", "node_modules"]);
async function listPostFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && postExtensions.test(entry.name)).map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/")).filter((file) => !file.split("/").some((part) => part.startsWith(".") || skippedDirectories.has(part))).sort();
}
function statPostFile(root, file) {
  return statSync(join(root, file));
}
function sitePath(file) {
  const parts = file.split("/");
  const name = parts.pop();
  const cut = name.lastIndexOf("__");
  if (isPostFileName(name) || cut < 0 || !isPostFileName(name.slice(cut + 2))) return file;
  return [...parts, ...name.slice(0, cut).split("__"), name.slice(cut + 2)].join("/");
}

// src/bundle/front-matter.ts
import matter from "gray-matter";
import { CORE_SCHEMA, YAMLException, load } from "js-yaml";
var FrontMatterError = class extends Error {
};
function refuseAnchors(event, state) {
  if (event === "close" && state.anchor !== null) throw new YAMLException(`anchors (&${state.anchor}) and aliases are refused: front matter never needs them`);
}
function loadYaml(source) {
  const data = load(source, { schema: CORE_SCHEMA, listener: refuseAnchors }) ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter is not a YAML mapping of keys to values");
  }
  return data;
}
var titleLine = /^title:[ \t]*(.*?)[ \t]*$/m;
function repairTitleLine(yaml) {
  const match = titleLine.exec(yaml);
  if (!match) return void 0;
  const value = match[1];
  let title;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"') && /[^\\]"/.test(value.slice(1, -1))) {
    title = value.slice(1, -1);
  } else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'") && /'(?!')/.test(value.slice(1, -1).replace(/''/g, ""))) {
    title = value.slice(1, -1);
  } else if (!/^["'|>[{!]/.test(value) && (/: | #/.test(value) || /^[*&%@`]/.test(value))) {
    title = value;
  }
  if (title === void 0 || title.trim() === "") return void 0;
  return { yaml: yaml.replace(titleLine, () => `title: ${JSON.stringify(title)}`), title };
}
function refuse(language) {
  return () => {
    throw new FrontMatterError(`front matter in "${language}" is refused: only YAML is read, code in a post never runs`);
  };
}
function parseFrontMatter(text) {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const hasFrontMatter = source.startsWith("---");
  const language = hasFrontMatter ? matter.language(source, { delimiters: "---" }).name.trim() : "";
  if (language !== "" && language !== "yaml" && language !== "yml") refuse(language)();
  const repairs = [];
  const yaml = (block) => {
    const repaired = repairTitleLine(block);
    const line = source.slice(0, source.search(/^title:/m)).split("\n").length;
    try {
      const data = loadYaml(block);
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
  const engines = { yaml, javascript: refuse("javascript"), js: refuse("js"), coffee: refuse("coffee"), json: refuse("json"), toml: refuse("toml") };
  const parsed = matter(source, { language: "yaml", engines });
  const dateLine = /^date:[ \t]*(.*?)[ \t]*$/m.exec(parsed.matter)?.[1] ?? "";
  const rawDate = dateLine.replace(/^(["'])(.*)\1$/, "$2");
  return { data: parsed.data, body: parsed.content, hasFrontMatter, repairs, rawDate };
}

export {
  canonicalPath,
  isPostFileName,
  splitPostFileName,
  jekyllPermalink,
  listPostFiles,
  statPostFile,
  sitePath,
  FrontMatterError,
  parseFrontMatter
};
//# sourceMappingURL=chunk-M3MBS6RO.js.map
