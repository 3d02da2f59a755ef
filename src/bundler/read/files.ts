import { lstatSync, type Stats } from "node:fs";
import { join } from "node:path";

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
 * file any more, or larger than any post. `file` is relative to the site's root, `/` separated.
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
