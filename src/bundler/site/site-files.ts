import { closeSync, lstatSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { parseFrontMatter } from "../read/front-matter.js";
import { MAX_POST_BYTES } from "../read/files.js";
import { normalizeUrl } from "./absolute-url.js";
import type { SiteConfig } from "./config.js";
import { deepMerge, defaultsFor } from "./defaults.js";
import { escapeUrlPath, sanitizeUrl } from "./permalink.js";
import { keeps, type PostFileSettings } from "./post-files.js";

export type SiteFileSettings = PostFileSettings & Pick<SiteConfig, "permalinkStyle" | "defaults" | "baseurl">;

const HTML_EXTENSIONS = new Set([".html", ".xhtml", ".htm"]);

/** Jekyll's `Utils.has_yaml_header?`: the first line is `---` (white space after it allowed). */
function hasFrontMatter(file: string): boolean {
  const head = Buffer.alloc(64);
  const fd = openSync(file, "r");
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return /^---\s*\r?\n/.test(head.subarray(0, read).toString("utf8"));
  } finally {
    closeSync(fd);
  }
}

/** Jekyll's `Utils.add_permalink_suffix`: what the site's `permalink` style puts after a page's name. */
function permalinkSuffix(style: string): string {
  if (style === "pretty") return "/";
  if (style === "date" || style === "ordinal" || style === "none") return ":output_ext";
  return `${style.endsWith("/") ? "/" : ""}${style.endsWith(":output_ext") ? ":output_ext" : ""}`;
}

/**
 * Jekyll 4.3's `Page#url`: its own `permalink` (front matter, or `defaults` for `pages`), else its
 * folder and name with the ending the site's permalink style gives (`/about.html`, `/about/`, or
 * `/docs/` for `docs/index.md`); a page that is not HTML keeps its own ending.
 */
function pageUrl(settings: SiteFileSettings, path: string, data: Record<string, unknown>): string {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "" : path.slice(0, slash);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot) : "";
  const basename = name.slice(0, name.length - ext.length).replace(/\.+$/, "");
  const bare = ext.slice(1).toLowerCase();
  const outputExt = settings.markdownExtensions.includes(bare) ? ".html" : bare === "scss" || bare === "sass" ? ".css" : ext;
  const own = data.permalink;
  let template: string;
  if (own !== undefined && own !== null && own !== false) template = String(own);
  else if (!HTML_EXTENSIONS.has(outputExt)) template = "/:path/:basename:output_ext";
  else if (basename === "index") template = "/:path/";
  else template = `/:path/:basename${permalinkSuffix(settings.permalinkStyle)}`;
  // URL#generate_url_from_hash: each placeholder in turn, its value escaped
  for (const [key, value] of [["path", dir], ["basename", basename], ["output_ext", outputExt]] as const) {
    if (!template.includes(":")) break;
    template = template.replaceAll(`:${key}`, () => escapeUrlPath(value));
  }
  return sanitizeUrl(template);
}

/**
 * The site's pages and static files as `{% link %}` finds them (posts are the SiteIndex's): a
 * file Jekyll reads — not excluded, not below a folder starting with `_`, `.` or `#` unless
 * `include` names it, no symbolic link on the way — is a page when it opens with front matter
 * and a static file otherwise. Its URL carries the baseurl and is normalized, as `relative_url`
 * writes it. Collections' documents are not found.
 */
export class SiteFiles {
  private readonly urls = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly settings: SiteFileSettings,
  ) {}

  urlOf(path: string): string | undefined {
    if (!this.urls.has(path)) this.urls.set(path, this.find(path));
    return this.urls.get(path);
  }

  private find(path: string): string | undefined {
    const segments = path.split("/");
    if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) return undefined;
    const destination = this.settings.destination.replace(/^\.?\/+|\/+$/g, "");
    if (segments[0] === destination) return undefined;
    let size = 0;
    for (let i = 0; i < segments.length; i++) {
      const base = segments.slice(0, i).join("/");
      const isFolder = i < segments.length - 1;
      if (!keeps(this.settings, base, segments[i]!, isFolder)) return undefined;
      try {
        const stat = lstatSync(join(this.root, base, segments[i]!));
        if (stat.isSymbolicLink() || (isFolder ? !stat.isDirectory() : !stat.isFile())) return undefined;
        size = stat.size;
      } catch {
        return undefined;
      }
    }
    const file = join(this.root, path);
    let url: string;
    try {
      if (hasFrontMatter(file)) {
        if (size > MAX_POST_BYTES) return undefined;
        let data: Record<string, unknown> = {};
        try {
          data = parseFrontMatter(readFileSync(file, "utf8")).data;
        } catch {
          // a page whose front matter does not read keeps its place by name
        }
        url = pageUrl(this.settings, path, deepMerge(defaultsFor(this.settings.defaults, path, { type: "pages" }), data));
      } else {
        url = `/${path}`;
      }
    } catch {
      // unreadable, or a permalink Jekyll's URL escaping refuses (PermalinkError): not found
      return undefined;
    }
    return normalizeUrl(`${this.settings.baseurl}${url}`);
  }
}
