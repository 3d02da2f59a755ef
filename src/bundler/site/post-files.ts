import { isUtf8 } from "node:buffer";
import type { Dirent } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { by, compareText } from "../../compare.js";
import { POST_FILE_NAME, readPostFileName } from "./permalink.js";
import { fileNameTime } from "./post-time.js";
import type { SiteConfig } from "./config.js";
import { fnmatchRegExp } from "./ruby-glob.js";

/** A file that is a post (or a draft), found as Jekyll 4.3 finds them. */
export interface PostFile {
  /** Where it is, from the site's root, `/`-separated: what to read. */
  file: string;
  /**
   * Jekyll's `relative_path`: from `collections_dir` (the root without one). Front matter
   * defaults, `:path` and the post's id are reckoned from it. An archive file has
   * `_posts/<its name>`: it is read as the post of that name.
   */
  relativePath: string;
  /** The folders above `_posts` (or `_drafts`), as Jekyll makes categories of them, case kept. */
  categoriesFromPath: string[];
  draft: boolean;
  /** Found in a `feed_publisher.archives` folder, which Jekyll does not read as posts. */
  archive: boolean;
  markup: "markdown" | "html";
  /** `:output_ext`: `.html` for Markdown, the file's own extension for HTML (`.html`, `.htm`). */
  outputExt: string;
}

/** An entry that looks like a post but is not taken as one, and why. */
export interface RefusedFile {
  file: string;
  reason: string;
}

/** What `findPostFiles` needs of the site's settings (a SiteConfig has them all). */
export type PostFileSettings = Pick<SiteConfig, "exclude" | "include" | "showDrafts" | "markdownExtensions" | "collectionsDir" | "destination"> & {
  publisher: Pick<SiteConfig["publisher"], "archives">;
};

const SYMLINK = "a symbolic link: never followed (Jekyll follows it, and in safe mode, as on GitHub Pages, only when it points inside the site)";

function kindOf(entry: Dirent<Buffer>): string {
  if (entry.isSymbolicLink()) return SYMLINK;
  if (entry.isFIFO()) return "a named pipe (FIFO), not a file (Jekyll would wait on it forever)";
  if (entry.isSocket()) return "a socket, not a file";
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return "a device, not a file";
  return "not a regular file";
}

/**
 * Jekyll's `EntryFilter#glob_include?` for one pattern list: Ruby's `File.fnmatch` without flags
 * (`*` crosses `/`), or a plain string prefix (`excl` also takes `excluded/`), or the pattern
 * naming a folder with a trailing `/`. A leading `/` on either side means nothing.
 */
function globIncludes(patterns: readonly string[], entry: string, isDirectory: boolean): boolean {
  const path = entry.replace(/^\/+/, "");
  return patterns.some((raw) => {
    const pattern = raw.replace(/^\/+/, "");
    return fnmatchRegExp(pattern).test(path) || path.startsWith(pattern) || (isDirectory && pattern === `${path}/`);
  });
}

