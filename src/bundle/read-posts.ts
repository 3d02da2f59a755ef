import { statSync, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isPostFileName } from "./permalink.js";

const postExtensions = /\.(md|markdown|mkdn|mkd|mdown)$/i;
// Never posts: drafts, build output, tooling.
const skippedDirectories = new Set(["_drafts", "_site", "node_modules"]);

/** Every Markdown file below `root`, in a stable order. */
export async function listPostFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && postExtensions.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((file) => !file.split("/").some((part) => part.startsWith(".") || skippedDirectories.has(part)))
    .sort();
}

/** A post file's stat; `file` is relative to the posts folder, with `/` separators. */
export function statPostFile(root: string, file: string): Stats {
  return statSync(join(root, file));
}


/**
 * Where a file stands in the site. A flattened export names `_posts/2022-…-id.md` as
 * `_posts__2022-…-id.md`; such a name is read as the path it stands for.
 */
export function sitePath(file: string): string {
  const parts = file.split("/");
  const name = parts.pop()!;
  const cut = name.lastIndexOf("__");
  if (isPostFileName(name) || cut < 0 || !isPostFileName(name.slice(cut + 2))) return file;
  return [...parts, ...name.slice(0, cut).split("__"), name.slice(cut + 2)].join("/");
}
