import { globRegExp } from "./ruby-glob.js";
import { splitWords } from "./permalink.js";
import { isMapping } from "./site-yaml.js";

/** One `defaults:` entry of `_config.yml`, checked. */
export interface FrontMatterDefault {
  scope: {
    /** As written; "" (every file) when absent. Matched as a string prefix of the post's path, or as a glob when it holds `*`. */
    path: string;
    /** `posts`, `pages`, `drafts` or a collection's name (`post`, `page`, `draft` read as their plurals, as Jekyll does); undefined for any. */
    type?: string;
  };
  values: Record<string, unknown>;
}

/** What a `defaults:` check reports, with the entry's index for the line. */
export type DefaultsReport = (severity: "error" | "warning", message: string, index?: number) => void;

const deprecatedTypes: Record<string, string> = { page: "pages", post: "posts", draft: "drafts" };

/**
 * The `defaults:` setting, checked entry by entry. An entry without a `values` mapping is left
 * out, as Jekyll leaves it out ("An invalid front-matter default set"); one without `scope` is
 * read as applying to every file (Jekyll 4.3 may stop the build on it instead).
 */
export function readDefaults(raw: unknown, report: DefaultsReport): FrontMatterDefault[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    report("error", "defaults should be a list of {scope, values} entries: ignored, as Jekyll ignores it");
    return [];
  }
  const defaults: FrontMatterDefault[] = [];
  raw.forEach((entry, index) => {
    if (!isMapping(entry) || !isMapping(entry.values)) {
      report("error", `defaults entry ${index + 1} has no values: mapping: left out, as Jekyll leaves it out`, index);
      return;
    }
    const scope = entry.scope;
    if (scope !== undefined && scope !== null && !isMapping(scope)) {
      report("error", `defaults entry ${index + 1}: scope should be a mapping of path and type: left out`, index);
      return;
    }
    if (!isMapping(scope)) report("warning", `defaults entry ${index + 1} has no scope: read as every file (Jekyll 4.3 can stop the build on such an entry: write scope: {path: ""})`, index);
    let path = "";
    if (isMapping(scope) && scope.path !== undefined && scope.path !== null) {
      if (typeof scope.path !== "string") {
        report("error", `defaults entry ${index + 1}: scope path should be a string, not ${JSON.stringify(scope.path)}: left out`, index);
        return;
      }
      path = scope.path;
      if (path.startsWith("/") && !path.includes("*")) {
        report("warning", `defaults entry ${index + 1}: scope path ${JSON.stringify(path)} starts with "/", so Jekyll 4.3 never matches it (write it without the leading "/"); kept as Jekyll reads it`, index);
      }
    }
    let type: string | undefined;
    if (isMapping(scope) && Object.hasOwn(scope, "type")) {
      if (typeof scope.type !== "string") {
        report("error", `defaults entry ${index + 1}: scope type should be a string such as posts: left out`, index);
        return;
      }
      type = deprecatedTypes[scope.type] ?? scope.type;
      if (type === "drafts") {
        report("warning", `defaults entry ${index + 1}: type drafts never applies in Jekyll 4.3 (drafts are of type posts); kept as Jekyll reads it: scope drafts with path: "_drafts"`, index);
      }
    }
    defaults.push({ scope: { path, ...(type !== undefined && { type }) }, values: entry.values });
  });
  return defaults;
}

/** Jekyll's `sanitize_path` for precedence: a leading `/` cut. */
const precedencePath = (path: string) => path.replace(/^\//, "");

/** Jekyll's `has_precedence?`: the longer scope path wins; at equal length a scope with a type does, or one as plain as the last. */
function hasPrecedence(old: FrontMatterDefault["scope"] | undefined, next: FrontMatterDefault["scope"]): boolean {
  if (!old) return true;
  const [nextPath, oldPath] = [precedencePath(next.path), precedencePath(old.path)];
  if (nextPath.length !== oldPath.length) return nextPath.length >= oldPath.length;
  return next.type !== undefined || old.type === undefined;
}

/**
 * Whether a scope path takes a post's path (relative to `collectionsDir`). Without `*`, Jekyll
 * compares strings: `blog` takes `blog/…` and `blogroll/…` alike. With `*`, Jekyll globs the
 * disk and takes a file below any match; here the glob is tried on the post's path and each of
 * its folders, which is the same set of matches without listing the disk.
 */
function appliesPath(scopePath: string, relativePath: string, collectionsDir: string): boolean {
  if (scopePath === "") return true;
  const collectionsPrefix = collectionsDir === "" ? "" : `${collectionsDir.replace(/\/+$/, "")}/`;
  const strip = (path: string) => (collectionsPrefix && path.startsWith(collectionsPrefix) ? path.slice(collectionsPrefix.length) : path);
  if (!scopePath.includes("*")) return relativePath.startsWith(strip(scopePath));
  const glob = globRegExp(scopePath);
  const parts = `${collectionsPrefix}${relativePath}`.split("/");
  return parts.some((_, i) => glob.test(parts.slice(0, i + 1).join("/")));
}

/** Jekyll's `deep_merge_hashes`: mappings merged key by key, a null value keeping the old one, anything else replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = merged[key];
    if (value === null || value === undefined) {
      if (!Object.hasOwn(merged, key)) merged[key] = value;
    } else merged[key] = isMapping(old) && isMapping(value) ? deepMerge(old, value) : value;
  }
  return merged;
}

/**
 * The default values for one post (Jekyll's `FrontmatterDefaults#all`): the entries whose scope
 * takes the post's path and type, merged in order, an entry that has precedence over the last
 * winner (`hasPrecedence`) overriding, one that has not only filling gaps. A post and a draft
 * both have the type `posts` in Jekyll 4.3.
 */
export function defaultsFor(defaults: readonly FrontMatterDefault[], relativePath: string, options: { type?: string; collectionsDir?: string } = {}): Record<string, unknown> {
  const type = options.type ?? "posts";
  let values: Record<string, unknown> = {};
  let winner: FrontMatterDefault["scope"] | undefined;
  for (const entry of defaults) {
    if (entry.scope.type !== undefined && entry.scope.type !== type) continue;
    if (!appliesPath(entry.scope.path, relativePath, options.collectionsDir ?? "")) continue;
    if (hasPrecedence(winner, entry.scope)) {
      values = deepMerge(values, entry.values);
      winner = entry.scope;
    } else {
      values = deepMerge(entry.values, values);
    }
  }
  return values;
}

/** `categories` as Jekyll merges it in: a string split on whitespace, joined to the ones before without repeats. */
function mergeData(data: Record<string, unknown>, other: Record<string, unknown>): Record<string, unknown> {
  const incoming = other.categories;
  if (incoming === undefined || incoming === null) return deepMerge(data, other);
  const list = typeof incoming === "string" ? splitWords(incoming) : Array.isArray(incoming) ? incoming : [incoming];
  const before = Array.isArray(data.categories) ? data.categories : [];
  return deepMerge(data, { ...other, categories: [...new Set([...before, ...list])] });
}

/**
 * A post's data as Jekyll builds it before reading its title and categories: the folders above
 * `_posts` as `categories`, then the defaults (`defaultsFor`), then the post's own front matter,
 * which wins except where it says null. `categories` is the one key joined instead of replaced.
 */
export function applyDefaults(frontMatter: Record<string, unknown>, defaultValues: Record<string, unknown>, categoriesFromPath: readonly string[]): Record<string, unknown> {
  return mergeData(mergeData({ categories: [...categoriesFromPath] }, defaultValues), frontMatter);
}
