import { isUtf8 } from "node:buffer";
import { lstatSync, type Dirent, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { by, compareText } from "../../compare.js";
import { POST_EXTENSION, isPostFileName } from "./permalink.js";

// Never posts: drafts, build output, tooling.
const skippedDirectories = new Set(["_drafts", "_site", "node_modules"]);

/** A post file that cannot be read as one, and why. */
export interface Refused {
  file: string;
  reason: string;
}

function kindOf(entry: Dirent<Buffer>): string {
  if (entry.isSymbolicLink()) return "a symbolic link, which is not followed (it may lead out of the folder, or round in a loop)";
  if (entry.isDirectory()) return "a folder, not a file (what is in it is read as usual)";
  if (entry.isFIFO()) return "a named pipe (FIFO), not a file";
  if (entry.isSocket()) return "a socket, not a file";
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return "a device, not a file";
  return "not a regular file";
}

/**
 * Every Markdown file below `root`, in a stable order, and every entry named like a post that
 * cannot be read as one: a name that is not UTF-8, a symbolic link (never followed), a folder, a
 * FIFO or device. Nothing is skipped without a word, and nothing here stops the listing.
 */
export async function findPostFiles(root: string): Promise<{ files: string[]; refused: Refused[] }> {
  const files: string[] = [];
  const refused: Refused[] = [];
  const walk = async (dir: string, prefix: string) => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      refused.push({ file: prefix || ".", reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    for (const entry of entries) {
      const raw = entry.name;
      const name = raw.toString("utf8");
      if (name.startsWith(".") || skippedDirectories.has(name)) continue;
      const file = prefix ? `${prefix}/${name}` : name;
      const isPost = POST_EXTENSION.test(name);
      if (!isUtf8(raw)) {
        if (isPost || entry.isDirectory()) refused.push({ file, reason: "its name is not UTF-8 (shown with U+FFFD for the bad bytes): rename it" });
        continue;
      }
      if (entry.isDirectory()) {
        if (isPost) refused.push({ file, reason: kindOf(entry) });
        await walk(join(dir, name), file);
      } else if (isPost) {
        if (entry.isFile()) files.push(file);
        else refused.push({ file, reason: kindOf(entry) });
      }
    }
  };
  await walk("", "");
  return { files: files.sort(compareText), refused: refused.sort(by((r) => r.file)) };
}

/** Every Markdown file below `root` that can be read as a post, in a stable order. */
export async function listPostFiles(root: string): Promise<string[]> {
  return (await findPostFiles(root)).files;
}

/** Larger files are not read at all: the longest news story is a fraction of this (the largest of the corpus is 14 KB). */
export const MAX_POST_BYTES = 10 * 1024 * 1024;

/** Why a post file could not be read, in words, from the error reading it gave. */
export function fileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "the file went away while the posts were being read";
  if (code === "EACCES" || code === "EPERM") return "the file cannot be read: permission denied";
  if (code === "ELOOP") return "the file is a symbolic link in a loop";
  return `the file cannot be read (${code ?? (error as Error).message})`;
}

/**
 * A post file's stat (not following a link), or why it is not to be read: gone, not a regular
 * file any more, or larger than any post. `file` is relative to the posts folder, `/` separated.
 */
export function statPostFile(root: string, file: string): Stats | { error: string } {
  let stats: Stats;
  try {
    stats = lstatSync(join(root, file));
  } catch (error) {
    return { error: fileError(error) };
  }
  if (!stats.isFile()) return { error: "the file is no longer a regular file" };
  if (stats.size > MAX_POST_BYTES) {
    return { error: `the file is ${(stats.size / 1024 / 1024).toFixed(1)} MB, more than any post (${MAX_POST_BYTES / 1024 / 1024} MB): not read` };
  }
  return stats;
}

/** The name of a post file, as the site has it (a flattened export's name read as the path it stands for). */
export function postFileName(file: string): string {
  return sitePath(file).split("/").pop()!;
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
