import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPost, type BuildResult, type PostContext } from "./build-post.js";
import { decodePost } from "../read/decode.js";
import { fileError } from "../read/files.js";
import type { PostFile } from "../site/post-files.js";

/**
 * What one post file came to. `same`: its text is the text of the last run's build, which stands.
 * `key` is a hash of the text; `decodeWarning` says the file was not UTF-8 but could be read.
 */
export type FileOutcome =
  | { key: string; decodeWarning?: string; same: true }
  | { key: string; decodeWarning?: string; result: BuildResult }
  | { error: string };

function textKey(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * Reads, decodes and builds one post file. With `lastKey`, the hash of the text the last build
 * was made from, an unchanged text is not built again. Runs in the build threads, so that reading
 * and hashing are spread over the cores too.
 */
export function buildPostFile(root: string, postFile: PostFile, context: PostContext, lastKey?: string): FileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(root, postFile.file));
  } catch (error) {
    return { error: fileError(error) };
  }
  const decoded = decodePost(bytes);
  if ("error" in decoded) return decoded;
  const key = textKey(decoded.text);
  const warning = decoded.warning ? { decodeWarning: decoded.warning } : {};
  if (key === lastKey) return { key, ...warning, same: true };
  try {
    return { key, ...warning, result: buildPost(postFile, decoded.text, context) };
  } catch (error) {
    // whatever one post does to the libraries, it fails alone
    return { key, ...warning, result: { status: "failed", problem: { file: postFile.file, severity: "error", message: `the post could not be built: ${(error as Error).message}` } } };
  }
}