const special = (name: string) => /^[._#~]/.test(name);
const basename = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/**
 * Jekyll's `EntryFilter#filter` for one entry. `entry` is relative to the folder being read and
 * `base` is that folder from the root: Jekyll tests `exclude` on the path from the root but
 * `include` on the entry as given and on its name alone.
 */
export function keeps(settings: PostFileSettings, base: string, entry: string, isDirectory: boolean): boolean {
  if (entry.endsWith(".")) return false;
  const included = globIncludes(settings.include, entry, isDirectory) || globIncludes(settings.include, basename(entry), isDirectory);
  const exclude = settings.exclude.filter((pattern) => !settings.include.includes(pattern));
  if (!included && globIncludes(exclude, base ? `${base}/${entry}` : entry, isDirectory)) return false;
  if (included) return true;
  return !special(entry) && !special(basename(entry)) && !entry.endsWith("~");
}

interface Listed {
  /** Relative to the folder listed. */
  path: string;
  entry: Dirent<Buffer>;
  utf8: boolean;
}

/** Ruby's `Dir["**​/*"]` in a folder: every entry below it but those whose name starts with a dot, symbolic links listed and not entered. */
async function listBelow(root: string, dir: string, refused: RefusedFile[]): Promise<Listed[]> {
  const listed: Listed[] = [];
  const walk = async (sub: string) => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(join(root, dir, sub), { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      refused.push({ file: [dir, sub].filter(Boolean).join("/"), reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    for (const entry of entries) {
      const name = entry.name.toString("utf8");
      if (name.startsWith(".")) continue;
      const path = sub ? `${sub}/${name}` : name;
      listed.push({ path, entry, utf8: isUtf8(entry.name) });
      if (entry.isDirectory() && isUtf8(entry.name)) await walk(path);
    }
  };
  await walk("");
  return listed;
}

function markupOf(settings: PostFileSettings, ext: string): Pick<PostFile, "markup" | "outputExt"> | undefined {
  const bare = ext.slice(1).toLowerCase();
  if (settings.markdownExtensions.includes(bare)) return { markup: "markdown", outputExt: ".html" };
  if (bare === "html" || bare === "htm") return { markup: "html", outputExt: ext };
  return undefined;
}

/** Jekyll's categories from a post's path: what comes before the first `_posts` (or `_drafts`) in it, split on `/`. */
export function categoriesFromPath(relativePath: string, folder: "_posts" | "_drafts"): string[] {
  if (relativePath.startsWith(folder)) return [];
  const name = basename(relativePath);
  // Jekyll cuts at the first `_posts` anywhere, even inside a folder's name (`my_posts/_posts/` gives `my`)
  const at = relativePath.indexOf(folder);
  return relativePath
    .slice(0, at < 0 ? relativePath.length : at)
    .split("/")
    .filter((part) => part !== "" && part !== folder && part !== name);
}

/**
 * Every post of the site, as Jekyll 4.3 decides (`Reader#read_directories` and `PostReader`):
 * files in each `_posts` folder at any depth (and in `_drafts` when `showDrafts`) in a folder
 * Jekyll reads — not excluded, no `.`, `_`, `#` or `~` start unless included, not the
 * destination — whose name is `YYYY-MM-DD-title.ext` (a draft's any `name.ext`); plus the dated
 * files of the archive folders. Markdown (`markdown_ext`) and HTML only.
 *
 * Refused, with the reason: symbolic links (never followed), entries that are not regular files,
 * names that are not UTF-8, a post-named file of another kind (Jekyll publishes it unconverted),
 * a date in a name that is none (Jekyll stops the build), and a Markdown or HTML file in `_posts`
 * not named as a post (Jekyll skips it without a word).
 */
export async function findPostFiles(root: string, settings: PostFileSettings): Promise<{ posts: PostFile[]; refused: RefusedFile[] }> {
  const finder = new PostFinder(root, settings);
  await finder.readDirectories("");
  for (const archive of settings.publisher.archives) await finder.readArchive(archive);
  const { posts, refused } = finder;
  return { posts: posts.sort(by((p) => p.file)), refused: refused.sort((a, b) => compareText(a.file, b.file) || compareText(a.reason, b.reason)) };
}

const NOT_UTF8 = "its name is not UTF-8 (shown with U+FFFD for the bad bytes): rename it";

/** One walk of a site: the posts found so far, and the files refused with why. */
class PostFinder {
  readonly posts: PostFile[] = [];
  readonly refused: RefusedFile[] = [];
  private readonly collectionsDir: string;
  private readonly destination: string;

  constructor(
    private readonly root: string,
    private readonly settings: PostFileSettings,
  ) {
    this.collectionsDir = settings.collectionsDir.replace(/^\/+|\/+$/g, "");
    this.destination = settings.destination.replace(/^\.?\/+|\/+$/g, "");
  }

  /** A folder Jekyll reads: its `_posts` (and `_drafts`), then each folder below it that Jekyll reads too. */
  async readDirectories(dir: string): Promise<void> {
    const { root, settings, collectionsDir, refused } = this;
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      refused.push({ file: dir || ".", reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    // Jekyll reads the posts of a folder only inside collections_dir (a string prefix, as Jekyll compares it)
    if (!collectionsDir || `/${dir}`.startsWith(`/${collectionsDir}`)) {
      await this.readPublishable(dir, "_posts");
      if (settings.showDrafts) await this.readPublishable(dir, "_drafts");
    }
    for (const entry of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
      const name = entry.name.toString("utf8");
      const path = dir ? `${dir}/${name}` : name;
      const linkedFolder = entry.isSymbolicLink() && (await isFolder(join(root, path)));
      if (!entry.isDirectory() && !linkedFolder) continue;
      if (!isUtf8(entry.name)) {
        refused.push({ file: path, reason: "a folder whose name is not UTF-8 (shown with U+FFFD for the bad bytes): not read; rename it" });
        continue;
      }
      if (!keeps(settings, dir, name, true) || path === this.destination) continue;
      if (linkedFolder) {
        refused.push({ file: path, reason: `${SYMLINK}; posts below it are not read` });
        continue;
      }
      await this.readDirectories(path);
    }
  }

  /** The posts (or drafts) of one `_posts` (`_drafts`) folder, at any depth below it. */
  private async readPublishable(dir: string, folder: "_posts" | "_drafts"): Promise<void> {
    const base = dir ? `${dir}/${folder}` : folder;
    const found = await lstat(join(this.root, base)).catch(() => undefined);
    if (found?.isSymbolicLink()) this.refused.push({ file: base, reason: SYMLINK });
    if (!found?.isDirectory()) return;
    for (const listed of await listBelow(this.root, base, this.refused)) await this.takePublishable(base, folder, listed);
  }

  /** One entry below a `_posts` or `_drafts` folder: a post, a refusal with why, or nothing Jekyll would read. */
  private async takePublishable(base: string, folder: "_posts" | "_drafts", { path, entry, utf8 }: Listed): Promise<void> {
    const { settings, refused } = this;
    const file = `${base}/${path}`;
    const name = basename(path);
    const dated = POST_FILE_NAME.exec(name);
    const matches = folder === "_posts" ? dated !== null : /\.[^.]+$/.test(name);
    if (!utf8) {
      if (matches || entry.isDirectory()) refused.push({ file, reason: NOT_UTF8 });
      return;
    }
    if (entry.isDirectory()) {
      if (matches && folder === "_posts" && keeps(settings, base, path, true)) refused.push({ file, reason: "a folder named like a post, not a file (what is in it is read as usual)" });
      return;
    }
    if (!keeps(settings, base, path, false)) return;
    const { ext } = readPostFileName(name);
    const markup = markupOf(settings, ext);
    if (!matches) {
      if (markup && folder === "_posts") refused.push({ file, reason: "not named YYYY-MM-DD-title.ext, so not a post: Jekyll skips it without a word" });
      return;
    }
    if (!entry.isFile()) {
      // Jekyll drops links to folders too
      if (!(entry.isSymbolicLink() && (await isFolder(join(this.root, file))))) refused.push({ file, reason: kindOf(entry) });
      return;
    }
    if (!markup) {
      refused.push({ file, reason: `a ${ext || "file without an extension"} file: Jekyll publishes it unconverted, at a URL ending in ${ext}; only Markdown (${settings.markdownExtensions.map((e) => `.${e}`).join(", ")}) and HTML posts are taken` });
      return;
    }
    if (dated && !fileNameTime(dated[1]!, "UTC")) {
      refused.push({ file, reason: `its date ${dated[1]} is not a date: Jekyll stops the whole build on it ("Invalid date")` });
      return;
    }
    const { collectionsDir } = this;
    const relativePath = collectionsDir && file.startsWith(`${collectionsDir}/`) ? file.slice(collectionsDir.length + 1) : file;
    this.posts.push({ file, relativePath, categoriesFromPath: categoriesFromPath(relativePath, folder), draft: folder === "_drafts", archive: false, ...markup });
  }

  /** An archive folder of `feed_publisher.archives`: its dated Markdown and HTML files at any depth, as posts of `_posts`. */
  async readArchive(folder: string): Promise<void> {
    const { root, settings, refused } = this;
    const dir = folder.replace(/^\.?\/+|\/+$/g, "");
    // an archive the site does not have (yet): nothing to read, as Jekyll says nothing of a missing `include`
    const found = await lstat(join(root, dir)).catch(() => undefined);
    if (!found) return;
    if (!found.isDirectory()) {
      refused.push({ file: dir, reason: found.isSymbolicLink() ? SYMLINK : "an archive folder of feed_publisher.archives that is not a folder" });
      return;
    }
    for (const { path, entry, utf8 } of await listBelow(root, dir, refused)) {
      const file = `${dir}/${path}`;
      const name = basename(path);
      const dated = POST_FILE_NAME.exec(name);
      if (!utf8) {
        if (dated || entry.isDirectory()) refused.push({ file, reason: NOT_UTF8 });
        continue;
      }
      if (entry.isDirectory() || !dated) continue;
      const markup = markupOf(settings, readPostFileName(name).ext);
      if (!markup) continue;
      if (!entry.isFile()) refused.push({ file, reason: kindOf(entry) });
      else if (!fileNameTime(dated[1]!, "UTC")) refused.push({ file, reason: `its date ${dated[1]} is not a date` });
      else this.posts.push({ file, relativePath: `_posts/${name}`, categoriesFromPath: [], draft: false, archive: true, ...markup });
    }
  }
}

const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);
