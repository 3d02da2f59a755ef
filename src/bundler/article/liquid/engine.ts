import { Liquid, type Context, type FS, type Token } from "liquidjs";
import { MAX_TEMPLATE_CHARS } from "./limits.js";
import { NOT_JEKYLL_FILTERS, jekyllFilters } from "./filters.js";
import { IncludeFileTag, IncludeRelativeTag } from "./includes.js";
import { readStringsAsRuby } from "./literal-strings.js";
import { addUnknown, noteUnknown, stateOf } from "./state.js";
import { CaptureTag, HighlightTag, IfChangedTag, LinkTag, PostUrlTag, TablerowTag, UnknownTag } from "./tags.js";

/** liquidjs never reads a file itself here (includes are read by IncludeFileTag, sandboxed): its file system refuses. */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => Promise.reject(new Error(`no file is read: ${file}`)),
  readFileSync: (file) => {
    throw new Error(`no file is read: ${file}`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

/** A filter the publisher does not have: its input passes through, and the post's warnings name it where it was used. */
function unknownFilter(name: string) {
  return function (this: { context: Context; token: Token }, input: unknown): unknown {
    const state = stateOf(this.context);
    const { file, input: source } = this.token;
    // a filter inside a `where_exp` expression has a place in that expression only
    const line = file || source === state.request.template ? this.token.getPosition()[0] : undefined;
    addUnknown(state, { kind: "filter", name, ...(file ? { file } : {}), ...(line === undefined ? {} : { line }) });
    return input;
  };
}

/**
 * The one Liquid engine: Jekyll's tags and filters, liquidjs's tags that Jekyll lacks removed
 * (`layout`, `block`, `render` would read files), and tags or filters it does not know turned
 * into warnings instead of errors.
 */
export function createEngine(): Liquid {
  readStringsAsRuby();
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: false,
    strictVariables: false,
    relativeReference: false,
    root: [],
    fs: noFiles,
    cache: false,
    locale: "en-US",
    parseLimit: MAX_TEMPLATE_CHARS,
  });
  for (const name of ["layout", "block", "render"]) delete liquid.tags[name];
  for (const name of NOT_JEKYLL_FILTERS) delete liquid.filters[name];
  liquid.registerTag("include", IncludeFileTag);
  liquid.registerTag("include_relative", IncludeRelativeTag);
  liquid.registerTag("capture", CaptureTag);
  liquid.registerTag("tablerow", TablerowTag);
  liquid.registerTag("ifchanged", IfChangedTag);
  liquid.registerTag("highlight", HighlightTag);
  liquid.registerTag("post_url", PostUrlTag);
  liquid.registerTag("link", LinkTag);
  for (const [name, filter] of Object.entries(jekyllFilters)) liquid.registerFilter(name, filter);
  const unknownFilters = new Map<string, ReturnType<typeof unknownFilter>>();
  Object.assign(liquid, {
    tags: new Proxy(liquid.tags, {
      get: (tags, name) => (typeof name !== "string" || Object.hasOwn(tags, name) ? Reflect.get(tags, name) : UnknownTag),
    }),
    filters: new Proxy(liquid.filters, {
      get: (filters, name) => {
        if (typeof name !== "string" || Object.hasOwn(filters, name)) return Reflect.get(filters, name);
        noteUnknown("filter", name);
        let filter = unknownFilters.get(name);
        if (!filter) unknownFilters.set(name, (filter = unknownFilter(name)));
        return filter;
      },
    }),
  });
  return liquid;
}
